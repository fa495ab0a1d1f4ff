import http from "node:http";
import type { AddressInfo } from "node:net";
import { routingEtag } from "@/lib/cutover/routing/export";

/**
 * A stand-in for Waypoint's `GET /api/v1/projects/{id}/routing?format=…`, on a free local port:
 * it serves `body` with its ETag (304 when If-None-Match matches), or plays a failure — a refused
 * token, a server error, or no answer at all — and records what each request carried.
 */
export type FakeRoutingApi = {
  url: string;
  body: string;
  mode: "ok" | "401" | "500" | "hang";
  token: string;
  requests: { path: string; authorization?: string; ifNoneMatch?: string }[];
  close(): Promise<void>;
};

export async function startFakeRoutingApi(body: string, token = "wpt_test"): Promise<FakeRoutingApi> {
  const hanging = new Set<http.ServerResponse>();
  const api = { body, mode: "ok", token, requests: [] } as unknown as FakeRoutingApi;
  const server = http.createServer((req, res) => {
    api.requests.push({ path: req.url ?? "", authorization: req.headers.authorization, ifNoneMatch: req.headers["if-none-match"] });
    if (api.mode === "hang") {
      hanging.add(res);
      return;
    }
    if (api.mode === "401" || req.headers.authorization !== `Bearer ${api.token}`) {
      res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { code: "unauthenticated", message: "The token is not valid." } }));
      return;
    }
    if (api.mode === "500") {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "internal", message: "Something broke." } }));
      return;
    }
    const etag = routingEtag(api.body);
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8", etag }).end(api.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return api;
}
