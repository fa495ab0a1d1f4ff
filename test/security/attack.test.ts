/**
 * Issue 18: the standing attack suite (`npm run test:security`). Every method and path of the
 * OpenAPI document is tried, in-process like the integration tests, with another tenant's ids,
 * every role and token, cross-site cookies and hostile bodies; each attempt compares the
 * database's row counts (and a fingerprint of the other tenant's rows) before and after. It prints
 * tried / held / failed per category and fails on any failure. Page routes and the rendering of
 * stored payloads are attacked in the browser by e2e/attack.spec.ts.
 */
import path from "node:path";
import { gzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { ENDPOINTS, type Endpoint } from "@/lib/api/endpoints";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { can } from "@/lib/auth/permissions";
import { CHARTS } from "@/lib/progress/csv";
import { createItem } from "@/lib/inventory/items";
import { newMember } from "../helpers/factories";
import { claimItem } from "@/lib/claims/claims";
import type { Db } from "@/lib/db/client";
import { buildTenant, type Principal, type Tenant } from "./world";
import { itemFor, ruleOf, sampleBody } from "./rules";
import { signIn } from "../helpers/session";
import { parse as parseCsv } from "csv-parse/sync";

// ---------------------------------------------------------------------------------------------
// Bookkeeping: tried / held / failed per category.

type Tally = { tried: number; held: number; failed: number; failures: string[] };
const tallies = new Map<string, Tally>();
function record(category: string, held: boolean, what: string) {
  const t = tallies.get(category) ?? { tried: 0, held: 0, failed: 0, failures: [] };
  tallies.set(category, t);
  t.tried++;
  if (held) t.held++;
  else {
    t.failed++;
    t.failures.push(what);
  }
}
function failuresOf(category: string): string[] {
  return tallies.get(category)?.failures ?? [];
}

afterAll(() => {
  const rows = [...tallies.entries()];
  const total = rows.reduce((acc, [, t]) => ({ tried: acc.tried + t.tried, held: acc.held + t.held, failed: acc.failed + t.failed }), {
    tried: 0,
    held: 0,
    failed: 0,
  });
  const line = (name: string, t: { tried: number; held: number; failed: number }) =>
    `${name.padEnd(32)}${String(t.tried).padStart(7)}${String(t.held).padStart(7)}${String(t.failed).padStart(8)}`;
  const table = [
    line("category", { tried: "tried", held: "held", failed: "failed" } as never),
    "-".repeat(54),
    ...rows.map(([n, t]) => line(n, t)),
    "-".repeat(54),
    line("total", total),
  ];
  console.log(`\nAttack suite (issue 18)\n${table.join("\n")}\n`);
  for (const [name, t] of rows) for (const f of t.failures.slice(0, 20)) console.log(`FAILED ${name}: ${f}`);
});

// ---------------------------------------------------------------------------------------------
// The world, the handlers and the requests.

let db: Db;
let home: Tenant;
let foreign: Tenant;
const handlers = new Map<string, Record<string, unknown>>();

/** The route module's folder under app/ and the path's segments: the handler's params are read off the same positions. */
function dirOf(e: Endpoint): string {
  return e.handlerDir ?? e.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]");
}

type Values = Record<string, string>;
function valuesFor(e: Endpoint, t: Tenant): Values {
  return { ...t.params, itemId: itemFor(e, t) };
}

function concrete(e: Endpoint, values: Values): { url: string; params: Record<string, string> } {
  const pathname = e.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for {${name}} of ${e.path}`);
    return encodeURIComponent(values[name]);
  });
  const segments = pathname.replace(/^\//, "").split("/");
  const params: Record<string, string> = {};
  dirOf(e)
    .split("/")
    .forEach((seg, i) => {
      const m = /^\[(\w+)\]$/.exec(seg);
      if (m) params[m[1]] = decodeURIComponent(segments[i]);
    });
  return { url: `http://localhost${pathname}`, params };
}

type SendInit = { body?: unknown; raw?: BodyInit | ReadableStream<Uint8Array>; headers?: Record<string, string>; query?: string; origin?: string | null };
type Answer = { status: number; text: string; type: string };

async function send(e: Endpoint, principal: Principal | null, values: Values, init: SendInit = {}): Promise<Answer> {
  const mod = handlers.get(dirOf(e))!;
  const handler = mod[e.method.toUpperCase()] as (r: Request, c: { params: Promise<unknown> }) => Promise<Response>;
  const { url, params } = concrete(e, values);
  const headers = new Headers(init.headers);
  signIn(principal?.kind === "session" ? principal.userId : null);
  if (principal?.kind === "token") headers.set("authorization", `Bearer ${principal.secret}`);
  if (init.origin !== null && !headers.has("origin")) headers.set("origin", init.origin ?? "http://localhost");
  let body: BodyInit | ReadableStream<Uint8Array> | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`${url}${init.query ?? ""}`, {
    method: e.method.toUpperCase(),
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(params) });
  return {
    status: response.status,
    text: response.status === 204 || response.status === 304 ? "" : await response.text(),
    type: response.headers.get("content-type") ?? "",
  };
}

/** Queries some endpoints need to be answered at all (the others take none or only optional ones). */
function queryFor(e: Endpoint): string {
  if (e.path.endsWith("/routing")) return "?format=json";
  if (e.upload) return "?format=csv&kind=modules&fileName=attack.csv";
  return "";
}

// ---------------------------------------------------------------------------------------------
// Row counts before and after: every table (but the security log and the throttle, which record
// refusals by design), and a fingerprint of every row of the foreign organisation.

let snapshotSql = "";
async function prepareSnapshot() {
  const tables = (
    await db.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  )
    .map((r) => r.table_name)
    .filter((t) => !/^_prisma|^AuthEvent$|^AuthThrottle$|^UserSession$/.test(t));
  const orgTables = new Set(
    (
      await db.$queryRawUnsafe<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'organizationId'`,
      )
    ).map((r) => r.table_name),
  );
  const org = foreign.admin.organization.id.replace(/'/g, "");
  snapshotSql = tables
    .map((t) => {
      const count = `(SELECT count(*) FROM "${t}")`;
      const hash = orgTables.has(t)
        ? `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x WHERE x."organizationId" = '${org}')`
        : "''";
      return `SELECT '${t}' AS t, ${count}::int AS n, ${hash} AS h`;
    })
    .join(" UNION ALL ");
}
async function snapshot(): Promise<Map<string, string>> {
  const rows = await db.$queryRawUnsafe<{ t: string; n: number; h: string }[]>(snapshotSql);
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.entries()].filter(([t, v]) => before.get(t) !== v).map(([t]) => t);
}

/** Runs one attempt; `expectation` answers null when it held or why it did not. */
async function attempt(
  category: string,
  label: string,
  run: () => Promise<Answer>,
  expectation: (a: Answer) => string | null,
  options: { nothingWritten?: boolean } = {},
) {
  const before = options.nothingWritten === false ? null : await snapshot();
  let answer: Answer;
  try {
    answer = await run();
  } catch (error) {
    record(category, false, `${label}: threw ${(error as Error).message}`);
    return;
  }
  let problem = expectation(answer);
  if (!problem && answer.status >= 500) problem = `answered ${answer.status}`;
  if (!problem && before) {
    const changed = changes(before, await snapshot());
    if (changed.length) problem = `answered ${answer.status} but wrote to ${changed.join(", ")}`;
  }
  record(category, !problem, `${label}: ${problem} ${problem ? answer.text.slice(0, 200) : ""}`);
}

const status =
  (...expected: number[]) =>
  (a: Answer) =>
    expected.includes(a.status) ? null : `answered ${a.status}, expected ${expected.join(" or ")}`;
function leaks(a: Answer): string | null {
  const found = foreign.secrets.filter((s) => a.text.includes(s));
  return found.length ? `the body names the other tenant's ${found.slice(0, 3).join(", ")}` : null;
}
const both =
  (...checks: ((a: Answer) => string | null)[]) =>
  (a: Answer) =>
    checks.map((c) => c(a)).find((x) => x) ?? null;
const label = (e: Endpoint, who: string, what = "") => `${e.method.toUpperCase()} ${e.path} as ${who}${what ? ` (${what})` : ""}`;

const WRITES = () => ENDPOINTS.filter((e) => e.method !== "get");
const adminSession = (t: Tenant) => t.principals.find((p) => p.label === "session ADMIN")!;
const managerToken = (t: Tenant) => t.principals.find((p) => p.label === "token MANAGER")!;

beforeAll(async () => {
  db = await testDb();
  home = await buildTenant(db, "Home");
  foreign = await buildTenant(db, "Zanzibar");
  for (const e of ENDPOINTS) {
    const dir = dirOf(e);
    if (!handlers.has(dir)) handlers.set(dir, await import(/* @vite-ignore */ path.resolve("app", dir, "route.ts")));
  }
  await prepareSnapshot();
});

test("the attack surface is the OpenAPI document's every method and path", () => {
  const doc = buildOpenApiDocument();
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops as object)
      .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map((m) => `${m} ${p}`),
  );
  expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(documented.sort());
  for (const e of ENDPOINTS) {
    expect(typeof handlers.get(dirOf(e))?.[e.method.toUpperCase()], `${e.method} ${e.path}`).toBe("function");
    ruleOf(e);
    if (e.body) expect(sampleBody(e, home)).toBeDefined();
  }
});

// ---------------------------------------------------------------------------------------------

/**
 * Another tenant's id must answer 404, or else exactly what an id that exists nowhere answers (a
 * request refused for another reason first, e.g. a token that may not claim for itself): either
 * way nothing tells the other tenant's rows from no rows.
 */
async function likeUnknown(send1: (values: Values, query?: string) => Promise<Answer>, foreignValues: Values, replaced: string[], query = ""): Promise<Answer> {
  const answer = await send1(foreignValues, query);
  if (answer.status === 404) return answer;
  const unknown: Values = { ...foreignValues };
  let unknownQuery = query;
  for (const name of replaced) {
    unknown[name] = `c0unknown${name.toLowerCase().replace(/[^a-z0-9]/g, "")}0000000000`.slice(0, 25);
    unknownQuery = unknownQuery.split(foreignValues[name] ?? "\u0000").join(unknown[name]);
  }
  const control = await send1(unknown, unknownQuery);
  let text = answer.text;
  for (const name of replaced) text = text.split(foreignValues[name]).join(unknown[name]);
  // The same refusal, or the same empty list: indistinguishable.
  const same = control.status === answer.status && control.text === text && (answer.status >= 400 || /^\{"data":\[\]/.test(answer.text));
  return {
    ...answer,
    status: same ? 404 : answer.status,
    text: same ? answer.text : `${answer.text} (an unknown id answers ${control.status} ${control.text.slice(0, 150)})`,
  };
}

describe("tenancy: another tenant's ids answer 404 and name nothing of it", () => {
  test("every endpoint with the other tenant's project, and with the home project and the other tenant's ids", async () => {
    for (const e of ENDPOINTS) {
      for (const who of [adminSession(home), managerToken(home)]) {
        const body = e.body ? sampleBody(e, home) : undefined;
        const raw = e.upload ? "path\nx/y\n" : undefined;
        const headers = e.upload ? { "content-type": "text/csv" } : undefined;
        const query = queryFor(e);
        if (e.path.includes("{projectId}")) {
          // Everything foreign.
          const names = Object.keys(e.pathParams ?? {}).filter((n) => n !== "chart" && n !== "date");
          await attempt(
            "tenancy: foreign ids",
            label(e, who.label, "all ids foreign"),
            () => likeUnknown((v) => send(e, who, v, { body, raw, headers, query }), valuesFor(e, foreign), names),
            both(status(404), leaks),
          );
          // The home project, each other id foreign.
          for (const name of names.filter((n) => n !== "projectId")) {
            const values = { ...valuesFor(e, home), [name]: valuesFor(e, foreign)[name] };
            await attempt(
              "tenancy: foreign ids",
              label(e, who.label, `foreign ${name}`),
              () => likeUnknown((v) => send(e, who, v, { body: e.body ? sampleBody(e, home) : undefined, raw, headers, query }), values, [name]),
              both(status(404), leaks),
            );
          }
        } else if (e.method === "get") {
          const org = { org: foreign.admin.organization.slug };
          await attempt(
            "tenancy: foreign ids",
            label(e, who.label, "foreign organisation"),
            () => likeUnknown((v, q) => send(e, who, v, { query: q }), org, ["org"], `?organization=${org.org}`),
            both(status(404), leaks),
          );
          const cursor = { cursor: foreign.project.id };
          await attempt(
            "tenancy: foreign ids",
            label(e, who.label, "foreign cursor"),
            () => likeUnknown((v, q) => send(e, who, v, { query: q }), cursor, ["cursor"], `?cursor=${cursor.cursor}`),
            both(status(404), leaks),
          );
        } else {
          const org = { org: foreign.admin.organization.slug };
          await attempt(
            "tenancy: foreign ids",
            label(e, who.label, "foreign organisation"),
            () => likeUnknown((v) => send(e, who, v, { body: { ...sampleBody(e, home), organization: v.org } }), org, ["org"]),
            both(status(404), leaks),
          );
        }
      }
    }
    expect(failuresOf("tenancy: foreign ids")).toEqual([]);
  });

  test("ids of the other tenant inside bodies (items, people, entries, decisions) are never acted on", async () => {
    const swap = new Map<string, string>();
    for (const k of ["route", "route2", "module", "dependency", "entry", "later", "accepted"] as const) swap.set(home[k].id, foreign[k].id);
    for (const role of ["ADMIN", "MANAGER", "STEWARD", "ENGINEER", "VIEWER"] as const) swap.set(home.members[role].id, foreign.members[role].id);
    for (const e of ENDPOINTS.filter((x) => x.body)) {
      const sample = JSON.stringify(sampleBody(e, home));
      let swapped = sample;
      for (const [from, to] of swap) swapped = swapped.split(from).join(to);
      if (swapped === sample) continue;
      for (const who of [adminSession(home), managerToken(home)]) {
        if (who.kind === "token" && ruleOf(e).sessionOnly) continue;
        await attempt(
          "tenancy: foreign ids in bodies",
          label(e, who.label, "foreign ids in the body"),
          () => send(e, who, valuesFor(e, home), { body: JSON.parse(swapped), query: queryFor(e) }),
          both(status(400, 404), leaks),
        );
      }
    }
    expect(failuresOf("tenancy: foreign ids in bodies")).toEqual([]);
  });
});

describe("cross-site writes with the session cookie are refused", () => {
  test("every write, from another site, a sibling site, an opaque origin and no origin at all", async () => {
    const variants: [string, Record<string, string>, string | null][] = [
      ["Origin of another site", { "sec-fetch-site": "cross-site" }, "https://evil.example"],
      ["Origin of another site, no Sec-Fetch-Site", {}, "https://evil.example"],
      ["a sibling subdomain (same-site)", { "sec-fetch-site": "same-site" }, "http://evil.localhost"],
      ["Origin: null", {}, "null"],
      ["no Origin", {}, null],
    ];
    for (const e of WRITES()) {
      for (const [what, headers, origin] of variants) {
        const body = e.body ? sampleBody(e, home) : undefined;
        const upload = e.upload ? { raw: "path\nx/y\n", headers: { ...headers, "content-type": "text/csv" } } : { headers };
        await attempt(
          "cross-origin writes",
          label(e, "session ADMIN", what),
          () => send(e, adminSession(home), valuesFor(e, home), { body, origin, query: queryFor(e), ...upload }),
          status(403),
        );
      }
    }
    expect(failuresOf("cross-origin writes")).toEqual([]);
  });
});

describe("hostile bodies on every JSON endpoint", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
  const badUtf8 = new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
  test("oversized (413), deep (400), junk (400), invalid UTF-8 (400), the wrong media type (415), not an object (400)", async () => {
    for (const e of ENDPOINTS.filter((x) => x.body)) {
      const who = adminSession(home);
      const values = valuesFor(e, home);
      // 2 MB over the endpoint's limit (1 MB unless it takes more: evidence with a JUnit report).
      const big = JSON.stringify({ ...sampleBody(e, home), padding: "x".repeat((e.maxBodyBytes ?? MAX_JSON_BODY_BYTES) + 2 * 1024 * 1024) });
      const cases: [string, SendInit, number[]][] = [
        ["2 MB over the limit", { raw: big, headers: { "content-type": "application/json" } }, [413]],
        ["2 MB over the limit, declared small", { raw: big, headers: { "content-type": "application/json", "content-length": "20" } }, [413]],
        ["100,000 levels deep", { raw: deep, headers: { "content-type": "application/json" } }, [400]],
        ["junk bytes", { raw: junk, headers: { "content-type": "application/json" } }, [400]],
        ["invalid UTF-8", { raw: badUtf8, headers: { "content-type": "application/json" } }, [400]],
        ["JSON as text/plain", { raw: JSON.stringify(sampleBody(e, home)), headers: { "content-type": "text/plain" } }, [415]],
        ["a form post", { raw: "title=x&text=y", headers: { "content-type": "application/x-www-form-urlencoded" } }, [415]],
        ["a JSON array", { raw: "[1,2,3]", headers: { "content-type": "application/json" } }, [400]],
        ["JSON null", { raw: "null", headers: { "content-type": "application/json" } }, [400]],
        ["unknown fields", { body: { ...sampleBody(e, home), isAdmin: true, organizationId: foreign.admin.organization.id } }, [400]],
      ];
      for (const [what, init, expected] of cases) {
        if (what === "JSON null" && e.bodyOptional) continue;
        await attempt("hostile JSON bodies", label(e, who.label, what), () => send(e, who, values, { ...init, query: queryFor(e) }), status(...expected));
      }
    }
    expect(failuresOf("hostile JSON bodies")).toEqual([]);
  });
});

describe("hostile uploads on the import endpoints", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  function stream(total: number): ReadableStream<Uint8Array> {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    return new ReadableStream({
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
  }
  test("a zip bomb, zip paths out of the archive, truncated gzip, oversized, junk and invalid UTF-8 uploads", async () => {
    const uploads = ENDPOINTS.filter((e) => e.upload);
    expect(uploads.length).toBeGreaterThan(0);
    const bomb = zipSync({ "app.py": new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    const nested = zipSync(
      { "inner.zip": zipSync({ "a.py": new Uint8Array(30 * 1024 * 1024) }, { level: 9 }), "b.py": new Uint8Array(30 * 1024 * 1024) },
      { level: 9 },
    );
    const flask = (route: string) => enc(`from flask import Flask\napp = Flask(__name__)\n@app.route("${route}")\ndef x():\n    return "x"\n`);
    const traversal = zipSync({ "../../evil.py": flask("/escaped"), "/abs/evil2.py": flask("/absolute"), "ok/app.py": flask("/inside") });
    const log = enc(
      Array.from({ length: 2000 }, (_, i) => `10.0.0.1 - - [10/Jun/2026:10:00:00 +0000] "GET /home/orders?i=${i} HTTP/1.1" 200 12 "-" "curl"`).join("\n"),
    );
    const gz = gzipSync(log);
    const truncated = gz.subarray(0, Math.floor(gz.length / 2));
    const badGzipTail = new Uint8Array([...gz.subarray(0, gz.length - 8), 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const e of uploads) {
      for (const who of [adminSession(home), managerToken(home)]) {
        const values = valuesFor(e, home);
        const cases: [string, SendInit, (a: Answer) => string | null, boolean?][] = [
          [
            "a zip bomb (60 MB of zeros)",
            { raw: bomb, query: "?format=source&fileName=bomb.zip", headers: { "content-type": "application/zip" } },
            status(400),
          ],
          ["a zip of zips", { raw: nested, query: "?format=source&fileName=nested.zip", headers: { "content-type": "application/zip" } }, status(400)],
          [
            "a truncated gzip access log",
            { raw: truncated, query: "?format=access-log&fileName=access.log.gz", headers: { "content-type": "application/gzip" } },
            status(400),
          ],
          [
            "a gzip access log with a bad checksum",
            { raw: badGzipTail, query: "?format=access-log&fileName=access.log.gz", headers: { "content-type": "application/gzip" } },
            status(400),
          ],
          [
            "101 MB raw upload",
            { raw: stream(101 * 1024 * 1024), query: "?format=csv&kind=modules&fileName=big.csv", headers: { "content-type": "text/csv" } },
            status(413),
          ],
          [
            "101 MB multipart upload",
            {
              raw: "x",
              query: "?format=csv&kind=modules",
              headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(101 * 1024 * 1024) },
            },
            status(413),
          ],
          [
            "101 MB multipart upload, no length",
            { raw: stream(101 * 1024 * 1024), query: "?format=csv&kind=modules", headers: { "content-type": "multipart/form-data; boundary=x" } },
            status(413),
          ],
          [
            "junk bytes as a CSV",
            {
              raw: new Uint8Array(4096).map((_, i) => (i * 31) % 256),
              query: "?format=csv&kind=modules&fileName=junk.csv",
              headers: { "content-type": "text/csv" },
            },
            status(400),
          ],
          [
            "invalid UTF-8 in a CSV",
            {
              raw: new Uint8Array([...enc("path\napp/"), 0xff, 0xfe, 0xc3, 0x28, 0x0a]),
              query: "?format=csv&kind=modules&fileName=bad.csv",
              headers: { "content-type": "text/csv" },
            },
            status(400),
          ],
          [
            "a zip that is not one",
            { raw: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), query: "?format=source&fileName=cut.zip", headers: { "content-type": "application/zip" } },
            status(400),
          ],
          [
            "a broken multipart body",
            {
              raw: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
              query: "?format=csv&kind=modules",
              headers: { "content-type": "multipart/form-data; boundary=x" },
            },
            status(400),
          ],
        ];
        for (const [what, init, check] of cases)
          await attempt("hostile uploads", label(e, who.label, what), () => send(e, who, values, { ...init, origin: "http://localhost" }), check);
        // Paths out of the archive are skipped with a warning: the preview holds only the file inside it.
        await attempt(
          "hostile uploads",
          label(e, who.label, "zip entries named ../ and /"),
          () => send(e, who, values, { raw: traversal, query: "?format=flask&fileName=traversal.zip", headers: { "content-type": "application/zip" } }),
          (a) => {
            if (a.status !== 201 && a.status !== 400) return `answered ${a.status}`;
            if (!a.text.includes("points outside the archive")) return "no warning about the paths out of the archive";
            if (a.text.includes("/escaped") || a.text.includes("/absolute")) return "a file from outside the archive was read";
            return null;
          },
          { nothingWritten: false },
        );
      }
    }
    expect(failuresOf("hostile uploads")).toEqual([]);
  });
});

describe("CSV exports escape formulas", () => {
  test("every chart's CSV: no cell starts with = + - @ tab or CR unless it is a number", async () => {
    const ctx = home.ctx;
    const evil = ['=HYPERLINK("http://evil.example","x")', "+cmd|'/c calc'!A0", "-2+3+cmd|'/c calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"];
    const owner = await newMember(db, home.admin.organization.id, "ENGINEER", "=cmd|'/c calc'!A0");
    for (const [i, name] of evil.entries()) {
      const dep = await createItem(db, ctx, home.project.id, "DEPENDENCY", {
        name: `${name}${i}`,
        owner: `user:${owner.user.id}`,
        status: i % 2 ? "IN_PROGRESS" : "PORTED",
      });
      await claimItem(db, owner.ctx, home.project.id, dep.id).catch(() => null);
      await createItem(db, ctx, home.project.id, "MODULE", {
        path: `${name.replace(/[\t\r]/g, "")}${i}`,
        owner: `user:${owner.user.id}`,
        trafficPerDay: 10,
      }).catch(() => null);
    }
    const chart = ENDPOINTS.find((e) => e.path.endsWith("/progress/{chart}"))!;
    let escapedSeen = 0;
    for (const name of CHARTS) {
      for (const who of [adminSession(home), managerToken(home)]) {
        await attempt(
          "CSV formula injection",
          label(chart, who.label, `${name}.csv`),
          () => send(chart, who, { ...valuesFor(chart, home), chart: name }, { query: "?format=csv&from=2026-01-01&to=2026-12-31" }),
          (a) => {
            if (a.status !== 200) return `answered ${a.status}`;
            if (!/text\/csv/.test(a.type)) return `content type ${a.type}`;
            const bad = csvCells(a.text).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c));
            escapedSeen += csvCells(a.text).filter((c) => /^'[=+\-@\t\r]/.test(c)).length;
            return bad.length ? `cells start a formula: ${bad.slice(0, 3).join(" | ")}` : null;
          },
          { nothingWritten: false },
        );
      }
    }
    expect(failuresOf("CSV formula injection")).toEqual([]);
    // The payloads did reach the exports (else the test proves nothing).
    expect(escapedSeen).toBeGreaterThan(0);
  });
});

/** The cells of a CSV (RFC 4180 quoting), read by the same library the imports use. */
function csvCells(text: string): string[] {
  return (parseCsv(text, { relax_column_count: true }) as string[][]).flat();
}

describe("stored payloads: markup and script URLs in every text field", () => {
  const PAYLOADS = ["<script>alert('xss')</script>", "javascript:alert('xss')", "<img src=x onerror=alert('xss')>"];
  /** Every string in a body, as a path of keys. */
  function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    if (typeof value === "string") return [at];
    if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
    if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
    return [];
  }
  function setAt(value: Record<string, unknown>, at: (string | number)[], to: string) {
    const copy = structuredClone(value);
    let node: Record<string | number, unknown> = copy;
    for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
    node[at[at.length - 1]] = to;
    return copy;
  }
  test("each is refused (400) or stored and answered as JSON, never as markup; a link is never a javascript: URL", async () => {
    for (const e of ENDPOINTS.filter((x) => x.body)) {
      const who = adminSession(home);
      // Text fields the sample leaves out are attacked too: notes, links, handler, title…
      const base = { ...sampleBody(e, home) } as Record<string, unknown>;
      if (/\/(routes|modules|dependencies)(\/\{itemId\})?$/.test(e.path))
        Object.assign(base, { notes: "n", links: ["https://example.com"], statusReason: "r" });
      for (const at of stringPaths(base)) {
        for (const payload of PAYLOADS) {
          const body = setAt(base, at, at[0] === "links" || at[0] === "notes" ? payload : `${payload}${Math.random().toString(36).slice(2, 6)}`);
          const isLink = at[0] === "links" || /Upstream$/.test(String(at[0]));
          await attempt(
            "stored payloads (API)",
            label(e, who.label, `${at.join(".")} = ${payload}`),
            () => send(e, who, valuesFor(e, home), { body, query: queryFor(e) }),
            (a) => {
              if (isLink && payload.startsWith("javascript:") && a.status < 300) return `a javascript: URL was stored in ${at.join(".")}`;
              if (a.status < 300 && a.text && !/application\/json/.test(a.type)) return `answered ${a.type}`;
              if (a.status === 403) return "refused the admin";
              return null;
            },
            { nothingWritten: false },
          );
        }
      }
    }
    expect(failuresOf("stored payloads (API)")).toEqual([]);
  });
});

describe("roles: each role and token role gets the permission table's answer", () => {
  test("refused → 403 and nothing written; allowed → neither 401 nor 403 (every session role, every token role and scope)", async () => {
    type Try = { e: Endpoint; who: Principal; allowed: boolean };
    const tries: Try[] = [];
    for (const e of ENDPOINTS) {
      const rule = ruleOf(e);
      for (const who of home.principals) {
        let allowed = can(who.role, rule.action);
        if (who.kind === "token") {
          if (rule.sessionOnly) allowed = false;
          if (!(e.scopes ?? ["API"]).includes(who.scope as never)) allowed = false;
        }
        tries.push({ e, who, allowed });
      }
    }
    // Refusals first (the fixtures are intact), then what is allowed, deletions last.
    const order = (t: Try) => (t.allowed ? (t.e.method === "delete" ? 2 : 1) : 0);
    tries.sort((a, b) => order(a) - order(b));
    for (const { e, who, allowed } of tries) {
      const init: SendInit = { body: e.body ? sampleBody(e, home) : undefined, query: queryFor(e) };
      if (e.upload) Object.assign(init, { raw: "path\nroles/x\n", headers: { "content-type": "text/csv" } });
      await attempt(
        allowed ? "roles: allowed" : "roles: refused",
        label(e, who.label, allowed ? "allowed" : "refused"),
        () => send(e, who, valuesFor(e, home), init),
        allowed ? (a) => ([401, 403].includes(a.status) ? `answered ${a.status}` : null) : status(403),
        { nothingWritten: !allowed },
      );
    }
    expect(failuresOf("roles: refused")).toEqual([]);
    expect(failuresOf("roles: allowed")).toEqual([]);
  });
});

test("at least 500 attempts, none failed", () => {
  const total = [...tallies.values()].reduce((n, t) => n + t.tried, 0);
  expect(total).toBeGreaterThanOrEqual(500);
  expect([...tallies.entries()].filter(([, t]) => t.failed > 0).map(([n]) => n)).toEqual([]);
});
