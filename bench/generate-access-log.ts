/**
 * Deterministic (seeded) test data for the access-log import: a route inventory in canonical
 * patterns and a Combined Log Format file whose requests hit those routes with a Zipf-like skew.
 * Used by bench/access-log.bench.ts; reusable by other benchmarks and tests.
 *
 * Unmatched requests use first path segments no route uses, and no route starts with a
 * parameter, so the number of matched lines is known exactly (`expectedMatched`) whatever the
 * matcher's precedence decides about which route a line lands on.
 */
import { prng } from "@/lib/demo/synthetic";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

export type GeneratedRoute = { method: string; path: string };

/** mulberry32, shared with the synthetic project generator: same seed, same sequence. */
export const seededRandom = prng;

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const NAMESPACES = ["api/v1", "api/v2", "api/internal", "admin", "account", "shop", "blog", "reports", "partners", "mobile/v3"];
const RESOURCES = [
  "users",
  "orders",
  "invoices",
  "products",
  "carts",
  "payments",
  "shipments",
  "customers",
  "articles",
  "comments",
  "tags",
  "categories",
  "reviews",
  "coupons",
  "refunds",
  "teams",
  "projects",
  "tickets",
  "messages",
  "files",
  "webhooks",
  "subscriptions",
  "plans",
  "addresses",
  "warehouses",
  "suppliers",
  "returns",
  "notifications",
  "sessions",
  "reports",
];
const ACTIONS = ["edit", "history", "export", "archive", "restore", "preview", "approve", "items", "summary", "audit"];
const COLLECTION_LITERALS = ["search", "recent", "stats", "new", "bulk", "export", "settings", "me"];
const WORDS = ["alpha", "bravo", "delta", "echo", "fox", "golf", "hotel", "india", "kilo", "lima", "mike", "nova", "oscar", "papa", "romeo", "tango"];

/** Patterns the generator can also produce example paths for. */
const PATH_ROUTES = ["/static/<path:file>", "/media/<path:file>", "/docs/<path:page>", "/downloads/<path:file>"];
const REGEX_ROUTES: { path: string; example: (rand: Random) => string }[] = [
  { path: "^/archive/(?P<year>[0-9]{4})/$", example: (r) => `/archive/${int(r, 2001, 2025)}/` },
  { path: "^/archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", example: (r) => `/archive/${int(r, 2001, 2025)}/${String(int(r, 1, 12)).padStart(2, "0")}/` },
  { path: "^/legacy/page-(?P<id>[0-9]+)\\.html$", example: (r) => `/legacy/page-${int(r, 1, 5000)}.html` },
  { path: "^/feeds/(?P<kind>rss|atom)\\.xml$", example: (r) => `/feeds/${pick(r, ["rss", "atom"])}.xml` },
];

/**
 * `count` distinct (method, pattern) routes: mostly REST-like literals, `<int:id>`, `<slug:s>` and
 * `<id>` under namespaces, plus a few `path` converters and regex patterns.
 */
export function generateRouteInventory(count = 5_000, seed = 1): GeneratedRoute[] {
  const rand = seededRandom(seed);
  const routes: GeneratedRoute[] = [];
  const seen = new Set<string>();
  const add = (method: string, routePath: string) => {
    const key = `${method} ${routePath}`;
    if (routes.length < count && !seen.has(key)) {
      seen.add(key);
      routes.push({ method, path: routePath });
    }
  };
  for (const p of PATH_ROUTES) add("GET", p);
  for (const r of REGEX_ROUTES) add("ANY", r.path);
  for (let attempts = 0; routes.length < count && attempts < count * 50; attempts++) {
    const ns = pick(rand, NAMESPACES);
    // Numbered resource families ("orders7") let 5,000–50,000 routes stay distinct.
    const resource = pick(rand, RESOURCES) + (rand() < 0.8 ? String(int(rand, 1, Math.ceil(count / 100))) : "");
    const base = `/${ns}/${resource}`;
    const shape = rand();
    if (shape < 0.15) add(pick(rand, ["GET", "POST"]), base);
    else if (shape < 0.4) add(pick(rand, ["GET", "GET", "PUT", "PATCH", "DELETE"]), `${base}/<int:id>`);
    else if (shape < 0.55) add(pick(rand, ["GET", "POST"]), `${base}/<int:id>/${pick(rand, ACTIONS)}`);
    else if (shape < 0.67) add("GET", `${base}/<slug:slug>`);
    else if (shape < 0.77) add(pick(rand, ["GET", "ANY"]), `${base}/<id>/${pick(rand, ACTIONS)}`);
    else if (shape < 0.87) add(pick(rand, ["GET", "POST"]), `${base}/${pick(rand, COLLECTION_LITERALS)}`);
    else if (shape < 0.95) add("GET", `${base}/<uuid:key>`);
    else add("ANY", `${base}/<int:id>/<slug:part>`);
  }
  return routes;
}

/**
 * A concrete request path that the pattern matches. Parameter values come from entities drawn
 * with a Zipf-like popularity (`entity()` → 1, 2, …), as real traffic asks for popular items
 * again and again; a slug or UUID is a fixed function of its entity's number.
 */
function examplePath(routePath: string, rand: Random, entity: () => number): string {
  if (routePath.startsWith("^/")) return REGEX_ROUTES.find((r) => r.path === routePath)!.example(rand);
  return routePath.replace(/<(?:(\w+):)?\w+>/g, (_, converter: string | undefined) => {
    const id = entity();
    switch (converter) {
      case "int":
        return String(id);
      case "slug":
        return `${WORDS[id % 16]}-${WORDS[(id >> 4) % 16]}-${id}`;
      case "uuid":
        return uuidOf(id);
      case "path":
        return `${["css", "js", "img", "guides", "v2/assets"][id % 5]}/${WORDS[id % 16]}-${id % 200}.${["css", "js", "png", "html"][id % 4]}`;
      default:
        return id % 2 === 0 ? String(id) : `${WORDS[id % 16]}${id}`;
    }
  });
}

/** A version-4-looking UUID that is a fixed function of n. */
function uuidOf(n: number): string {
  const rand = seededRandom(n);
  return hex(rand, 8) + "-" + hex(rand, 4) + "-4" + hex(rand, 3) + "-a" + hex(rand, 3) + "-" + hex(rand, 12);
}

/** Fisher–Yates, in place. */
function shuffle<T>(items: T[], rand: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const hex = (rand: Random, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[Math.floor(rand() * 16)];
  return s;
};

/** Zipf-like sampler over ranks 1..n (weight 1/rank^s), by binary search in the CDF. */
export function zipfSampler(n: number, s: number, rand: Random): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = total += 1 / Math.pow(k, s);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

const UNMATCHED_PATHS = [
  "/wp-login.php",
  "/xmlrpc.php",
  "/.env",
  "/.git/config",
  "/phpmyadmin/index.php",
  "/wp-admin/setup-config.php",
  "/favicon.ico",
  "/robots.txt",
  "/apple-touch-icon.png",
  "/sitemap.xml",
  "/actuator/health",
  "/server-status",
];
// Short agents keep the file near 125 bytes a line, the size the reference figures were taken at.
const AGENTS = ["Mozilla/5.0 Firefox/128.0", "Mozilla/5.0 (iPhone) Safari/605", "curl/8.5.0", "okhttp/4.12.0", "python-requests/2.32"];
const REFERERS = ["-", "-", "-", "-", "https://example.com/"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `[10/Oct/2000:13:55:36 +0200]` for epoch milliseconds, in a fixed +02:00 zone. */
function clfTime(ms: number): string {
  const d = new Date(ms + 2 * 3600_000);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `[${p2(d.getUTCDate())}/${MONTH_NAMES[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0200]`;
}

export type AccessLogSpec = {
  lines: number;
  routes: readonly GeneratedRoute[];
  seed?: number;
  /** Epoch ms of the first line; the log spans `days`. */
  startMs?: number;
  days?: number;
  /** Share of requests to paths no route matches (default 0.1). */
  unmatchedShare?: number;
};

export type GeneratedLog = {
  file: string;
  lines: number;
  bytes: number;
  /** Lines whose request matches some route. */
  expectedMatched: number;
  /** Distinct "METHOD path" (query string dropped): what a path cache cannot answer the first time. */
  distinctRequests: number;
  firstMs: number;
  lastMs: number;
};

/** Writes the log to `file` in 10,000-line batches (never the whole file in memory). */
export function writeAccessLog(file: string, spec: AccessLogSpec): GeneratedLog {
  const rand = seededRandom(spec.seed ?? 7);
  const { routes, lines } = spec;
  const startMs = spec.startMs ?? Date.UTC(2026, 2, 2, 0, 0, 0);
  const spanMs = (spec.days ?? 7) * 86_400_000;
  const unmatchedShare = spec.unmatchedShare ?? 0.1;
  // Popular routes are scattered across the inventory, not its first entries.
  const order = shuffle(
    routes.map((_, i) => i),
    rand,
  );
  const routeRank = zipfSampler(routes.length, 1.0, rand);
  const entity = zipfSampler(200_000, 1.1, rand);

  const fd = fs.openSync(file, "w");
  let bytes = 0;
  let expectedMatched = 0;
  const distinct = new Set<string>();
  let lastSecond = -1;
  let stamp = "";
  let batch: string[] = [];
  const firstMs = Math.floor(startMs / 1000) * 1000;
  let lastMs = firstMs;
  try {
    for (let i = 0; i < lines; i++) {
      const ms = startMs + Math.floor((i / lines) * spanMs);
      const second = Math.floor(ms / 1000);
      if (second !== lastSecond) {
        lastSecond = second;
        stamp = clfTime(ms);
        lastMs = second * 1000;
      }
      let method: string;
      let target: string;
      if (rand() < unmatchedShare) {
        method = rand() < 0.9 ? "GET" : "POST";
        target = rand() < 0.7 ? pick(rand, UNMATCHED_PATHS) : `/old-site/${pick(rand, WORDS)}/${int(rand, 1, 20_000)}`;
      } else {
        const route = routes[order[routeRank() - 1]];
        method = route.method === "ANY" ? pick(rand, ["GET", "POST"]) : route.method === "GET" && rand() < 0.02 ? "HEAD" : route.method;
        target = examplePath(route.path, rand, entity);
        expectedMatched++;
      }
      distinct.add(`${method} ${target}`);
      if (rand() < 0.1) target += rand() < 0.5 ? `?page=${int(rand, 1, 40)}` : `?q=${pick(rand, WORDS)}&utm_source=${pick(rand, WORDS)}`;
      const ip = `${int(rand, 1, 223)}.${int(rand, 0, 255)}.${int(rand, 0, 255)}.${int(rand, 1, 254)}`;
      const status = pick(rand, [200, 200, 200, 200, 200, 304, 301, 404, 500]);
      batch.push(`${ip} - - ${stamp} "${method} ${target} HTTP/1.1" ${status} ${int(rand, 200, 60_000)} "${pick(rand, REFERERS)}" "${pick(rand, AGENTS)}"\n`);
      if (batch.length === 10_000 || i === lines - 1) {
        const chunk = Buffer.from(batch.join(""));
        fs.writeSync(fd, chunk);
        bytes += chunk.length;
        batch = [];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return { file, lines, bytes, expectedMatched, distinctRequests: distinct.size, firstMs, lastMs };
}

export async function gzipFile(source: string, target: string): Promise<void> {
  await pipeline(fs.createReadStream(source), createGzip(), fs.createWriteStream(target));
}

export type AccessLogFixture = GeneratedLog & { gzFile: string; routes: GeneratedRoute[]; reused: boolean };

/**
 * The benchmark's inventory and log (plain and .gz) in os.tmpdir(), generated once and reused:
 * same parameters, same seed → same files. A sidecar JSON marks a complete generation.
 */
export async function ensureAccessLogFixture(lines = 1_000_000, routeCount = 5_000, seed = 1): Promise<AccessLogFixture> {
  const routes = generateRouteInventory(routeCount, seed);
  const base = path.join(os.tmpdir(), `waypoint-access-${lines}-${routeCount}-s${seed}-v5`);
  const meta = `${base}.json`;
  const gzFile = `${base}.log.gz`;
  if (fs.existsSync(meta) && fs.existsSync(`${base}.log`) && fs.existsSync(gzFile)) {
    return { ...(JSON.parse(fs.readFileSync(meta, "utf8")) as GeneratedLog), gzFile, routes, reused: true };
  }
  const log = writeAccessLog(`${base}.log`, { lines, routes, seed });
  await gzipFile(log.file, gzFile);
  fs.writeFileSync(meta, JSON.stringify(log));
  return { ...log, gzFile, routes, reused: false };
}
