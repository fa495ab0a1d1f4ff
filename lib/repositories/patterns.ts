/**
 * Patterns that must disappear from the code (`import six`, `print` statements, an old
 * framework's imports): counted per file with the line of each occurrence, summed per module
 * folder, and recounted incrementally — only the files a commit changed.
 *
 * Regular expressions run on RE2's linear-time engine (`re2js`, a pure-JavaScript port: no native
 * build, no WebAssembly memory limit), so a pattern like `(a+)+$` cannot hang a scan; RE2 has no
 * look-around or back-references, and a pattern using them is refused with that reason. Matching is
 * per line (an occurrence never spans lines), case-sensitive unless the flags say "i"; a pattern
 * that matches empty text is refused (it would count every position).
 *
 * Structural rules (`kind: "ast-grep"`) use ast-grep's engine (`@ast-grep/napi`, prebuilt for
 * this platform; Python through `@ast-grep/lang-python`), loaded only when a project has one:
 * `unicode($X)` counts calls of `unicode` with one argument, never the word in a comment.
 */
import { RE2JS } from "re2js";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const PATTERN_LANGUAGES: Record<string, string[]> = {
  python: ["py", "pyi"],
  javascript: ["js", "jsx", "mjs", "cjs"],
  typescript: ["ts", "tsx", "mts", "cts"],
  ruby: ["rb", "erb", "rake"],
  php: ["php"],
  html: ["html", "htm"],
  java: ["java"],
  go: ["go"],
  csharp: ["cs"],
};

const AST_GREP_LANGUAGES = ["python", "javascript", "typescript", "tsx"] as const;

const folder = z
  .string()
  .max(500)
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[^\0\\]*$/, "a folder inside the repository");
const scope = {
  id: z.string().trim().min(1).max(100),
  /** Languages (keys of PATTERN_LANGUAGES) and/or file extensions; none: every text file. */
  languages: z
    .array(z.enum(Object.keys(PATTERN_LANGUAGES) as [string, ...string[]]))
    .max(20)
    .optional(),
  extensions: z
    .array(z.string().regex(/^\.?[A-Za-z0-9_+-]{1,16}$/))
    .max(50)
    .optional(),
  /** Folders (tree paths) the pattern applies under; none: the whole repository. */
  folders: z.array(folder).max(50).optional(),
};

export const patternDefinitionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("regex"),
    source: z.string().min(1).max(2000),
    flags: z.string().regex(/^i?$/, 'only "i" (ignore case)').optional(),
    ...scope,
  }),
  z.strictObject({ kind: z.literal("ast-grep"), rule: z.string().trim().min(1).max(2000), language: z.enum(AST_GREP_LANGUAGES), ...scope }),
]);

export type PatternDefinition = z.input<typeof patternDefinitionSchema>;

export type CompiledPattern = {
  id: string;
  /** Changes whenever what the pattern counts changes (source, flags, scope): its counts are then redone everywhere. */
  fingerprint: string;
  appliesTo(path: string): boolean;
  /** The 1-based line of each occurrence, one entry per occurrence, in order. */
  count(text: string): number[];
};

/** path → pattern id → line of each occurrence. Files and patterns without occurrences are absent. */
export type PatternCountsByFile = Record<string, Record<string, number[]>>;

export type SourceText = { path: string; text: string };

/** Validates and compiles a project's patterns. Throws AppError("invalid_input") naming the pattern and why. */
export async function compilePatterns(definitions: unknown[]): Promise<CompiledPattern[]> {
  const seen = new Set<string>();
  const out: CompiledPattern[] = [];
  for (const raw of definitions) {
    const parsed = patternDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown })?.id;
      throw new AppError(
        "invalid_input",
        `Pattern ${typeof id === "string" ? `'${id}'` : ""}: ${parsed.error.issues[0].path.join(".")} ${parsed.error.issues[0].message}`.replace(/\s+/g, " "),
      );
    }
    const def = parsed.data;
    if (seen.has(def.id)) throw new AppError("invalid_input", `Two patterns have the id '${def.id}'.`);
    seen.add(def.id);
    const fingerprint = createHash("sha256").update(JSON.stringify(def)).digest("hex").slice(0, 16);
    const appliesTo = scopeTest(def);
    const count = def.kind === "regex" ? regexCounter(def.id, def.source, def.flags ?? "") : await astGrepCounter(def.rule, def.language);
    out.push({ id: def.id, fingerprint, appliesTo, count });
  }
  return out;
}

function scopeTest(def: { languages?: string[]; extensions?: string[]; folders?: string[] }): (path: string) => boolean {
  const extensions = new Set([
    ...(def.languages ?? []).flatMap((l) => PATTERN_LANGUAGES[l] ?? []),
    ...(def.extensions ?? []).map((e) => e.replace(/^\./, "").toLowerCase()),
  ]);
  const folders = (def.folders ?? []).map((f) => f.replace(/\/+$/, "")).filter((f) => f !== "");
  return (path) => {
    if (extensions.size) {
      const dot = path.lastIndexOf(".");
      if (dot < 0 || dot < path.lastIndexOf("/") || !extensions.has(path.slice(dot + 1).toLowerCase())) return false;
    }
    return folders.length === 0 || folders.some((f) => path.startsWith(f + "/"));
  };
}

function regexCounter(id: string, source: string, flags: string): (text: string) => number[] {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const why = /\(\?[=!<]|\\[1-9]/.test(source) ? " (look-around and back-references are not supported by the linear-time engine)" : "";
    throw new AppError("invalid_input", `Pattern '${id}' is not a valid regular expression${why}: ${detail}`);
  }
  if (re.matcher("").find())
    throw new AppError("invalid_input", `Pattern '${id}' matches empty text, so it would count every position: make it match at least one character.`);
  return (text) => {
    const lines: number[] = [];
    let lineNo = 0;
    for (const line of text.split("\n")) {
      lineNo++;
      if (line === "") continue;
      const m = re.matcher(line);
      while (m.find()) if (m.end() > m.start()) lines.push(lineNo);
    }
    return lines;
  };
}

type AstGrep = typeof import("@ast-grep/napi");
let astGrep: Promise<AstGrep> | undefined;

/** ast-grep and its Python grammar, loaded once, on first use. */
function loadAstGrep(): Promise<AstGrep> {
  astGrep ??= (async () => {
    const napi = await import("@ast-grep/napi");
    const python = (await import("@ast-grep/lang-python")).default;
    napi.registerDynamicLanguage({ python });
    return napi;
  })();
  return astGrep;
}

async function astGrepCounter(rule: string, language: (typeof AST_GREP_LANGUAGES)[number]): Promise<(text: string) => number[]> {
  const napi = await loadAstGrep();
  const lang =
    language === "python" ? "python" : language === "javascript" ? napi.Lang.JavaScript : language === "typescript" ? napi.Lang.TypeScript : napi.Lang.Tsx;
  return (text) =>
    napi
      .parse(lang, text)
      .root()
      .findAll(rule)
      .map((node) => node.range().start.line + 1)
      .sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Counting, incrementally

/** The occurrences of every applicable pattern in one file (patterns with none omitted). */
export function countFile(patterns: CompiledPattern[], file: SourceText): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const p of patterns) {
    if (!p.appliesTo(file.path)) continue;
    const lines = p.count(file.text);
    if (lines.length) out[p.id] = lines;
  }
  return out;
}

/**
 * The counts after a change: `removed` files drop out; each of `files` is counted again — by every
 * pattern, or only by `patternIds` (new or changed patterns) while its other counts stay. Patterns
 * no longer defined drop out everywhere. Files not named keep their counts: nothing is read twice.
 */
export function updateCounts(
  previous: PatternCountsByFile,
  patterns: CompiledPattern[],
  update: { removed?: Iterable<string>; files: SourceText[]; patternIds?: Iterable<string> },
): PatternCountsByFile {
  const defined = new Set(patterns.map((p) => p.id));
  const only = update.patternIds ? new Set(update.patternIds) : undefined;
  const next: PatternCountsByFile = {};
  for (const [file, counts] of Object.entries(previous)) {
    const kept = Object.fromEntries(Object.entries(counts).filter(([id]) => defined.has(id)));
    if (Object.keys(kept).length) next[file] = kept;
  }
  for (const file of update.removed ?? []) delete next[file];
  const recount = only ? patterns.filter((p) => only.has(p.id)) : patterns;
  for (const file of update.files) {
    const counts: Record<string, number[]> = only ? { ...(next[file.path] ?? {}) } : {};
    for (const p of recount) delete counts[p.id];
    Object.assign(counts, countFile(recount, file));
    if (Object.keys(counts).length) next[file.path] = sortKeys(counts);
    else delete next[file.path];
  }
  return sortKeys(next);
}

/** Occurrences per pattern over the whole repository. */
export function patternTotals(counts: PatternCountsByFile): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const byPattern of Object.values(counts)) for (const [id, lines] of Object.entries(byPattern)) totals[id] = (totals[id] ?? 0) + lines.length;
  return sortKeys(totals);
}

/**
 * Occurrences per module folder and pattern. A file belongs to the longest of `modules` (folder
 * paths, e.g. the project's module items) that contains it; without one, to its own folder ("." at
 * the root).
 */
export function countsByFolder(counts: PatternCountsByFile, modules: string[] = []): Record<string, Record<string, number>> {
  const folders = modules.map((m) => m.replace(/^\/+|\/+$/g, "")).sort((a, b) => b.length - a.length);
  const out: Record<string, Record<string, number>> = {};
  for (const [file, byPattern] of Object.entries(counts)) {
    const folder = folders.find((f) => f === "" || file.startsWith(f + "/")) ?? (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : ".");
    const row = (out[folder] ??= {});
    for (const [id, lines] of Object.entries(byPattern)) row[id] = (row[id] ?? 0) + lines.length;
  }
  return sortKeys(out);
}

/** Every remaining occurrence of a pattern, by file and line: what a click on the chart lists. */
export function occurrencesOf(counts: PatternCountsByFile, patternId: string): Array<{ file: string; line: number }> {
  const out: Array<{ file: string; line: number }> = [];
  for (const file of Object.keys(counts).sort()) for (const line of counts[file][patternId] ?? []) out.push({ file, line });
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
