// Over 400 lines: one incremental scan (previous state in, next state out); the pieces it calls live beside it in lib/repositories/.
/**
 * The scan of one repository at one commit: its routes (per scanned folder and framework, by
 * `parseRoutesFromSource`) and its pattern counts, computed from the previous scan's state by
 * reading only what changed.
 *
 *   - First scan, a force-push (the recorded commit is gone or no longer in the branch's history),
 *     a change of the folders or frameworks, or `full: true`: every file in scope is read. The log
 *     says which and why.
 *   - Otherwise `git diff --name-status` between the recorded commit and this one names the files
 *     to read again; the others keep their routes and counts.
 *   - The same commit again: nothing is read and the state is returned as it was (unless a pattern
 *     was added or changed: only that pattern is counted, over every file).
 *
 * Routes are resolved across files (a Flask blueprint's prefix is set where an app registers it;
 * Django's URLconfs include one another), so a changed file is parsed together with its folder's
 * **routing files** for that framework: the files that create apps, register, include or mount
 * route sets, set ROOT_URLCONF, or re-export modules (package `__init__.py`, `index.js`). Their
 * paths are kept in the state; their text is read from the clone (counted apart, as context).
 * When a routing file itself changes, every file of that framework in the folder is parsed
 * again. Only the routes of the changed files are taken from such a partial parse. A scheduled
 * full scan (`full: true`) re-detects the frameworks and re-checks all of this.
 */
import { detectFrameworks, isRelevantFile, parseRoutesFromSource, type SourceFramework } from "@/lib/import/parsers/source";
import type { ParseIssue, RouteRecord, SourceFile } from "@/lib/import/types";
import { AppError } from "@/lib/errors";
import type { ChangeSet, FileRead, RepositoryReader, TreeEntry } from "./git";
import { updateCounts, patternTotals, type CompiledPattern, type PatternCountsByFile } from "./patterns";
import { isRoutingFile, ownerSources, pathResolver } from "./routing-files";

export type ScanFolder = {
  /** A folder of the repository ("" or "." for the whole of it). */
  path: string;
  /** The frameworks whose routes live there; absent: detected at each full scan (the source import's rules). */
  frameworks?: SourceFramework[];
};

export type ScanTarget = { folders: ScanFolder[]; patterns: CompiledPattern[] };

/** A route as the scan found it: the parser's record, its file relative to the repository's root. */
export type ScannedRoute = RouteRecord & { framework: SourceFramework; folder: string };

export type ScanState = {
  version: 1;
  commit: string;
  /** What was scanned (folders and frameworks as configured): a change means a full scan. */
  target: string;
  /** Per folder: the frameworks in use and, per framework, its routing files (repository paths). */
  folders: Record<string, { frameworks: SourceFramework[]; routingFiles: Partial<Record<SourceFramework, string[]>> }>;
  routesByFile: Record<string, ScannedRoute[]>;
  patternCountsByFile: PatternCountsByFile;
  patternFingerprints: Record<string, string>;
};

export type ScanWarning = { file: string; line?: number; message: string };

export type ScanLog = {
  commit: string;
  previousCommit: string | null;
  mode: "full" | "incremental" | "unchanged";
  /** Why this mode, in words ("first scan", "the recorded commit … is no longer in the branch's history (a force-push): …"). */
  reason: string;
  /** Files in scope the diff named (added, modified, deleted, renamed); 0 on a full scan. */
  changedFiles: number;
  /** Files whose text this scan read because they changed (or, on a full scan, all in scope). */
  filesRead: number;
  /** Routing files read only to resolve the changed files' prefixes. */
  contextFilesRead: number;
  /** The paths read (first 200). */
  readPaths: string[];
  routesByFramework: Record<string, number>;
  routesAdded: number;
  routesRemoved: number;
  patternTotals: Record<string, number>;
  warnings: ScanWarning[];
  elapsedMs: number;
};

export type RouteChanges = {
  added: ScannedRoute[];
  removed: ScannedRoute[];
  /** Same method and path, now at another file or line. */
  moved: Array<{ from: ScannedRoute; to: ScannedRoute }>;
};

export type ScanResult = { state: ScanState; log: ScanLog; changes: RouteChanges };

const MAX_WARNINGS = 500;
const MAX_READ_PATHS = 200;

export async function scanRepository(input: {
  reader: RepositoryReader;
  /** The commit to scan (the branch's head after the fetch). */
  commit: string;
  previous: ScanState | null;
  target: ScanTarget;
  /** Read everything, whatever the previous state (a scheduled full scan). */
  full?: boolean;
}): Promise<ScanResult> {
  const started = performance.now();
  const { reader, commit, previous, target } = input;
  const folders = normaliseFolders(target.folders);
  const targetKey = JSON.stringify(folders);
  const run = new Run(reader, commit, target.patterns);

  let state: ScanState;
  let mode: ScanLog["mode"];
  let reason: string;
  let changedFiles = 0;
  const fullReason = !previous
    ? "first scan"
    : previous.version !== 1 || previous.target !== targetKey
      ? "the folders or frameworks to scan changed"
      : input.full
        ? "a full scan was asked for"
        : undefined;

  if (fullReason || !previous) {
    mode = "full";
    reason = fullReason ?? "first scan";
    state = await run.full(folders, targetKey);
  } else if (previous.commit === commit) {
    mode = "unchanged";
    reason = `commit ${commit.slice(0, 12)} was already scanned`;
    state = await run.patternsOnly(previous);
  } else {
    const changes: ChangeSet = await reader.changedFiles(previous.commit, commit);
    if (changes.kind !== "changes") {
      mode = "full";
      reason = `${changes.message}: every file is read again`;
      state = await run.full(folders, targetKey);
    } else {
      mode = "incremental";
      const inScope = changes.changes.filter(
        (c) => folderOf(folders, c.path) !== undefined || (c.status === "renamed" && folderOf(folders, c.previousPath) !== undefined),
      );
      changedFiles = inScope.length;
      reason = `${inScope.length} changed file${inScope.length === 1 ? "" : "s"} in scope since ${previous.commit.slice(0, 12)}`;
      state = await run.incremental(previous, inScope);
    }
  }
  if (run.notes.length) reason += `; ${run.notes.join("; ")}`;

  const before = previous ? listRoutes(previous) : [];
  const after = listRoutes(state);
  const changes = diffRoutes(before, after);
  const routesByFramework: Record<string, number> = {};
  for (const r of after) routesByFramework[r.framework] = (routesByFramework[r.framework] ?? 0) + 1;
  const warnings = run.warnings.slice(0, MAX_WARNINGS);
  if (run.warnings.length > MAX_WARNINGS) warnings.push({ file: "", message: `… and ${run.warnings.length - MAX_WARNINGS} more warnings` });
  const log: ScanLog = {
    commit,
    previousCommit: previous?.commit ?? null,
    mode,
    reason,
    changedFiles,
    filesRead: run.read.size,
    contextFilesRead: run.context.size,
    readPaths: [...run.read].slice(0, MAX_READ_PATHS),
    routesByFramework,
    routesAdded: changes.added.length,
    routesRemoved: changes.removed.length,
    patternTotals: patternTotals(state.patternCountsByFile),
    warnings,
    elapsedMs: Math.round(performance.now() - started),
  };
  return { state, log, changes };
}

/** Every route of the state, sorted by path, method, file and line; the first of each method + path kept (as the parsers do). */
export function listRoutes(state: ScanState): ScannedRoute[] {
  const all = Object.values(state.routesByFile).flat().sort(compareRoutes);
  const seen = new Set<string>();
  return all.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Routes that appeared, disappeared or moved between two listings (by method + path). */
export function diffRoutes(before: ScannedRoute[], after: ScannedRoute[]): RouteChanges {
  const key = (r: ScannedRoute) => `${r.method} ${r.path}`;
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  const moved: RouteChanges["moved"] = [];
  for (const [k, r] of now) {
    const o = old.get(k);
    if (o && (o.file !== r.file || o.line !== r.line)) moved.push({ from: o, to: r });
  }
  return { added: after.filter((r) => !old.has(key(r))), removed: before.filter((r) => !now.has(key(r))), moved };
}

// ---------------------------------------------------------------------------------------------

type Folder = { path: string; frameworks?: SourceFramework[] };

function normaliseFolders(folders: ScanFolder[]): Folder[] {
  const list = (folders.length ? folders : [{ path: "" }]).map((f) => {
    const p = f.path
      .trim()
      .replace(/^\.\/?/, "")
      .replace(/^\/+|\/+$/g, "");
    if (p.split("/").some((s) => s === ".." || s === ".") || p.includes("\\"))
      throw new AppError("invalid_input", `'${f.path}' is not a folder inside the repository.`);
    return { path: p, ...(f.frameworks?.length ? { frameworks: [...f.frameworks] } : {}) };
  });
  list.sort((a, b) => (a.path < b.path ? -1 : 1));
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      if (i !== j && (list[j].path === list[i].path || list[i].path === "" || list[j].path.startsWith(list[i].path + "/"))) {
        throw new AppError(
          "invalid_input",
          `The folders '${list[i].path || "."}' and '${list[j].path || "."}' overlap: scan each part of the repository once.`,
        );
      }
    }
  }
  return list;
}

function folderOf(folders: Folder[], path: string): Folder | undefined {
  return folders.find((f) => f.path === "" || path.startsWith(f.path + "/"));
}

const rel = (folder: string, path: string) => (folder === "" ? path : path.slice(folder.length + 1));
const abs = (folder: string, path: string) => (folder === "" ? path : `${folder}/${path}`);

/** Files the framework detection looks at (sources and dependency manifests). */
function matterForDetection(path: string): boolean {
  return (
    /\.(?:py|[cm]?[jt]s|rb|php)$/.test(path) ||
    /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|Pipfile|setup\.cfg|package\.json|Gemfile|composer\.json|artisan)$/.test(path)
  );
}

class Run {
  /** Repository paths read for their own sake / only as routing context. */
  readonly read = new Set<string>();
  readonly context = new Set<string>();
  readonly warnings: ScanWarning[] = [];
  readonly notes: string[] = [];
  private readonly texts = new Map<string, string | null>();
  private listing: TreeEntry[] | undefined;

  constructor(
    private readonly reader: RepositoryReader,
    private readonly commit: string,
    private readonly patterns: CompiledPattern[],
  ) {}

  // -- full -----------------------------------------------------------------------------------

  async full(folders: Folder[], targetKey: string): Promise<ScanState> {
    const entries = await this.list(folders);
    const state: ScanState = {
      version: 1,
      commit: this.commit,
      target: targetKey,
      folders: {},
      routesByFile: {},
      patternCountsByFile: {},
      patternFingerprints: fingerprints(this.patterns),
    };
    const files = entries.filter((e) => folderOf(folders, e.path));
    for (const e of files) {
      if (e.type !== "file" && this.wanted(folders, e.path, undefined))
        this.warn(e.path, e.type === "symlink" ? "a symbolic link: not followed" : "a submodule: not read");
    }
    // every file a framework (or the detection) or a pattern may need, in one read
    await this.load(
      files.filter((e) => e.type === "file" && this.wanted(folders, e.path, undefined)).map((e) => e.path),
      "read",
    );
    for (const folder of folders) {
      const inFolder = files.filter((e) => e.type === "file" && folderOf(folders, e.path) === folder).map((e) => e.path);
      let frameworks = folder.frameworks;
      if (!frameworks) {
        const detected = detectFrameworks(
          this.sources(
            folder.path,
            inFolder.filter((p) => matterForDetection(rel(folder.path, p))),
          ),
        );
        frameworks = detected.slice(0, 1); // as the source import: the most likely framework
        if (!frameworks.length) this.warn(folder.path || ".", "no Flask, FastAPI, Django, Express, Rails or Laravel routes found to detect a framework by");
      }
      state.folders[folder.path] = { frameworks, routingFiles: {} };
      for (const fw of frameworks) this.parseAll(state, folder.path, fw, inFolder);
    }
    state.patternCountsByFile = updateCounts({}, this.patterns, { files: this.patternFiles(files.map((e) => e.path)) });
    return sortState(state);
  }

  /** Parses every file of a framework in a folder and replaces its routes and routing files. */
  private parseAll(state: ScanState, folder: string, fw: SourceFramework, paths: string[]): void {
    const relevant = paths.filter((p) => isRelevantFile(fw, rel(folder, p)));
    const sources = this.sources(folder, relevant);
    const result = parseRoutesFromSource(fw, sources);
    removeRoutes(state, (r) => r.folder === folder && r.framework === fw);
    addRoutes(state, folder, fw, result.records);
    this.parseIssues(folder, result.issues);
    const resolve = pathResolver(relevant.map((p) => rel(folder, p)));
    const routing = new Set(sources.filter((s) => isRoutingFile(fw, s.path, s.text)).map((s) => s.path));
    for (const s of sources) for (const owner of ownerSources(fw, s.path, s.text, resolve)) routing.add(owner);
    state.folders[folder].routingFiles[fw] = [...routing].map((p) => abs(folder, p)).sort();
  }

  // -- incremental ----------------------------------------------------------------------------

  async incremental(previous: ScanState, changes: Array<{ status: string; path: string; previousPath?: string }>): Promise<ScanState> {
    const state: ScanState = structuredClone(previous);
    state.commit = this.commit;
    const folders = Object.entries(previous.folders).map(([path, f]) => ({ path, frameworks: f.frameworks }));
    const present = changes.filter((c) => c.status !== "deleted").map((c) => c.path);
    const gone = changes.flatMap((c) => (c.status === "deleted" ? [c.path] : c.status === "renamed" ? [c.previousPath!] : []));

    await this.load(
      present.filter((p) => this.wanted(folders, p, previous)),
      "read",
    );

    for (const folder of folders) {
      const info = state.folders[folder.path];
      for (const fw of info.frameworks) {
        const changed = present.filter((p) => folderOf(folders, p) === folder && isRelevantFile(fw, rel(folder.path, p)));
        const removed = gone.filter((p) => folderOf(folders, p) === folder && isRelevantFile(fw, rel(folder.path, p)));
        if (!changed.length && !removed.length) continue;
        const routing = new Set(info.routingFiles[fw] ?? []);
        // a changed file may now take its blueprint or router from another module: that one is a routing file from now on
        for (const owner of await this.ownerSourcesOf(folders, folder, fw, changed)) if (!routing.has(owner)) routing.add(owner);
        info.routingFiles[fw] = [...routing].sort();
        const structural = [...removed, ...changed].find(
          (p) => routing.has(p) || (this.text(p) !== null && isRoutingFile(fw, rel(folder.path, p), this.text(p)!)),
        );
        if (structural) {
          this.notes.push(`routing file ${structural} changed: every ${fw} file${folder.path ? ` under ${folder.path}/` : ""} parsed again`);
          const all = (await this.list(folders)).filter((e) => e.type === "file" && folderOf(folders, e.path) === folder).map((e) => e.path);
          await this.load(
            all.filter((p) => isRelevantFile(fw, rel(folder.path, p))),
            "read",
          );
          this.parseAll(state, folder.path, fw, all);
          continue;
        }
        const contextPaths = [...routing].filter((p) => !changed.includes(p) && !removed.includes(p));
        await this.load(contextPaths, "context");
        const parsedFiles = new Set(changed.filter((p) => this.text(p) !== null).map((p) => rel(folder.path, p)));
        const result = parseRoutesFromSource(fw, this.sources(folder.path, [...changed, ...contextPaths]));
        const touched = new Set([...changed, ...removed]);
        removeRoutes(state, (r) => r.folder === folder.path && r.framework === fw && touched.has(r.file));
        addRoutes(
          state,
          folder.path,
          fw,
          result.records.filter((r) => parsedFiles.has(r.file)),
        );
        this.parseIssues(
          folder.path,
          result.issues.filter((i) => parsedFiles.has(i.file)),
        );
      }
    }

    const patternTouched = present.filter((p) => this.patterns.some((pt) => pt.appliesTo(p)));
    const unreadable = patternTouched.filter((p) => this.text(p) === null);
    state.patternCountsByFile = updateCounts(state.patternCountsByFile, this.patterns, {
      removed: [...gone, ...unreadable],
      files: this.patternFiles(patternTouched),
    });
    return sortState(await this.newPatterns(state, folders));
  }

  /** The repository paths the changed files take a route owner from (the folder is listed only when one imports an owner). */
  private async ownerSourcesOf(folders: Folder[], folder: Folder, fw: SourceFramework, changed: string[]): Promise<string[]> {
    const asked: string[] = [];
    const withText = changed.filter((p) => this.text(p) !== null);
    for (const p of withText) ownerSources(fw, rel(folder.path, p), this.text(p)!, (c) => (asked.push(...c), undefined));
    if (asked.length === 0) return [];
    const listed = (await this.list(folders)).filter((e) => e.type === "file" && folderOf(folders, e.path) === folder);
    const resolve = pathResolver(listed.map((e) => rel(folder.path, e.path)).filter((p) => isRelevantFile(fw, p)));
    return withText.flatMap((p) => ownerSources(fw, rel(folder.path, p), this.text(p)!, resolve).map((o) => abs(folder.path, o)));
  }

  // -- same commit ----------------------------------------------------------------------------

  async patternsOnly(previous: ScanState): Promise<ScanState> {
    const current = fingerprints(this.patterns);
    if (JSON.stringify(current) === JSON.stringify(previous.patternFingerprints)) return structuredClone(previous);
    const folders = Object.entries(previous.folders).map(([path, f]) => ({ path, frameworks: f.frameworks }));
    const state = structuredClone(previous);
    return sortState(await this.newPatterns(state, folders));
  }

  /** Patterns added or changed since the state was made are counted over every file; removed ones drop out. */
  private async newPatterns(state: ScanState, folders: Folder[]): Promise<ScanState> {
    const fresh = this.patterns.filter((p) => state.patternFingerprints[p.id] !== p.fingerprint);
    if (fresh.length) {
      this.notes.push(`pattern${fresh.length === 1 ? "" : "s"} ${fresh.map((p) => p.id).join(", ")} new or changed: counted over every file`);
      const all = (await this.list(folders)).filter((e) => e.type === "file" && folderOf(folders, e.path)).map((e) => e.path);
      const applicable = all.filter((p) => fresh.some((pt) => pt.appliesTo(p)));
      await this.load(applicable, "read");
      state.patternCountsByFile = updateCounts(state.patternCountsByFile, this.patterns, {
        files: this.patternFiles(applicable),
        patternIds: fresh.map((p) => p.id),
      });
    } else {
      state.patternCountsByFile = updateCounts(state.patternCountsByFile, this.patterns, { files: [] });
    }
    state.patternFingerprints = fingerprints(this.patterns);
    return state;
  }

  // -- reading --------------------------------------------------------------------------------

  /** Whether a file's text is needed: a framework of its folder may read it, the detection may, or a pattern applies. */
  private wanted(folders: Folder[], path: string, previous: ScanState | undefined): boolean {
    if (this.patterns.some((p) => p.appliesTo(path))) return true;
    const folder = folderOf(folders, path);
    if (!folder) return false;
    const r = rel(folder.path, path);
    const frameworks = previous ? (previous.folders[folder.path]?.frameworks ?? []) : folder.frameworks;
    if (!frameworks) return matterForDetection(r);
    return frameworks.some((fw) => isRelevantFile(fw, r));
  }

  private async list(folders: Folder[]): Promise<TreeEntry[]> {
    this.listing ??= await this.reader.listFiles(this.commit, folders.some((f) => f.path === "") ? [] : folders.map((f) => f.path));
    return this.listing;
  }

  private async load(paths: string[], as: "read" | "context"): Promise<void> {
    const missing = [...new Set(paths)].filter((p) => !this.texts.has(p));
    if (missing.length === 0) return;
    const files: FileRead[] = await this.reader.readFiles(this.commit, missing);
    for (const f of files) {
      if (f.status === "text") this.texts.set(f.path, f.text);
      else {
        this.texts.set(f.path, null);
        if (f.status !== "missing") this.warn(f.path, f.message);
      }
      (as === "read" ? this.read : this.context).add(f.path);
    }
  }

  private text(path: string): string | null {
    return this.texts.get(path) ?? null;
  }

  /** The readable files among `paths`, with paths relative to the folder (what the parsers see). */
  private sources(folder: string, paths: string[]): SourceFile[] {
    const out: SourceFile[] = [];
    for (const p of paths) {
      const text = this.text(p);
      if (text !== null) out.push({ path: rel(folder, p), text });
    }
    return out;
  }

  private patternFiles(paths: string[]): SourceFile[] {
    return paths.filter((p) => this.patterns.some((pt) => pt.appliesTo(p)) && this.text(p) !== null).map((p) => ({ path: p, text: this.text(p)! }));
  }

  private parseIssues(folder: string, issues: ParseIssue[]): void {
    for (const i of issues) this.warnings.push({ file: abs(folder, i.file), ...(i.line !== undefined ? { line: i.line } : {}), message: i.message });
  }

  private warn(file: string, message: string): void {
    this.warnings.push({ file, message });
  }
}

function fingerprints(patterns: CompiledPattern[]): Record<string, string> {
  return Object.fromEntries(patterns.map((p) => [p.id, p.fingerprint]).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function removeRoutes(state: ScanState, drop: (r: ScannedRoute) => boolean): void {
  for (const [file, routes] of Object.entries(state.routesByFile)) {
    const kept = routes.filter((r) => !drop(r));
    if (kept.length) state.routesByFile[file] = kept;
    else delete state.routesByFile[file];
  }
}

function addRoutes(state: ScanState, folder: string, framework: SourceFramework, records: RouteRecord[]): void {
  for (const r of records) {
    const file = abs(folder, r.file);
    (state.routesByFile[file] ??= []).push({ ...r, file, framework, folder });
  }
}

function compareRoutes(a: ScannedRoute, b: ScannedRoute): number {
  const c = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    c(a.path, b.path) || c(a.method, b.method) || c(a.file, b.file) || a.line - b.line || c(a.handler ?? "", b.handler ?? "") || c(a.framework, b.framework)
  );
}

/** Keys and lists in a stable order, so that equal scans give equal states. */
function sortState(state: ScanState): ScanState {
  const routesByFile = Object.fromEntries(
    Object.entries(state.routesByFile)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([file, routes]) => [file, [...routes].sort(compareRoutes)]),
  );
  const folders = Object.fromEntries(
    Object.entries(state.folders)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, f]) => [
        path,
        { frameworks: f.frameworks, routingFiles: Object.fromEntries(Object.entries(f.routingFiles).sort(([a], [b]) => (a < b ? -1 : 1))) },
      ]),
  );
  return { ...state, folders, routesByFile };
}
