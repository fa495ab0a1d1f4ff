/**
 * `waypoint replay` of a 1,000,000-line access log (5,000 routes), sampling 10,000 requests,
 * against two local backends — run as a user runs it, `node bin/waypoint.mjs replay …` in its own
 * process under GNU time, so the peak memory is the whole process's as the kernel counts it.
 * Target: peak RSS < 256 MB.
 *
 * This process plays the rest of the world: "legacy" and "new" (Node http; JSON answers with a
 * timestamp that changes on every answer — noise — and, on the new side, a different `version`
 * for every route under /reports — the seeded difference) and Waypoint's API (the 5,000 routes,
 * 100 a page, and the evidence batch endpoint). The servers share the machine's two cores with
 * the command, so the request rate is a floor, not the command's own limit.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { normalizeRoutePattern } from "@/lib/import/parsers/route-pattern-normalize";
import { ensureAccessLogFixture } from "./generate-access-log";
import { mb, round, type Benchmark, type Figures } from "./harness";
import { buildCliBundle } from "../scripts/cli-bundle.mjs";

const LINES = 1_000_000;
const ROUTES = 5_000;
const SAMPLE = 10_000;
const TIME = "/usr/bin/time";

type Server = { url: string; close: () => Promise<void>; stats: { requests: number; records: number } };

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, stats: Server["stats"]) => void): Promise<Server> {
  const stats = { requests: 0, records: 0 };
  const server = http.createServer((req, res) => {
    stats.requests++;
    handler(req, res, stats);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let tick = 0;
function backend(side: "legacy" | "new") {
  return serve((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const body = JSON.stringify({
      path: url.pathname,
      query: url.search,
      version: side === "new" && url.pathname.includes("/reports") ? 2 : 1,
      items: [
        { id: 1, name: "first" },
        { id: 2, name: "second" },
      ],
      at: new Date(Date.UTC(2026, 5, 10) + tick++).toISOString(),
    });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(req.method === "HEAD" ? undefined : body);
  });
}

function api(routes: { id: string; key: string; method: string; path: string }[]) {
  return serve((req, res, stats) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET" && url.pathname.endsWith("/routes")) {
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const start = url.searchParams.get("cursor") ? Number(url.searchParams.get("cursor")!.slice(1)) + 1 : 0;
      const page = routes.slice(start, start + limit);
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify({ data: page, nextCursor: start + limit < routes.length ? page[page.length - 1].id : null }));
    }
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const n = (JSON.parse(body) as { records: unknown[] }).records.length;
      stats.records += n;
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: n }));
    });
  });
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ["-f", "maxrss_kb=%M", process.execPath, "bin/waypoint.mjs", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - start }));
  });
}

export const replayCli: Benchmark = {
  name: "replay: 1,000,000-line log, 10,000 sampled requests, two local backends, through the CLI",
  async run() {
    if (!fs.existsSync(TIME)) return { skipped: `${TIME} (GNU time) is not installed: apt-get install time` };
    const fixture = await ensureAccessLogFixture(LINES, ROUTES);
    await buildCliBundle(process.cwd());
    const seen = new Set<string>();
    const routes = fixture.routes
      .map((r) => ({ method: r.method, path: normalizeRoutePattern(r.path) }))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
      .map((r, i) => ({ id: `r${i}`, key: `${r.method} ${r.path}`, ...r }));
    const [legacy, fresh, waypoint] = await Promise.all([backend("legacy"), backend("new"), api(routes)]);
    const figures: Figures = {};
    try {
      // The log alone: stream 1,000,000 lines, match, sample, replay only 10 requests.
      const alone = await run([
        "replay",
        "--project",
        "bench",
        "--log",
        fixture.file,
        "--legacy",
        legacy.url,
        "--new",
        fresh.url,
        "--sample",
        "10",
        "--url",
        waypoint.url,
        "--token",
        "bench",
        "--dry-run",
      ]);
      figures["plain, --sample 10 (streaming + matching + sampling, routes read from the API): wall (ms)"] = round(alone.ms);
      figures["plain, --sample 10: peak RSS of the process"] = mb(Number(/maxrss_kb=(\d+)/.exec(alone.stderr)?.[1]) * 1024);
      for (const [name, file] of [
        ["plain", fixture.file],
        ["gzip", fixture.gzFile],
      ] as const) {
        const before = { legacy: legacy.stats.requests, fresh: fresh.stats.requests, records: waypoint.stats.records };
        const result = await run([
          "replay",
          "--project",
          "bench",
          "--log",
          file,
          "--legacy",
          legacy.url,
          "--new",
          fresh.url,
          "--sample",
          String(SAMPLE),
          "--url",
          waypoint.url,
          "--token",
          "bench",
          "--concurrency",
          "8",
        ]);
        const kb = Number(/maxrss_kb=(\d+)/.exec(result.stderr)?.[1]);
        if (!kb) throw new Error(`waypoint replay failed (${result.code}): ${result.stderr.slice(-2000)}`);
        const summary = /\d[\d,]* log lines, .*$/m.exec(result.stdout)?.[0] ?? "(no summary)";
        const sent = legacy.stats.requests - before.legacy + (fresh.stats.requests - before.fresh);
        const sampled = Number(/; ([\d,]+) sampled/.exec(summary)?.[1].replace(/,/g, "") ?? 0);
        figures[`${name}: wall time, start to exit (ms)`] = round(result.ms);
        figures[`${name}: sampled requests replayed (×3 HTTP requests each)`] = sampled.toLocaleString("en");
        figures[`${name}: HTTP requests to the backends / s`] = Math.round(sent / (result.ms / 1000)).toLocaleString("en");
        figures[`${name}: sampled requests compared / s`] = Math.round(sampled / (result.ms / 1000)).toLocaleString("en");
        figures[`${name}: peak RSS of the process`] = mb(kb * 1024);
        figures[`${name}: evidence records posted`] = (waypoint.stats.records - before.records).toLocaleString("en");
        figures[`${name}: exit code (1: the seeded /reports difference fails)`] = result.code;
        figures[`${name}: summary`] = summary;
      }
    } finally {
      await Promise.all([legacy.close(), fresh.close(), waypoint.close()]);
    }
    return figures;
  },
};
