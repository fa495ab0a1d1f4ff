/**
 * Comparing two answers to the same request, the replay's core.
 *
 * Bodies are normalised before they are compared: JSON is parsed (so key order and whitespace
 * never count), the ignore rules remove fields by JSON path (`$.csrf`, `$.items[*].id`,
 * `$..updatedAt`) and blank out what regexes match in every string (JSON values, text and HTML
 * lines); text is compared line by line; anything else (images, archives) by its bytes. The
 * result is a list of differing places, as paths: `$.user.name`, `$.items[3].price`, `line 12`,
 * `status`. `generalise` folds array indexes (`$.items[*].price`), so that the noise seen on one
 * request covers the same field on the others (Diffy's idea, see replay.ts).
 */
import { createHash } from "node:crypto";
import type { HttpAnswer } from "./http";

export class IgnoreRuleError extends Error {}

// ───────────────────────────── ignore rules ─────────────────────────────

type Segment = { type: "key"; name: string } | { type: "index"; index: number } | { type: "any" } | { type: "deep"; name: string };
export type JsonPath = { text: string; segments: Segment[] };

/**
 * `$.a.b`, `$.a['b c']`, `$.items[0]`, `$.items[*].id`, `$.*`, `$..csrf` (any depth). A small
 * subset of JSONPath: enough to name a field, never a filter expression.
 */
export function parseJsonPath(text: string): JsonPath {
  if (!text.startsWith("$")) throw new IgnoreRuleError(`--ignore-json-path "${text}": a JSON path starts with $, e.g. $.csrf or $.items[*].id.`);
  const segments: Segment[] = [];
  let i = 1;
  const fail = (why: string): never => {
    throw new IgnoreRuleError(`--ignore-json-path "${text}": ${why} at character ${i + 1}.`);
  };
  const name = () => {
    const m = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i));
    if (!m) fail("expected a field name");
    i += m![0].length;
    return m![0];
  };
  while (i < text.length) {
    if (text.startsWith("..", i)) {
      i += 2;
      segments.push({ type: "deep", name: name() });
    } else if (text[i] === ".") {
      i++;
      if (text[i] === "*") {
        i++;
        segments.push({ type: "any" });
      } else segments.push({ type: "key", name: name() });
    } else if (text[i] === "[") {
      const m = /^\[(?:(\d+)|\*|'([^']*)'|"([^"]*)")\]/.exec(text.slice(i));
      if (!m) fail("expected [n], [*] or ['name']");
      i += m![0].length;
      if (m![1] !== undefined) segments.push({ type: "index", index: Number(m![1]) });
      else if (m![2] !== undefined || m![3] !== undefined) segments.push({ type: "key", name: (m![2] ?? m![3])! });
      else segments.push({ type: "any" });
    } else fail("expected . or [");
  }
  if (segments.length === 0) fail("the whole body cannot be ignored");
  return { text, segments };
}

/** A regex ignore rule; a bad one is an error that quotes it. Always global. */
export function parseIgnoreRegex(source: string): RegExp {
  try {
    return new RegExp(source, "gu");
  } catch (error) {
    throw new IgnoreRuleError(`--ignore-regex "${source}": ${(error as Error).message}`);
  }
}

export type IgnoreRules = { jsonPaths: readonly JsonPath[]; regexes: readonly RegExp[] };
export const NO_RULES: IgnoreRules = { jsonPaths: [], regexes: [] };

const IGNORED = "<ignored>";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Removes what a path names (object keys are deleted; array elements become "<ignored>"). */
function removePath(node: Json, segments: readonly Segment[], at: number): void {
  if (node === null || typeof node !== "object") return;
  const seg = segments[at];
  const last = at === segments.length - 1;
  const visit = (container: Json[] | Record<string, Json>, key: string | number) => {
    if (last) {
      if (Array.isArray(container)) container[key as number] = IGNORED;
      else delete container[key as string];
    } else removePath((container as Record<string, Json>)[key as string], segments, at + 1);
  };
  if (seg.type === "key") {
    if (!Array.isArray(node) && Object.hasOwn(node, seg.name)) visit(node, seg.name);
  } else if (seg.type === "index") {
    if (Array.isArray(node) && seg.index < node.length) visit(node, seg.index);
  } else if (seg.type === "any") {
    if (Array.isArray(node)) node.forEach((_, i) => visit(node, i));
    else for (const key of Object.keys(node)) visit(node, key);
  } else {
    // deep: the name here, and the same search in every child
    if (!Array.isArray(node) && Object.hasOwn(node, seg.name)) visit(node, seg.name);
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) removePath(child, segments, at);
  }
}

function blankStrings(node: Json, regexes: readonly RegExp[]): Json {
  if (typeof node === "string") return blank(node, regexes);
  if (node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((n) => blankStrings(n, regexes));
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) out[k] = blankStrings(v, regexes);
  return out;
}

function blank(text: string, regexes: readonly RegExp[]): string {
  let out = text;
  for (const re of regexes) out = out.replace(re, IGNORED);
  return out;
}

// ───────────────────────────── normalising ─────────────────────────────

export type Normalised =
  { type: "json"; value: Json } | { type: "text"; lines: string[] } | { type: "bytes"; hash: string; length: number } | { type: "empty" };

const TEXTUAL = /^(text\/|application\/(?:xml|xhtml\+xml|javascript|x-www-form-urlencoded)|image\/svg\+xml)/i;
const JSONISH = /^application\/(?:[\w.+-]*\+)?json|^text\/json/i;

export function normalise(answer: Pick<HttpAnswer, "body" | "contentType">, rules: IgnoreRules): Normalised {
  if (answer.body.length === 0) return { type: "empty" };
  const type = answer.contentType.split(";", 1)[0].trim();
  const first = answer.body[0];
  if (JSONISH.test(type) || (type === "" && (first === 0x7b || first === 0x5b))) {
    try {
      let value = JSON.parse(answer.body.toString("utf8")) as Json;
      for (const path of rules.jsonPaths) {
        if (value !== null && typeof value === "object") removePath(value, path.segments, 0);
      }
      if (rules.regexes.length) value = blankStrings(value, rules.regexes);
      return { type: "json", value };
    } catch {
      // Declared JSON but is not: compared as text below.
    }
  }
  if (TEXTUAL.test(type) || JSONISH.test(type) || (type === "" && isUtf8Text(answer.body))) {
    const text = blank(answer.body.toString("utf8"), rules.regexes);
    return { type: "text", lines: text.split(/\r?\n/) };
  }
  return { type: "bytes", hash: createHash("sha256").update(answer.body).digest("hex"), length: answer.body.length };
}

function isUtf8Text(body: Buffer): boolean {
  const head = body.subarray(0, 512);
  return !head.includes(0) && Buffer.from(head.toString("utf8"), "utf8").equals(head);
}

// ───────────────────────────── differences ─────────────────────────────

export type Difference = { path: string; legacy: string; new: string };

const EXCERPT = 120;
const excerpt = (value: unknown): string => {
  const text = value === undefined ? "(absent)" : typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
};

const keyPath = (base: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`);

/** Up to `limit` differences between two normalised bodies, in document order. */
export function differences(a: Normalised, b: Normalised, limit = 20): Difference[] {
  const out: Difference[] = [];
  if (a.type !== b.type) {
    out.push({ path: "body", legacy: describe(a), new: describe(b) });
    return out;
  }
  switch (a.type) {
    case "empty":
      return out;
    case "bytes": {
      const bb = b as Extract<Normalised, { type: "bytes" }>;
      if (a.hash !== bb.hash) out.push({ path: "body", legacy: describe(a), new: describe(b) });
      return out;
    }
    case "text": {
      const bl = (b as Extract<Normalised, { type: "text" }>).lines;
      const n = Math.min(a.lines.length, bl.length);
      for (let i = 0; i < n && out.length < limit; i++)
        if (a.lines[i] !== bl[i]) out.push({ path: `line ${i + 1}`, legacy: excerpt(a.lines[i]), new: excerpt(bl[i]) });
      if (a.lines.length !== bl.length && out.length < limit) out.push({ path: "lines", legacy: String(a.lines.length), new: String(bl.length) });
      return out;
    }
    case "json":
      diffJson(a.value, (b as Extract<Normalised, { type: "json" }>).value, "$", out, limit);
      return out;
  }
}

function describe(n: Normalised): string {
  switch (n.type) {
    case "empty":
      return "(empty)";
    case "bytes":
      return `${n.length} bytes, sha256 ${n.hash.slice(0, 12)}`;
    case "text":
      return `text, ${n.lines.length} lines`;
    case "json":
      return excerpt(n.value);
  }
}

function diffJson(a: Json | undefined, b: Json | undefined, path: string, out: Difference[], limit: number): void {
  if (out.length >= limit) return;
  if (a === b) return;
  const aIsObj = a !== null && typeof a === "object";
  const bIsObj = b !== null && typeof b === "object";
  if (!aIsObj || !bIsObj || Array.isArray(a) !== Array.isArray(b)) {
    out.push({ path, legacy: excerpt(a), new: excerpt(b) });
    return;
  }
  if (Array.isArray(a)) {
    const bArr = b as Json[];
    const n = Math.min(a.length, bArr.length);
    for (let i = 0; i < n; i++) diffJson(a[i], bArr[i], `${path}[${i}]`, out, limit);
    if (a.length !== bArr.length && out.length < limit) out.push({ path: `${path}.length`, legacy: String(a.length), new: String(bArr.length) });
    return;
  }
  const ao = a as Record<string, Json>;
  const bo = b as Record<string, Json>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  for (const key of keys) diffJson(Object.hasOwn(ao, key) ? ao[key] : undefined, Object.hasOwn(bo, key) ? bo[key] : undefined, keyPath(path, key), out, limit);
}

/** `$.items[3].price` → `$.items[*].price`: the field, whichever element. */
export const generalise = (path: string) => path.replace(/\[\d+\]/g, "[*]");

/** Whether `path` (generalised) is noise: it, or a field or element that holds it, is in `noise`. */
export function isCoveredBy(path: string, noise: ReadonlySet<string>): boolean {
  if (noise.size === 0) return false;
  if (noise.has(path)) return true;
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if ((c === "." || c === "[") && noise.has(path.slice(0, i))) return true;
  }
  return false;
}
