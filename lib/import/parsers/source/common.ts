/**
 * Helpers shared by the source-route parsers: path joining and canonical form (see the contract in
 * lib/import/types.ts), issue construction, and the final sort + duplicate check every parser ends with.
 */
import type { ParseIssue, ParseResult, RouteRecord } from "@/lib/import/types";

import { ROUTE_METHODS as HTTP_METHODS } from "@/lib/inventory/http-methods";
export { HTTP_METHODS };
const CONVERTERS = new Set(["int", "float", "slug", "uuid", "path", "string"]);
/** Django's and Starlette's `str` is the contract's `string` (as in route-pattern-normalize.ts). */
const CONVERTER_ALIASES: Record<string, string> = { str: "string" };

/**
 * A part of a path that cannot be known from the text (a prefix from run-time configuration):
 * kept between these markers while the path is built — so no framework's parameter syntax reads
 * it — and shown as a visible `{NAME}` segment in the final path (showPlaceholders).
 */
export const PLACEHOLDER_OPEN = "\u0001";
export const PLACEHOLDER_CLOSE = "\u0002";

export function placeholder(name: string): string {
  return `${PLACEHOLDER_OPEN}${name.replace(/[\u0001\u0002{}]/g, "") || "value"}${PLACEHOLDER_CLOSE}`;
}

/** Shows the placeholders of a final path as `{NAME}`. */
export function showPlaceholders(path: string): string {
  return path.replaceAll(PLACEHOLDER_OPEN, "{").replaceAll(PLACEHOLDER_CLOSE, "}");
}

/** "{a}, {b}": the placeholders of a text, for a warning. */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(/\u0001([^\u0002]*)\u0002/g)].map((m) => `{${m[1]}}`);
}

export function warning(file: string, line: number | undefined, message: string): ParseIssue {
  return line === undefined ? { file, message, severity: "warning" } : { file, line, message, severity: "warning" };
}

/** Normalises a file path as given by the caller: forward slashes, no leading "./". */
export function normalizeFilePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
}

/** Joins URL pieces with exactly one slash between them; empty pieces are ignored. */
export function joinUrl(...parts: string[]): string {
  let out = "";
  for (const part of parts) {
    if (part === "") continue;
    if (out === "") out = part;
    else out = out.replace(/\/+$/, "") + "/" + part.replace(/^\/+/, "");
  }
  return out;
}

/**
 * The canonical form of a non-regex route pattern: leading "/", no trailing slash (except "/"),
 * no repeated slashes, no query string, parameters `<name>` or `<converter:name>` with a known
 * converter (`str` becomes `string`; an unknown converter, e.g. a custom one, is dropped: `<name>`).
 */
export function canonicalPath(path: string): string {
  let p = path.split("?")[0].split("#")[0].trim();
  p = p.replace(/\/{2,}/g, "/");
  if (!p.startsWith("/")) p = "/" + p;
  if (p.length > 1) p = p.replace(/\/+$/, "") || "/";
  return p.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const colon = inner.lastIndexOf(":");
    if (colon < 0) return `<${inner.trim()}>`;
    const written = inner.slice(0, colon).trim();
    const converter = CONVERTER_ALIASES[written] ?? written;
    const name = inner.slice(colon + 1).trim();
    return CONVERTERS.has(converter) ? `<${converter}:${name}>` : `<${name}>`;
  });
}

/**
 * Optional parts of a path (Express `:id?`, Rails `(:locale)`, Laravel `{id?}`) are first rewritten
 * by each parser between these two markers, then expanded here into every variant: with the part,
 * and without it. More than MAX_OPTIONAL parts would multiply into too many routes; the parts are
 * then kept (one variant).
 */
export const OPT_OPEN = "\u0000(";
export const OPT_CLOSE = "\u0000)";
const MAX_OPTIONAL = 6;

export function expandOptional(path: string): string[] {
  if (path.split(OPT_OPEN).length - 1 > MAX_OPTIONAL) return [stripMarkers(path)];
  return [...new Set(expand(path))];
}

function expand(path: string): string[] {
  // the last opening marker has no other one inside it: expand it, then what is left
  const open = path.lastIndexOf(OPT_OPEN);
  if (open < 0) return [stripMarkers(path)];
  const close = path.indexOf(OPT_CLOSE, open);
  if (close < 0) return [stripMarkers(path)];
  const before = path.slice(0, open);
  const inner = path.slice(open + OPT_OPEN.length, close);
  const after = path.slice(close + OPT_CLOSE.length);
  return [...expand(before + inner + after), ...expand(before + after)];
}

function stripMarkers(path: string): string {
  return path.replaceAll(OPT_OPEN, "").replaceAll(OPT_CLOSE, "");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareRoutes(a: RouteRecord, b: RouteRecord): number {
  return compare(a.path, b.path) || compare(a.method, b.method) || compare(a.file, b.file) || a.line - b.line || compare(a.handler ?? "", b.handler ?? "");
}

export function compareIssues(a: ParseIssue, b: ParseIssue): number {
  return compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compare(a.message, b.message);
}

/**
 * The common ending of every parser: sort routes by (path, method, file, line), keep the first of
 * each (method, path) pair and turn every later one into a warning naming both places; sort the
 * issues and drop exact repeats (the same construct reached twice reports once).
 */
export function finishRoutes(records: RouteRecord[], issues: ParseIssue[]): ParseResult<RouteRecord> {
  const sorted = [...records].sort(compareRoutes);
  const kept: RouteRecord[] = [];
  const firstByKey = new Map<string, RouteRecord>();
  const out = [...issues];
  for (const r of sorted) {
    const key = `${r.method} ${r.path}`;
    const first = firstByKey.get(key);
    if (!first) {
      firstByKey.set(key, r);
      kept.push(r);
    } else if (first.file !== r.file || first.line !== r.line || first.handler !== r.handler) {
      out.push(warning(r.file, r.line, `Duplicate route ${key}: defined at ${first.file}:${first.line} and again at ${r.file}:${r.line}; keeping the first`));
    }
  }
  const seen = new Set<string>();
  const uniqueIssues = out.sort(compareIssues).filter((i) => {
    const k = `${i.file}\u0000${i.line}\u0000${i.severity}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { records: kept, issues: uniqueIssues };
}

/** Upper-cases an HTTP method name; "all"/"any"/"*" become "ANY". Unknown names give undefined. */
export function normalizeMethod(name: string): string | undefined {
  const m = name.trim().toUpperCase();
  if (m === "ALL" || m === "ANY" || m === "*") return "ANY";
  return (HTTP_METHODS as readonly string[]).includes(m) ? m : undefined;
}
