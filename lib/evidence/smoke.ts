/**
 * The smoke test: every GET route of the inventory, requested as each user profile (anonymous, a
 * signed-in patron, a creator…) against the new stack, each answer checked against the status
 * expected for that profile. One evidence record per route and profile.
 *
 * Parameters are filled from real paths: the examples set on a route, or paths seen in an access
 * log, assigned to routes by the same route matcher the log import uses (so `/users/settings`
 * goes to `GET /users/settings`, not to `GET /users/<id>`). A route with parameters and no example
 * is skipped and listed, never requested with a made-up value.
 */
import { createHash } from "node:crypto";
import { countAccessLogFile, normalizeRequestPath } from "@/lib/import/access-log";
import { compileRouteMatcher } from "@/lib/import/route-matcher";
import { httpRequest, mapPool, type HttpResult } from "./http";
import type { RouteTarget } from "./client";
import type { EvidenceRecordInput, ItemRef } from "./schemas";

// ───────────────────────────── profiles and expectations ─────────────────────────────

export type Profile = { name: string; headers: Record<string, string> };

export class SmokeInputError extends Error {}

const PROFILE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `anonymous` | `NAME:cookie=COOKIES` | `NAME:header=Header-Name:value`. The credentials are sent
 * as given and never printed.
 */
export function parseProfile(spec: string): Profile {
  const colon = spec.indexOf(":");
  const name = colon < 0 ? spec : spec.slice(0, colon);
  if (!PROFILE_NAME.test(name)) throw new SmokeInputError(`--profile "${name}": a profile name holds letters, digits, _ . and - only (at most 64).`);
  if (colon < 0) return { name, headers: {} };
  const auth = spec.slice(colon + 1);
  if (auth.startsWith("cookie=")) {
    const cookie = auth.slice("cookie=".length);
    if (!cookie) throw new SmokeInputError(`--profile ${name}: cookie= needs a value, e.g. cookie=session=abc.`);
    return { name, headers: { cookie } };
  }
  if (auth.startsWith("header=")) {
    const header = auth.slice("header=".length);
    const sep = header.indexOf(":");
    const headerName = sep < 0 ? "" : header.slice(0, sep).trim();
    if (!HEADER_NAME.test(headerName)) throw new SmokeInputError(`--profile ${name}: header= is Header-Name:value, e.g. header=Authorization:Bearer abc.`);
    return { name, headers: { [headerName.toLowerCase()]: header.slice(sep + 1).trim() } };
  }
  throw new SmokeInputError(`--profile ${name}: after the name comes cookie=… or header=Name:value.`);
}

/** Statuses accepted for a profile: exact codes and classes ("2xx"). */
export type Expectation = { text: string; accepts(status: number): boolean };

const REDIRECTS = [301, 302, 303, 307, 308];

/** `200|302`, `2xx|3xx`: what `--expect NAME=…` takes. */
export function parseExpectation(text: string): Expectation {
  const parts = text.split("|").map((p) => p.trim());
  const codes = new Set<number>();
  const classes = new Set<number>();
  for (const part of parts) {
    if (/^[1-5]\d\d$/.test(part)) codes.add(Number(part));
    else if (/^[1-5]xx$/i.test(part)) classes.add(Number(part[0]));
    else throw new SmokeInputError(`--expect: "${part}" is not a status (200) or a class (2xx).`);
  }
  return { text: parts.join("|"), accepts: (s) => codes.has(s) || classes.has(Math.floor(s / 100)) };
}

/** 200 for every profile; for anonymous also a redirect (to the sign-in page of a protected route). */
export function defaultExpectation(profile: string): Expectation {
  return profile === "anonymous" ? parseExpectation(["200", ...REDIRECTS].join("|")) : parseExpectation("200");
}

/** `NAME=200|302` → [NAME, expectation]. */
export function parseExpectOption(spec: string): [string, Expectation] {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new SmokeInputError(`--expect "${spec}": use PROFILE=STATUS[|STATUS…], e.g. anonymous=200|302.`);
  return [spec.slice(0, eq), parseExpectation(spec.slice(eq + 1))];
}

// ───────────────────────────── which paths to request ─────────────────────────────

export type ObservedPath = { method: string; path: string };

const HAS_PARAMS = /<[^>]+>/;
const isRegexPattern = (path: string) => path.startsWith("^/");
const isSmokeMethod = (method: string) => method === "GET" || method === "ANY";

/**
 * Up to `perRoute` distinct example paths per route (same order as `routes`), picked from
 * observed request paths with the route matcher: a path counts for the route the import would
 * count it for. Query strings are dropped (they may hold tokens).
 */
export function pickExamplePaths(routes: readonly { method: string; path: string }[], observed: Iterable<ObservedPath>, perRoute = 1): string[][] {
  const matcher = compileRouteMatcher(routes);
  const picked = routes.map(() => [] as string[]);
  let open = routes.length * perRoute;
  for (const { method, path } of observed) {
    if (open === 0) break;
    const clean = normalizeRequestPath(path.split(/[?#]/, 1)[0]);
    const index = matcher.match(method.toUpperCase(), clean);
    if (index < 0) continue;
    const list = picked[index];
    if (list.length < perRoute && !list.includes(clean)) {
      list.push(clean);
      open--;
    }
  }
  return picked;
}

/**
 * The same from an access log on disk (plain or gzip), streamed: memory holds the examples only.
 * Returns the examples per route and how many requests the log had.
 */
export async function examplePathsFromLog(
  file: string,
  routes: readonly { method: string; path: string }[],
  perRoute = 1,
): Promise<{ examples: string[][]; requests: number; errors: string[] }> {
  const examples = routes.map(() => [] as string[]);
  const count = await countAccessLogFile(file, routes, {
    file,
    onRequest(route, request) {
      if (route < 0 || examples[route].length >= perRoute) return;
      const path = normalizeRequestPath(request.target().split(/[?#]/, 1)[0]);
      if (!examples[route].includes(path)) examples[route].push(path);
    },
  });
  return { examples, requests: count.requests, errors: count.issues.filter((i) => i.severity === "error").map((i) => i.message) };
}

export type SmokeTarget = { route: RouteTarget; path: string };
export type SkippedRoute = { route: RouteTarget; reason: string };

/**
 * The GET (and ANY) routes to request, each with its path: an example set on the route, else an
 * observed one, else the pattern itself when it has no parameters. `only` keeps the listed keys
 * ("GET /about"); a key that is not a route of the project is an error.
 */
export function smokeTargets(
  routes: readonly RouteTarget[],
  observed: readonly string[][] | null,
  only?: readonly string[],
): { targets: SmokeTarget[]; skipped: SkippedRoute[] } {
  const indexed = routes.map((route, i) => ({ route, observed: observed?.[i] ?? [] }));
  let chosen = indexed;
  if (only && only.length) {
    const byKey = new Map(indexed.map((r) => [r.route.key, r]));
    const unknown = only.filter((k) => !byKey.has(k));
    if (unknown.length)
      throw new SmokeInputError(`--routes: no such route in the project: ${unknown.map((k) => `"${k}"`).join(", ")}. Keys look like "GET /users/<id>".`);
    chosen = only.map((k) => byKey.get(k)!);
  }
  const targets: SmokeTarget[] = [];
  const skipped: SkippedRoute[] = [];
  for (const { route, observed: seen } of chosen) {
    if (!isSmokeMethod(route.method.toUpperCase())) {
      if (only?.length) skipped.push({ route, reason: `${route.method} is not requested by the smoke test (GET routes only)` });
      continue;
    }
    const path = route.examples?.[0] ?? seen[0] ?? (!HAS_PARAMS.test(route.path) && !isRegexPattern(route.path) ? route.path : null);
    if (path) targets.push({ route, path });
    else skipped.push({ route, reason: "no example path: set one on the route, or pass --log with an access log that has requests for it" });
  }
  return { targets, skipped };
}

// ───────────────────────────── running ─────────────────────────────

export type SmokeResult = {
  route: RouteTarget;
  profile: string;
  path: string;
  expected: string;
  /** The status received, or null when no answer came. */
  status: number | null;
  passed: boolean;
  ms: number;
  /** "timeout", "ECONNREFUSED"…; a redirect's Location is not followed. */
  error?: string;
};

export type SmokeOptions = {
  baseUrl: string;
  targets: readonly SmokeTarget[];
  profiles: readonly Profile[];
  /** Per profile; a profile without one gets `defaultExpectation`. */
  expectations?: ReadonlyMap<string, Expectation>;
  concurrency?: number;
  timeoutMs?: number;
};

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + (path.startsWith("/") ? path : `/${path}`);
}

/**
 * A decoded path (as the matcher and the examples hold it) made fit for a URL: characters a URL
 * cannot hold are percent-encoded; an escape already there (`%2F`, kept encoded on purpose) stays.
 */
export function encodePath(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) => encodeURIComponent(c));
}

export async function runSmoke(options: SmokeOptions): Promise<SmokeResult[]> {
  const jobs = options.targets.flatMap((target) => options.profiles.map((profile) => ({ target, profile })));
  return mapPool(jobs, options.concurrency ?? 8, async ({ target, profile }) => {
    const expectation = options.expectations?.get(profile.name) ?? defaultExpectation(profile.name);
    const result: HttpResult = await httpRequest(joinUrl(options.baseUrl, encodePath(target.path)), {
      headers: profile.headers,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBodyBytes: 0,
    });
    const base = { route: target.route, profile: profile.name, path: target.path, expected: expectation.text, ms: Math.round(result.ms) };
    if (!result.ok)
      return { ...base, status: null, passed: false, error: result.error === "timeout" ? result.message : `connection failed (${result.message})` };
    return { ...base, status: result.status, passed: expectation.accepts(result.status) };
  });
}

/** Items: the route's id when the inventory gave one, else its key. */
export const itemRefOf = (route: RouteTarget): ItemRef => (route.id ? { id: route.id } : { key: route.key });

/** A short stable hash, for externalIds that must stay within the schema's limit. */
export const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

export function smokeEvidence(
  results: readonly SmokeResult[],
  context: { runId: string; observedAt: string; baseUrl: string; commitSha?: string },
): EvidenceRecordInput[] {
  return results.map((r) => ({
    name: "smoke",
    kind: "smoke",
    status: "completed",
    conclusion: r.passed ? "success" : "failure",
    profile: r.profile,
    measured: { value: r.ms, unit: "ms", sampleSize: 1 },
    ...(r.status !== null && { metrics: { status: r.status } }),
    summary: `GET ${r.path} as ${r.profile} on ${context.baseUrl}: ${r.status ?? r.error} (expected ${r.expected}) in ${r.ms} ms.`,
    items: [itemRefOf(r.route)],
    externalId: `smoke-${context.runId}-${shortHash(`${r.route.key}\n${r.profile}`)}`,
    observedAt: context.observedAt,
    ...(context.commitSha && { commitSha: context.commitSha }),
  }));
}

/** The table the command prints: one row per route and profile, failures first. */
export function formatSmokeTable(results: readonly SmokeResult[], skipped: readonly SkippedRoute[]): string {
  const rows = [...results].sort((a, b) => Number(a.passed) - Number(b.passed) || a.route.key.localeCompare(b.route.key) || a.profile.localeCompare(b.profile));
  const table = [
    ["result", "route", "profile", "path", "status", "expected", "ms"],
    ...rows.map((r) => [
      r.passed ? "ok" : "FAIL",
      r.route.key,
      r.profile,
      r.path,
      r.status === null ? (r.error ?? "-") : String(r.status),
      r.expected,
      String(r.ms),
    ]),
  ];
  const widths = table[0].map((_, c) => Math.min(60, Math.max(...table.map((row) => row[c].length))));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (cell.length > widths[c] ? `${cell.slice(0, widths[c] - 1)}…` : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const out = table.map(line);
  for (const s of skipped) out.push(`skipped  ${s.route.key}: ${s.reason}`);
  const failed = results.filter((r) => !r.passed).length;
  out.push(
    "",
    `${results.length} checks: ${results.length - failed} passed, ${failed} failed${skipped.length ? `; ${skipped.length} route${skipped.length === 1 ? "" : "s"} skipped` : ""}.`,
  );
  return out.join("\n");
}
