import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prng } from "@/lib/demo/synthetic";
import { GitClone } from "@/lib/repositories/git";
import { DEFAULT_SETTINGS, type GitSettings } from "@/lib/repositories/git-process";
import { compilePatterns } from "@/lib/repositories/patterns";
import { checkRemote } from "@/lib/repositories/remote-policy";
import { scanRepository, type ScanResult, type ScanState, type ScanTarget } from "@/lib/repositories/scan";
import { mb, round, timeOnce, type Benchmark, type Figures } from "./harness";

const FILES = 3000;
const MODULES = 180;

/**
 * A legacy Flask application of 3,000 files, shaped like a real one: an app factory registering
 * 180 blueprints, each module a package with views (5 routes each), models, forms, services,
 * utilities, a test file, templates and static files; Python 2 leftovers (`import six`, print
 * statements, `unicode(`) spread through it. Deterministic for a seed.
 */
export function writeLegacyApp(dir: string): number {
  const rand = prng(22);
  const files = new Map<string, string>();
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `    value_${i} = compute(value_${i - 1 < 0 ? 0 : i - 1}, ${i})  # step ${i}`).join("\n");
  const py2 = () => (rand() < 0.3 ? "import six\n" : "") + (rand() < 0.2 ? 'print "debug"\n' : "");
  const registrations: string[] = [];
  for (let m = 0; m < MODULES; m++) {
    const mod = `mod${m}`;
    registrations.push(`from .${mod}.views import bp as ${mod}_bp`);
    files.set(`app/${mod}/__init__.py`, rand() < 0.3 ? `"""The ${mod} module."""\n` : "");
    const routes = Array.from({ length: 5 }, (_, r) => {
      const path = r === 0 ? "/" : r === 1 ? "/<int:item_id>" : `/<int:item_id>/action${r}`;
      const methods = r === 3 ? ', methods=["POST"]' : "";
      return `@bp.route("${path}"${methods})\ndef ${mod}_view_${r}(${r === 0 ? "" : "item_id"}):\n    if request.args.get("x") and not request.args.get("y"):\n        return {}\n${filler(8)}\n    return render_template("${mod}/page${r}.html")\n`;
    });
    files.set(
      `app/${mod}/views.py`,
      `${py2()}from flask import Blueprint, render_template, request\n\nbp = Blueprint("${mod}", __name__)\n\n\n${routes.join("\n\n")}`,
    );
    for (const part of ["models", "forms", "services", "utils"]) {
      files.set(
        `app/${mod}/${part}.py`,
        `${py2()}from ..core import db\n\n\nclass ${part[0].toUpperCase()}${part.slice(1)}${m}(object):\n    def label(self):\n        return unicode(self.id)\n\n    def run(self, value_0):\n${filler(40 + Math.floor(rand() * 60))}\n        return value_0\n`,
      );
    }
    files.set(`tests/${mod}/test_views.py`, `def test_index(client):\n    assert client.get("/${mod}/").status_code == 200\n`);
    for (let t = 0; t < 5; t++) files.set(`app/templates/${mod}/page${t}.html`, `<h1>${mod} ${t}</h1>\n{% for x in items %}<p>{{ x }}</p>{% endfor %}\n`);
    files.set(`app/static/${mod}/${mod}.js`, `export function ${mod}() {\n  return ${m};\n}\n`);
  }
  files.set(
    "app/__init__.py",
    `from flask import Flask\n\n${registrations.join("\n")}\n\n\ndef create_app():\n    app = Flask(__name__)\n${Array.from({ length: MODULES }, (_, m) => `    app.register_blueprint(mod${m}_bp, url_prefix="/mod${m}")`).join("\n")}\n    return app\n`,
  );
  files.set("app/core.py", "db = None\n");
  files.set("requirements.txt", "Flask==1.1.4\nsix==1.16.0\n");
  for (let i = 0; files.size < FILES; i++) files.set(`docs/page${i}.md`, `# Page ${i}\n\nSome documentation.\n`);
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return files.size;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "b",
      GIT_AUTHOR_EMAIL: "b@example.com",
      GIT_COMMITTER_NAME: "b",
      GIT_COMMITTER_EMAIL: "b@example.com",
    },
  });
}

export const repositoryScan: Benchmark = {
  name: "repository scan (3,000-file Flask repository)",
  async run(): Promise<Figures> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-bench-scan-")));
    try {
      const remote = path.join(root, "remotes", "legacy");
      fs.mkdirSync(remote, { recursive: true });
      const files = writeLegacyApp(remote);
      git(remote, "init", "--quiet", "--initial-branch", "main");
      git(remote, "add", "--all");
      git(remote, "commit", "--quiet", "-m", "legacy");
      const settings: GitSettings = { ...DEFAULT_SETTINGS };
      const source = { remote: await checkRemote(`file://${remote}`, { repositoryRoot: path.join(root, "remotes"), allowPrivate: false }), branch: "main" };
      const patterns = await compilePatterns([
        { id: "six", kind: "regex", source: String.raw`^\s*(?:import six\b|from six\b)`, languages: ["python"] },
        { id: "print-statement", kind: "regex", source: String.raw`^\s*print\s+["'\w]`, languages: ["python"] },
        { id: "unicode", kind: "regex", source: String.raw`\bunicode\(`, languages: ["python"] },
      ]);
      const target: ScanTarget = { folders: [{ path: "" }], patterns };

      let clone!: GitClone;
      let head = "";
      const cloneMs = await timeOnce(async () => {
        ({ clone, head } = await GitClone.sync(path.join(root, "clones", "legacy"), source, settings));
      });
      let first!: ScanResult;
      const rssBefore = process.memoryUsage().rss;
      const firstMs = await timeOnce(async () => {
        first = await scanRepository({ reader: clone, commit: head, previous: null, target });
      });
      const rssAfter = process.memoryUsage().rss;

      /** Commits one change to the remote, then times the fetch and the scan, as a push would trigger them. */
      const push = async (state: ScanState, change: () => void) => {
        change();
        git(remote, "commit", "--quiet", "--all", "-m", "change");
        let commit = "";
        const fetchMs = await timeOnce(async () => {
          commit = await clone.fetch(source);
        });
        let result!: ScanResult;
        const scanMs = await timeOnce(async () => {
          result = await scanRepository({ reader: clone, commit, previous: state, target });
        });
        return { fetchMs, scanMs, result };
      };

      let state = first.state;
      const views: Array<{ fetchMs: number; scanMs: number; filesRead: number; context: number }> = [];
      for (let i = 0; i < 5; i++) {
        const file = path.join(remote, `app/mod${i * 7}/views.py`);
        const r = await push(state, () => fs.appendFileSync(file, `\n\n@bp.route("/added${i}")\ndef added_${i}():\n    return {}\n`));
        views.push({ fetchMs: r.fetchMs, scanMs: r.scanMs, filesRead: r.result.log.filesRead, context: r.result.log.contextFilesRead });
        state = r.result.state;
      }
      const model = await push(state, () => fs.appendFileSync(path.join(remote, "app/mod3/models.py"), "\nimport six\n"));
      state = model.result.state;
      const routing = await push(state, () => fs.appendFileSync(path.join(remote, "app/__init__.py"), "\n# touched\n"));
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const size = execFileSync("du", ["-sk", clone.dir], { encoding: "utf8" }).split("\t")[0];

      return {
        "files in the repository": files,
        "clone size on disk": `${Math.round(Number(size) / 1024)} MB`,
        "first clone (git init + fetch, file://)": `${round(cloneMs)} ms`,
        "first scan: files read": first.log.filesRead,
        "first scan: routes found": first.log.routesByFramework.flask ?? 0,
        "first scan: pattern occurrences": Object.entries(first.log.patternTotals)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
        "first scan (list + read + parse + count)": `${round(firstMs)} ms`,
        "first scan RSS growth": mb(rssAfter - rssBefore),
        "one-file push (views.py), fetch p50": `${round(median(views.map((v) => v.fetchMs)))} ms`,
        "one-file push (views.py), scan p50": `${round(median(views.map((v) => v.scanMs)))} ms`,
        "one-file push (views.py), fetch + scan p50 / max": `${round(median(views.map((v) => v.fetchMs + v.scanMs)))} / ${round(Math.max(...views.map((v) => v.fetchMs + v.scanMs)))} ms`,
        "one-file push (views.py): files read + routing files": `${views[0].filesRead} + ${views[0].context}`,
        "one-file push (models.py), fetch + scan": `${round(model.fetchMs + model.scanMs)} ms (${model.result.log.filesRead} read)`,
        "routing-file push (app/__init__.py), fetch + scan": `${round(routing.fetchMs + routing.scanMs)} ms (${routing.result.log.filesRead} read)`,
      };
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
