/**
 * Risk read from the code (pure, over file texts): for a route's handler — its size in lines, how
 * much it branches, the modules its file imports, and whether any test file mentions the route's
 * path or the handler's name. Offered to the ranking as complexity (1–5) and test-coverage inputs
 * where people have not set them, each with the reason in words. Deliberately simple: counts of
 * keywords and operators in the handler's lines (strings and comments removed), not a parser.
 *
 * The handler's extent, from its line (a decorator or the definition):
 *   Python     the `def`/`class` and every following line indented deeper (or blank);
 *   Ruby       the `def` to the `end` at the same indentation;
 *   JavaScript, TypeScript, PHP   from the line to the brace that closes the first one opened.
 */

export type CodeLanguage = "python" | "javascript" | "typescript" | "ruby" | "php";

export type SourceText = { path: string; text: string };

export type HandlerRisk = {
  /** Lines of the handler, blank lines and comment-only lines excluded. */
  size: number;
  /** Decision points: if/elif/else, loops, case/when, catch/except/rescue, && / || / and / or, ternaries. */
  branches: number;
  /** Modules the handler's file imports, sorted. */
  imports: string[];
  /** Test files that mention the route's path (by its literal parts) or the handler's name. */
  mentionedBy: Array<{ file: string; line: number; by: "path" | "handler" }>;
  /** Ranking inputs: complexity 1–5 and test coverage (0 none found, 40 "some"). */
  suggested: { complexity: number; testCoverage: number };
  reasons: string[];
};

export function languageOf(path: string): CodeLanguage | undefined {
  if (/\.pyi?$/.test(path)) return "python";
  if (/\.(?:ts|tsx|mts|cts)$/.test(path)) return "typescript";
  if (/\.(?:js|jsx|mjs|cjs)$/.test(path)) return "javascript";
  if (/\.rb$/.test(path)) return "ruby";
  if (/\.php$/.test(path)) return "php";
  return undefined;
}

/** Test files by the usual conventions of each ecosystem. */
export function isTestFile(path: string): boolean {
  return (
    /(^|\/)(tests?|__tests__|spec|specs)\//.test(path) ||
    /(^|\/)test_[^/]*\.py$/.test(path) ||
    /_test\.(py|rb|go)$/.test(path) ||
    /\.(test|spec)\.[cm]?[jt]sx?$/.test(path) ||
    /_spec\.rb$/.test(path) ||
    /Test\.php$/.test(path)
  );
}

export function assessHandler(input: {
  file: SourceText;
  /** 1-based line of the handler (its decorator or definition, as the route parsers report it). */
  line: number;
  language?: CodeLanguage;
  route: { path: string; handler?: string };
  testFiles: SourceText[];
}): HandlerRisk {
  const language = input.language ?? languageOf(input.file.path) ?? "python";
  const lines = input.file.text.split(/\r?\n/);
  const code = stripStringsAndComments(input.file.text, language).split("\n");
  const [start, end] = extent(code, lines, input.line - 1, language);
  const body = code.slice(start, end + 1);
  const size = body.filter((l) => l.trim() !== "").length;
  const branches = body.reduce((n, l) => n + countBranches(l, language), 0);
  const imports = importsOf(input.file.text, language);
  const mentionedBy = mentions(input.route, input.testFiles);

  const complexity = suggestComplexity(size, branches);
  const reasons = [
    `${size} line${size === 1 ? "" : "s"}, ${branches} branch${branches === 1 ? "" : "es"} (${input.file.path}:${start + 1}–${end + 1})`,
    `its file imports ${imports.length} module${imports.length === 1 ? "" : "s"}`,
    mentionedBy.length
      ? `mentioned by ${new Set(mentionedBy.map((m) => m.file)).size} test file(s), e.g. ${mentionedBy[0].file}:${mentionedBy[0].line}`
      : "no test file mentions its path or handler",
  ];
  return { size, branches, imports, mentionedBy, suggested: { complexity, testCoverage: mentionedBy.length ? 40 : 0 }, reasons };
}

/** Complexity 1–5 from size and branching: the larger of two simple scales. */
export function suggestComplexity(size: number, branches: number): number {
  const bySize = size <= 10 ? 1 : size <= 30 ? 2 : size <= 60 ? 3 : size <= 120 ? 4 : 5;
  const byBranches = branches <= 2 ? 1 : branches <= 5 ? 2 : branches <= 10 ? 3 : branches <= 20 ? 4 : 5;
  return Math.max(bySize, byBranches);
}

/** Finds a Python handler's file and line from its dotted name ("shop.views.product_detail"). */
export function findPythonHandler(handler: string, files: SourceText[]): { file: SourceText; line: number } | undefined {
  const parts = handler.split(".");
  for (let cut = parts.length - 1; cut >= 1; cut--) {
    const modulePath = parts.slice(0, cut).join("/");
    const names = parts.slice(cut);
    const file = files.find(
      (f) =>
        f.path === `${modulePath}.py` ||
        f.path.endsWith(`/${modulePath}.py`) ||
        f.path === `${modulePath}/__init__.py` ||
        f.path.endsWith(`/${modulePath}/__init__.py`),
    );
    if (!file) continue;
    const name = names[0];
    const at = file.text.split(/\r?\n/).findIndex((l) => new RegExp(`^\\s*(?:async\\s+)?(?:def|class)\\s+${escape(name)}\\b`).test(l));
    if (at >= 0) return { file, line: at + 1 };
  }
  return undefined;
}

function extent(code: string[], raw: string[], from: number, language: CodeLanguage): [number, number] {
  const last = code.length - 1;
  let start = Math.min(Math.max(from, 0), last);
  if (language === "python" || language === "ruby") {
    // from a decorator (or a blank line) to the definition it belongs to
    const def = language === "python" ? /^\s*(?:async\s+)?(?:def|class)\b/ : /^\s*def\b/;
    let at = start;
    while (at <= last && !def.test(code[at])) at++;
    if (at > last) return [start, start];
    start = at;
    const indent = indentOf(raw[start]);
    let end = start;
    for (let i = start + 1; i <= last; i++) {
      if (code[i].trim() === "") continue;
      if (indentOf(raw[i]) <= indent) {
        if (language === "ruby" && /^\s*end\b/.test(code[i])) end = i;
        break;
      }
      end = i;
    }
    return [start, end];
  }
  let depth = 0;
  let opened = false;
  for (let i = start; i <= last; i++) {
    for (const ch of code[i]) {
      if (ch === "{") {
        depth++;
        opened = true;
      } else if (ch === "}") depth--;
    }
    if (opened && depth <= 0) return [start, i];
  }
  return [start, opened ? last : start];
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length;
}

const BRANCH_WORDS: Record<CodeLanguage, RegExp> = {
  python: /\b(?:if|elif|else|for|while|except|case|and|or)\b/g,
  ruby: /\b(?:if|elsif|else|unless|while|until|for|when|rescue|and|or)\b/g,
  javascript: /\b(?:if|else|for|while|case|catch)\b|&&|\|\||\?\?|\?(?![.?])/g,
  typescript: /\b(?:if|else|for|while|case|catch)\b|&&|\|\||\?\?|\?(?![.?:])/g,
  php: /\b(?:if|elseif|else|for|foreach|while|case|catch|and|or)\b|&&|\|\||\?\?|\?(?![->?])/g,
};

function countBranches(line: string, language: CodeLanguage): number {
  let n = line.match(BRANCH_WORDS[language])?.length ?? 0;
  if (language === "ruby") n += line.match(/&&|\|\||\s\?\s/g)?.length ?? 0;
  if (language === "python") {
    // `else if` written as elif is one; `x if c else y` counts its if (the else is part of it)
    n -= line.match(/\bif\b[^:]*\belse\b/g)?.length ?? 0;
  }
  return n;
}

/** Strings and comments blanked out (kept as spaces so line numbers and columns stay). */
function stripStringsAndComments(text: string, language: CodeLanguage): string {
  const hash = language === "python" || language === "ruby" || language === "php";
  const slash = language !== "python" && language !== "ruby";
  let out = "";
  let i = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  while (i < text.length) {
    const ch = text[i];
    const two = text.slice(i, i + 2);
    const three = text.slice(i, i + 3);
    let end = -1;
    if (language === "python" && (three === '"""' || three === "'''")) {
      end = text.indexOf(three, i + 3);
      end = end < 0 ? text.length : end + 3;
    } else if ((hash && ch === "#") || (slash && two === "//")) {
      end = text.indexOf("\n", i);
      if (end < 0) end = text.length;
    } else if (slash && two === "/*") {
      end = text.indexOf("*/", i + 2);
      end = end < 0 ? text.length : end + 2;
    } else if (ch === '"' || ch === "'" || (ch === "`" && slash)) {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && (ch === "`" || text[j] !== "\n")) j += text[j] === "\\" ? 2 : 1;
      end = Math.min(j + 1, text.length);
    }
    if (end > i) {
      out += blank(text.slice(i, end));
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function importsOf(text: string, language: CodeLanguage): string[] {
  const found = new Set<string>();
  const add = (m: string | undefined) => m && found.add(m.trim());
  switch (language) {
    case "python":
      for (const m of text.matchAll(/^\s*from\s+([.\w]+)\s+import\b/gm)) add(m[1]);
      for (const m of text.matchAll(/^\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/gm)) {
        for (const part of m[1].split(",")) add(part.trim().split(/\s+/)[0]);
      }
      break;
    case "javascript":
    case "typescript":
      for (const m of text.matchAll(/\bimport\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/g)) add(m[1]);
      for (const m of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) add(m[1]);
      break;
    case "ruby":
      for (const m of text.matchAll(/^\s*require(?:_relative)?\s*\(?\s*["']([^"']+)["']/gm)) add(m[1]);
      break;
    case "php":
      for (const m of text.matchAll(/^\s*use\s+([\w\\]+)/gm)) add(m[1]);
      for (const m of text.matchAll(/\b(?:require|include)(?:_once)?\s*\(?\s*["']([^"']+)["']/g)) add(m[1]);
      break;
  }
  return [...found].sort();
}

/**
 * Where test files mention the route: its path with every parameter standing for one URL segment
 * ("/users/<int:id>" finds "/users/42" and "/users/"), or the handler's own name as a word
 * ("user_detail", "UsersController@show" → "show" is too common: only names of 4+ characters that
 * are not plain words like "index" count).
 */
function mentions(route: { path: string; handler?: string }, tests: SourceText[]): HandlerRisk["mentionedBy"] {
  const out: HandlerRisk["mentionedBy"] = [];
  const pathRe = pathMention(route.path);
  const name = handlerName(route.handler);
  const nameRe = name ? new RegExp(`\\b${escape(name)}\\b`) : undefined;
  for (const t of tests.filter((f) => isTestFile(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const lines = t.text.split(/\r?\n/);
    const byPath = pathRe ? lines.findIndex((l) => pathRe.test(l)) : -1;
    if (byPath >= 0) out.push({ file: t.path, line: byPath + 1, by: "path" });
    const byName = nameRe ? lines.findIndex((l) => nameRe.test(l)) : -1;
    if (byName >= 0) out.push({ file: t.path, line: byName + 1, by: "handler" });
  }
  return out;
}

const COMMON_NAMES = new Set([
  "index",
  "show",
  "create",
  "update",
  "destroy",
  "delete",
  "edit",
  "list",
  "view",
  "get",
  "post",
  "home",
  "main",
  "handler",
  "detail",
]);

function handlerName(handler: string | undefined): string | undefined {
  if (!handler) return undefined;
  const name = handler
    .split(/[.#@:]/)
    .filter(Boolean)
    .pop();
  if (!name || name.length < 4 || COMMON_NAMES.has(name.toLowerCase()) || !/^\w+$/.test(name)) return undefined;
  return name;
}

function pathMention(path: string): RegExp | undefined {
  if (path.startsWith("^")) return undefined;
  const segments = path.split("/").filter(Boolean);
  if (segments.length === 0) return /["'`]\/["'`?]/; // the root: only as a whole quoted string
  if (!segments.some((s) => !s.includes("<"))) return undefined; // all parameters: would match anything
  const source = segments
    .map((s) =>
      s.startsWith("<path:")
        ? "[^\\s'\"`]*"
        : s
            .split(/<[^<>]*>/)
            .map(escape)
            .join("[^/\\s'\"`?#]+"),
    )
    .join("/");
  return new RegExp(`["'\`]/${source}/?(?:[?#"'\`]|$)`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
