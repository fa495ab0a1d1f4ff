/**
 * Issue 15, end to end with a real proxy: a switch made in Waypoint reaches nginx through the
 * routing endpoint (Waypoint's own route handler, served over HTTP), `routing pull` (nginx -t on the
 * candidate, an atomic rename, a reload) — and requests follow it. The kill switch undoes it.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import {
  childPids,
  eventually,
  freePort,
  request,
  requireBinary,
  startBackend,
  startChild,
  workersReplaced,
  type Backend,
  type Child,
} from "../helpers/proxies";
import { createItem } from "@/lib/inventory/items";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { killSwitch, switchRoute } from "@/lib/cutover/switch";
import { pullOnce, type PullState } from "@/lib/cutover/routing/pull";
import { NGINX_SERVER_SNIPPET } from "@/lib/cutover/routing/formats/nginx";

const routing = await import("@/app/api/v1/projects/[projectId]/routing/route");
const NGINX = requireBinary("/usr/sbin/nginx", "nginx");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-cutover-"));
const live = path.join(dir, "waypoint.conf");
const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir}/${t};`).join(" ");
const mainConfig = (include: string, listen: number, pid: string) =>
  `daemon off;\nmaster_process on;\nworker_processes 1;\npid ${pid};\nerror_log stderr warn;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  ${temps}\n  include ${include};\n  server {\n    listen 127.0.0.1:${listen};\n${NGINX_SERVER_SNIPPET}\n  }\n}\n`;

let legacy: Backend;
let fresh: Backend;
let api: http.Server;
let apiUrl = "";
let nginx: Child | null = null;

beforeAll(async () => {
  legacy = await startBackend("legacy");
  fresh = await startBackend("new");
  // Waypoint's routing route handler, served over HTTP as the app serves it.
  api = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const match = /^\/api\/v1\/projects\/([^/]+)\/routing$/.exec(url.pathname);
      if (!match) return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await routing.GET(new Request(url, { headers }), { params: Promise.resolve({ projectId: match[1] }) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await nginx?.stop();
  await new Promise((resolve) => api?.close(resolve));
  await Promise.all([legacy?.close(), fresh?.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a switch in Waypoint reaches a real nginx", () => {
  test("switch → pull → reload: the route answers from new; the kill switch → legacy; the catch-all stays legacy throughout", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    await updateCutoverSettings(db, admin.ctx, project.id, { legacyUpstream: legacy.url, newUpstream: fresh.url });
    const orders = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/orders/<int:id>" });
    await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/about" });
    const { secret } = await createApiToken(db, admin.ctx, { projectId: project.id, name: "nginx", role: "VIEWER", scope: "ROUTING" });

    const port = await freePort();
    const state: PullState = { etag: null };
    const pull = () =>
      pullOnce(
        {
          url: apiUrl,
          project: project.id,
          token: secret,
          format: "nginx",
          out: live,
          check: `cp {file} ${dir}/candidate.conf && ${NGINX} -t -q -p ${dir}/ -c ${dir}/check.conf`,
          reload: nginx ? `${NGINX} -s reload -p ${dir}/ -c ${dir}/nginx.conf` : undefined,
        },
        state,
      );
    fs.writeFileSync(path.join(dir, "nginx.conf"), mainConfig(live, port, `${dir}/nginx.pid`));
    fs.writeFileSync(path.join(dir, "check.conf"), mainConfig(`${dir}/candidate.conf`, 1, `${dir}/check.pid`));
    expect((await pull()).kind).toBe("updated");
    nginx = startChild(NGINX, ["-p", `${dir}/`, "-c", `${dir}/nginx.conf`]);
    await eventually(
      () => request(port, "/orders/7"),
      (a) => a.body === "legacy",
      "nginx up, serving legacy",
    );

    const applied = async () => {
      const before = childPids(nginx!.process.pid!);
      const result = await pull();
      if (result.kind === "updated") await workersReplaced(nginx!.process.pid!, before);
      return result;
    };
    await switchRoute(db, admin.ctx, project.id, orders.id, { target: { to: "new" }, reason: "ported, smoke clean" });
    expect((await applied()).kind).toBe("updated");
    await eventually(
      () => request(port, "/orders/7"),
      (a) => a.body === "new",
      "the switched route answering from new",
    );
    expect(await request(port, "/about")).toEqual({ status: 200, body: "legacy" });
    expect(await request(port, "/no/such/route")).toEqual({ status: 200, body: "legacy" });
    // Nothing changed: the conditional GET answers 304 and nginx is left alone.
    expect((await pull()).kind).toBe("unchanged");

    await killSwitch(db, admin.ctx, project.id, { scope: { kind: "project" }, reason: "errors after the release" });
    expect((await applied()).kind).toBe("updated");
    await eventually(
      () => request(port, "/orders/7"),
      (a) => a.body === "legacy",
      "the kill switch sending it back to legacy",
    );
  }, 120_000);
});
