/**
 * Waypoint's own API route handlers behind a real HTTP server (Node's http, 127.0.0.1, a random
 * port), so that a command line client (`waypoint smoke`, `waypoint replay`) talks HTTP to the
 * real handlers and the real test database — not to a stand-in.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RouteHandler } from "./route";

/** A documented path with `{param}` segments, and its handlers by method. */
export type Mount = { path: string; handlers: Partial<Record<string, RouteHandler>>; fixed?: Record<string, string> };

export async function serveApi(mounts: Mount[]) {
  const compiled = mounts.map((m) => {
    const names: string[] = [];
    const source = m.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
    return { ...m, names, regex: new RegExp(`^${source}$`) };
  });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        requests.push(`${req.method} ${url.pathname}`);
        for (const m of compiled) {
          const match = m.regex.exec(url.pathname);
          const handler = match && m.handlers[req.method ?? "GET"];
          if (!match || !handler) continue;
          const params = { ...Object.fromEntries(m.names.map((n, i) => [n, decodeURIComponent(match[i + 1])])), ...m.fixed };
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
          const body = chunks.length ? Buffer.concat(chunks) : undefined;
          const answer = await handler(new Request(url.href, { method: req.method, headers, body }), { params: Promise.resolve(params as never) });
          res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
          res.end(Buffer.from(await answer.arrayBuffer()));
          return;
        }
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "not_found", message: "No such API endpoint." } }));
      })().catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
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
