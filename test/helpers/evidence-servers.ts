/**
 * Real local HTTP servers for the smoke and replay tests (Node's http, on 127.0.0.1, random
 * ports): a "legacy" and a "new" backend of a small site, and a stand-in for Waypoint's API
 * (routes list with cursors, evidence batch endpoint checked with the real schema).
 *
 * The site: /about (HTML), /users/<id> (JSON with a timestamp that changes on every answer — the
 * noisy field), /orders/<id> (JSON; the new side's total differs — the seeded difference), /news
 * (HTML with a render time in the text), /private (302 to /login without the session cookie),
 * /reports/<id> (the new side never answers — the hanging target).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { evidenceBatchSchema, type EvidenceRecord } from "@/lib/evidence/schemas";
import type { RouteTarget } from "@/lib/evidence/client";

export type Running = { url: string; requests: string[]; close: () => Promise<void> };

async function listen(handler: http.RequestListener): Promise<Running> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An instant that changes on every call, without reading any clock. */
let tick = 0;
const stamp = () => new Date(Date.UTC(2026, 5, 10, 12, 0, 0, tick++ * 7)).toISOString();

function site(side: "legacy" | "new"): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
    };
    const html = (body: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    let m: RegExpExecArray | null;
    if (url.pathname === "/about") return html("<html>\n<h1>About us</h1>\n</html>");
    if ((m = /^\/users\/(\d+)$/.exec(url.pathname))) {
      // Keys in another order on the new side: JSON is compared as data, not text.
      const user =
        side === "legacy" ? { id: Number(m[1]), name: `User ${m[1]}`, generatedAt: stamp() } : { generatedAt: stamp(), name: `User ${m[1]}`, id: Number(m[1]) };
      return json(200, user);
    }
    if ((m = /^\/orders\/(\d+)$/.exec(url.pathname))) return json(200, { id: Number(m[1]), total: side === "legacy" ? 10 : 11, currency: "EUR" });
    if (url.pathname === "/news") return html(`<html>\n<p>Rendered at ${stamp()}</p>\n<ul><li>Launch</li></ul>\n</html>`);
    if (url.pathname === "/private") {
      if (req.headers.cookie?.includes("session=abc")) return html("<p>Your account</p>");
      res.writeHead(302, { location: "/login" });
      return res.end();
    }
    if (/^\/reports\/\d+$/.test(url.pathname)) {
      if (side === "new") return; // never answers
      return json(200, { ok: true });
    }
    json(404, { error: "not found" });
  };
}

export const startLegacy = () => listen(site("legacy"));
export const startNew = () => listen(site("new"));

export const ROUTES: RouteTarget[] = [
  { id: "r-about", key: "GET /about", method: "GET", path: "/about" },
  { id: "r-users", key: "GET /users/<int:id>", method: "GET", path: "/users/<int:id>" },
  { id: "r-orders", key: "GET /orders/<int:id>", method: "GET", path: "/orders/<int:id>" },
  { id: "r-news", key: "GET /news", method: "GET", path: "/news" },
  { id: "r-private", key: "GET /private", method: "GET", path: "/private" },
  { id: "r-reports", key: "GET /reports/<int:id>", method: "GET", path: "/reports/<int:id>" },
  { id: "r-user-update", key: "POST /users/<int:id>", method: "POST", path: "/users/<int:id>" },
  { id: "r-teams", key: "GET /teams/<slug:slug>", method: "GET", path: "/teams/<slug:slug>" },
];

/** A Combined Log Format access log with requests for every route above, and some noise. */
export function accessLogLines(): string[] {
  const line = (method: string, target: string, i: number) =>
    `10.0.0.${(i % 200) + 1} - - [10/Jun/2026:11:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")} +0000] "${method} ${target} HTTP/1.1" 200 512 "-" "Mozilla/5.0"`;
  const lines: string[] = [];
  let i = 0;
  for (let n = 0; n < 30; n++) lines.push(line("GET", `/users/${(n % 12) + 1}`, i++));
  for (let n = 0; n < 20; n++) lines.push(line("GET", `/orders/${n + 1}?ref=mail`, i++));
  for (let n = 0; n < 10; n++) lines.push(line("GET", "/about", i++));
  for (let n = 0; n < 10; n++) lines.push(line("GET", "/news", i++));
  for (let n = 0; n < 4; n++) lines.push(line("GET", `/reports/${n + 1}`, i++));
  for (let n = 0; n < 5; n++) lines.push(line("POST", `/users/${n + 1}`, i++));
  for (let n = 0; n < 5; n++) lines.push(line("GET", "/wp-login.php", i++));
  return lines;
}

/** Waypoint's API as far as the commands use it, with a token and a small page size. */
export async function startApi(options: { projectId: string; token: string; routes: RouteTarget[]; pageSize?: number }) {
  const posted: EvidenceRecord[] = [];
  const batches: number[] = [];
  const pageSize = options.pageSize ?? 3;
  const running = await listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(401, { error: { code: "unauthenticated", message: "A valid API token is required." } });
    const base = `/api/v1/projects/${options.projectId}`;
    if (req.method === "GET" && url.pathname === `${base}/routes`) {
      const start = url.searchParams.get("cursor") ? options.routes.findIndex((r) => r.id === url.searchParams.get("cursor")) + 1 : 0;
      const page = options.routes.slice(start, start + pageSize);
      const more = start + pageSize < options.routes.length;
      return send(200, { data: page, nextCursor: more ? page[page.length - 1].id : null });
    }
    if (req.method === "POST" && url.pathname === `${base}/evidence/batch`) {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const parsed = evidenceBatchSchema.safeParse(JSON.parse(body));
        if (!parsed.success) return send(400, { error: { code: "invalid_input", message: parsed.error.issues[0].message } });
        posted.push(...parsed.data.records);
        batches.push(parsed.data.records.length);
        send(201, { accepted: parsed.data.records.length });
      });
      return;
    }
    send(404, { error: { code: "not_found", message: "No such API endpoint." } });
  });
  return { ...running, posted, batches };
}
