import { decodeText } from "../text";
import { readZip } from "../archive";
import type { SourceFramework } from "../parsers/source";
import { neverServed, type NeverServed } from "../parsers/source/never-served";
import { routesFromSource, type FrameworkTried } from "../parsers/source/routes-from-source";
import { parseManifest, detectManifestFormat, type ManifestFormat } from "../parsers/manifests";
import { parseCsvTable, parseJsonInventory, parseJsonTable } from "../parsers/table";
import { countAccessLog, countAccessLogFile } from "../access-log";
import { RequestSamples } from "../access-log/samples";
import type { ItemKindName, ParseIssue, SourceFile } from "../types";
import { IMPORT_FORMATS, MAX_LINE_LENGTH, type ImportFormat } from "./formats";
import { MAX_TABLE_ROWS } from "../parsers/table-limits";
import { append } from "@/lib/arrays";
import { yieldToEventLoop } from "@/lib/event-loop";
import type { ImportPlan, SkippedFiles, Upsert } from "./plan";

export type ParseOptions = {
  kind?: ItemKindName;
  /** The upload's name as the user knows it (a folder's name), for messages. */
  fileName?: string;
  /** Read tests, examples, docs and static folders too (skipped by default for source code). */
  includeSkipped?: boolean;
};

export type UploadedFile = { name: string; bytes: Uint8Array };

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

const SOURCE_FILE = /\.(py|js|mjs|cjs|ts|rb|php)$/i;

/** Which files of a zip or folder a format reads: the rest (images, docs, other code) is skipped. */
export function relevantTo(format: ImportFormat): (path: string) => boolean {
  switch (format) {
    case "csv":
      return (p) => /\.csv$/i.test(p);
    case "json":
      return (p) => /\.json$/i.test(p);
    case "requirements":
    case "package-json":
    case "composer-json":
    case "gemfile-lock":
      return (p) => detectManifestFormat(p) === format;
    default:
      // A folder of source code also brings its dependency manifests (see parseUpload).
      return (p) => SOURCE_FILE.test(p) || detectManifestFormat(p) !== null;
  }
}

type TextFiles = { files: SourceFile[]; issues: ParseIssue[]; skipped: SkippedFiles[] };

/**
 * Unpacks zips and decodes the relevant files as text. A file uploaded on its own is always read
 * (the user chose it), and one that is not text is an error naming it. In a folder or several
 * files — a whole repository — a file that cannot be read (a binary, a minified bundle, a
 * password-protected test zip) is skipped with a warning instead: one file must not refuse the
 * rest. `skip` names the files never served (tests, docs…), which are counted, not read.
 */
async function textFiles(uploads: UploadedFile[], relevant: (path: string) => boolean, skip?: (path: string) => NeverServed | undefined): Promise<TextFiles> {
  const files: SourceFile[] = [];
  const issues: ParseIssue[] = [];
  const skipped = new Map<string, SkippedFiles>();
  const lenient = uploads.length > 1;
  const skipping = (path: string) => {
    const why = skip?.(path.replace(/\\/g, "/"));
    if (!why) return false;
    if (why.reason !== "dependencies" && relevant(path) && (!isManifestOfSource(path) || SOURCE_FILE.test(path))) {
      const key = `${why.folder}\u0000${why.reason}`;
      const entry = skipped.get(key) ?? { folder: why.folder, reason: why.reason, files: 0 };
      entry.files++;
      skipped.set(key, entry);
    }
    return true;
  };
  const problem = (issue: ParseIssue) => issues.push(lenient ? { ...issue, severity: "warning", message: `skipped: ${issue.message}` } : issue);
  for (const upload of uploads) {
    const entries: UploadedFile[] = [];
    if (lenient && skipping(upload.name)) continue;
    if (isZip(upload.bytes)) {
      const zip = readZip(upload.bytes, upload.name);
      if (!zip.ok) {
        problem(zip.issue);
        continue;
      }
      append(issues, zip.issues);
      for (const f of zip.files) if (relevant(f.path) && !skipping(f.path)) entries.push({ name: f.path, bytes: f.bytes });
    } else if (uploads.length === 1 || relevant(upload.name)) {
      entries.push(upload);
    }
    for (const entry of entries) {
      const decoded = decodeText(entry.bytes, entry.name, { maxLineLength: MAX_LINE_LENGTH });
      if (decoded.ok) files.push({ path: entry.name, text: decoded.text });
      else problem(decoded.issue);
    }
  }
  return { files, issues, skipped: [...skipped.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0)) };
}

/**
 * A route's handler module (from source code, or a table's `module` column) is both a relation —
 * the route uses that module — and a module the inventory should hold: both are added.
 */
function withHandlerModules(upserts: Upsert[]): Upsert[] {
  const out: Upsert[] = [];
  const modules = new Map<string, { file: string; line: number }>();
  const planned = new Set(upserts.filter((u) => u.kind === "MODULE").map((u) => u.key));
  for (const u of upserts) {
    const { module, ...fields } = u.fields;
    if (u.kind !== "ROUTE" || !module) {
      out.push(u);
      continue;
    }
    out.push({ ...u, fields, uses: [...new Set([...(u.uses ?? []), module])] });
    if (!planned.has(module) && !modules.has(module)) modules.set(module, { file: u.file, line: u.line });
  }
  for (const [path, at] of modules) out.push({ kind: "MODULE", key: path, fields: { path }, ...at });
  return out;
}

function routeUpserts(records: { method: string; path: string; handler?: string; module?: string; file: string; line: number }[]): Upsert[] {
  return withHandlerModules(
    records.map((r) => ({
      kind: "ROUTE" as const,
      key: `${r.method} ${r.path}`,
      fields: { method: r.method, path: r.path, ...(r.handler ? { handler: r.handler } : {}), ...(r.module ? { module: r.module } : {}) },
      file: r.file,
      line: r.line,
    })),
  );
}

/**
 * Turns uploaded files into an import plan. Pure apart from reading the upload: it does not look
 * at the database (the preview compares the plan with the inventory).
 */
export async function parseUpload(format: ImportFormat, uploads: UploadedFile[], options: ParseOptions = {}): Promise<ImportPlan> {
  if (uploads.length === 0) return { upserts: [], issues: [{ file: "(upload)", message: "No file was uploaded.", severity: "error" }], files: 0 };
  const isSource = IMPORT_FORMATS[format].produces === "ROUTE";
  const { files, issues, skipped } = await textFiles(uploads, relevantTo(format), isSource && !options.includeSkipped ? neverServed : undefined);
  if (IMPORT_FORMATS[format].needsKind && !options.kind) {
    issues.push({ file: uploads[0].name, message: "Choose which kind of item the table holds: routes, modules or dependencies.", severity: "error" });
    return { upserts: [], issues, files: files.length };
  }
  switch (format) {
    case "csv":
    case "json": {
      const upserts: Upsert[] = [];
      for (const file of files) {
        const result =
          format === "csv"
            ? await parseCsvTable(file, options.kind!)
            : options.kind
              ? await parseJsonTable(file, options.kind)
              : await parseJsonInventory(file);
        append(issues, result.issues);
        append(
          upserts,
          result.records.map((r) => ({ kind: r.kind, key: r.key, fields: r.fields, ...(r.uses ? { uses: r.uses } : {}), file: r.file, line: r.line })),
        );
        await yieldToEventLoop(); // between files: a folder of many tables never holds the server
      }
      // Each file is within the limit; together they must be too (the preview holds them all).
      if (upserts.length > MAX_TABLE_ROWS) {
        const rows = upserts.length.toLocaleString("en");
        return {
          upserts: [],
          issues: [
            {
              file: uploads.length === 1 ? uploads[0].name : `${uploads.length} files`,
              message: `The upload has ${rows} rows; the limit is ${MAX_TABLE_ROWS.toLocaleString("en")} per import. Split it into several imports.`,
              severity: "error",
            },
          ],
          files: files.length,
        };
      }
      return { upserts: withHandlerModules(upserts), issues, files: files.length };
    }
    case "requirements":
    case "package-json":
    case "composer-json":
    case "gemfile-lock": {
      const wanted = format as ManifestFormat;
      // In a zip or folder, read the manifests of this format; a single upload is read as it is.
      const manifests = files.length === 1 ? files : files.filter((f) => detectManifestFormat(f.path) === wanted);
      if (manifests.length === 0)
        issues.push({ file: uploads[0].name, message: `No ${IMPORT_FORMATS[format].label.split(": ")[1]} file found in the upload.`, severity: "error" });
      const upserts: Upsert[] = [];
      for (const file of manifests) {
        const result = parseManifest(wanted, file);
        append(issues, result.issues);
        for (const d of result.records) {
          upserts.push({
            kind: "DEPENDENCY",
            key: d.name.toLowerCase(),
            fields: { name: d.name, ...(d.currentVersion ? { currentVersion: d.currentVersion } : {}) },
            file: d.file,
            line: d.line,
          });
        }
      }
      return { upserts, issues, files: manifests.length };
    }
    case "access-log":
      throw new Error("Access logs stream: use parseAccessLogUpload.");
    default: {
      const framework = format === "source" ? undefined : (format as SourceFramework);
      // In a folder (several files or a zip), the dependency manifests come in with the routes.
      const folder = uploads.length > 1 || files.length > 1;
      const manifestFiles = folder ? files.filter((f) => isManifestOfSource(f.path)) : [];
      const sources = folder ? files.filter((f) => !isManifestOfSource(f.path)) : files;
      const result = routesFromSource(sources, { framework, includeSkipped: options.includeSkipped });
      append(issues, result.issues);
      if (result.records.length === 0 && !issues.some((i) => i.severity === "error")) {
        issues.push(noRoutesIssue(options.fileName ?? uploads[0].name, sources.length, result.tried, skipped));
      }
      const dependencies = manifestDependencies(manifestFiles, issues);
      return {
        upserts: [...routeUpserts(result.records), ...dependencies.upserts],
        issues,
        files: files.length,
        frameworks: result.frameworks,
        ...(dependencies.manifests.length ? { manifests: dependencies.manifests } : {}),
        ...(skipped.length ? { skipped } : {}),
      };
    }
  }
}

const isManifestOfSource = (path: string) => detectManifestFormat(path) !== null;

/**
 * The dependencies of the manifests found in a folder of source code (requirements*.txt,
 * package.json, composer.json, Gemfile.lock), through the same parsers as a manifest import. A
 * dependency named by several manifests is planned once (the first, in path order, gives its version).
 */
function manifestDependencies(files: SourceFile[], issues: ParseIssue[]): { upserts: Upsert[]; manifests: NonNullable<ImportPlan["manifests"]> } {
  const upserts: Upsert[] = [];
  const manifests: NonNullable<ImportPlan["manifests"]> = [];
  const seen = new Set<string>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const format = detectManifestFormat(file.path)!;
    const result = parseManifest(format, file);
    // As with any file of a folder, a manifest that cannot be read is skipped, not a refusal of the routes.
    append(
      issues,
      result.issues.map((i) => (i.severity === "error" ? { ...i, severity: "warning" as const, message: `skipped: ${i.message}` } : i)),
    );
    if (result.issues.some((i) => i.severity === "error")) continue;
    let count = 0;
    for (const d of result.records) {
      const key = d.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      count++;
      upserts.push({
        kind: "DEPENDENCY",
        key,
        fields: { name: d.name, ...(d.currentVersion ? { currentVersion: d.currentVersion } : {}) },
        file: d.file,
        line: d.line,
      });
    }
    manifests.push({ file: file.path, format, dependencies: count });
  }
  return { upserts, manifests };
}

/** "No routes found" naming the folder, each framework tried and why it found nothing, and what was skipped. */
function noRoutesIssue(folder: string, read: number, tried: FrameworkTried[], skipped: SkippedFiles[]): ParseIssue {
  const why = tried.map((t) => `${t.framework}: ${t.reason}`).join("; ");
  const skippedFiles = skipped.reduce((n, s) => n + s.files, 0);
  const hint = skippedFiles
    ? ` ${skippedFiles} source file(s) in tests, examples, docs or static folders were skipped; import them too with --include-skipped (CLI) or includeSkipped=true (API).`
    : "";
  return { file: folder, message: `No routes found in ${folder} (${read} source file(s) read). Tried ${why}.${hint}`, severity: "error" };
}

const DAY_MS = 86_400_000;

/** Counts an access log (streamed) against the project's routes; traffic becomes requests per day. */
export async function parseAccessLogUpload(
  source: { stream: AsyncIterable<Uint8Array> } | { path: string },
  fileName: string,
  routes: { key: string; method: string; path: string }[],
): Promise<ImportPlan> {
  const samples = new RequestSamples(routes.length);
  const options = { file: fileName, onRequest: samples.visit };
  const result = "path" in source ? await countAccessLogFile(source.path, routes, options) : await countAccessLog(source.stream, routes, options);
  const issues = [...result.issues];
  if (routes.length === 0) issues.push({ file: fileName, message: "The project has no routes yet: import routes first, then traffic.", severity: "error" });
  const span = result.firstAt && result.lastAt ? result.lastAt.getTime() - result.firstAt.getTime() : 0;
  const days = Math.max(1, Math.ceil(span / DAY_MS));
  const byKey: Record<string, number> = {};
  routes.forEach((route, index) => {
    byKey[route.key] = Math.round(result.perRoute[index] / days);
  });
  return {
    upserts: [],
    traffic: { byKey, days, requests: result.requests, matched: result.matched, unmatched: result.unmatched, samples: samples.byKey(routes) },
    issues,
    files: 1,
  };
}
