import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exportRouting } from "@/lib/cutover/routing/export";
import { APACHE_MAP_FILE } from "@/lib/cutover/routing/formats/apache";
import { HAPROXY_FRONTEND_LINES, HAPROXY_MAP_PATH } from "@/lib/cutover/routing/formats/haproxy";
import { NGINX_SERVER_SNIPPET } from "@/lib/cutover/routing/formats/nginx";
import { pullOnce } from "@/lib/cutover/routing/pull";
import type { LedgerRoute, RoutingFormat } from "@/lib/cutover/routing/types";
import { startFakeRoutingApi, type FakeRoutingApi } from "../helpers/routing-api";
import {
  childPids,
  eventually,
  freePort,
  inBatches,
  request,
  requireBinary,
  startBackend,
  startChild,
  workersReplaced,
  type Backend,
  type Child,
} from "../helpers/proxies";

/**
 * The exports in front of real proxies — Debian's nginx 1.22, HAProxy 2.6 and Apache 2.4, run
 * unprivileged on free ports — and two Node servers answering "legacy" and "new". A missing binary
 * fails with the package to install: these tests do not skip.
 */

const NGINX = requireBinary("/usr/sbin/nginx", "nginx");
const HAPROXY = requireBinary("/usr/sbin/haproxy", "haproxy");
const APACHE = requireBinary("/usr/sbin/apache2", "apache2");
const APACHECTL = requireBinary("/usr/sbin/apache2ctl", "apache2");
const MODULES = "/usr/lib/apache2/modules";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/routing");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-proxies-"));
const children: Child[] = [];
let legacy: Backend;
let fresh: Backend;

beforeAll(async () => {
  legacy = await startBackend("legacy");
  fresh = await startBackend("new");
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await Promise.all([legacy?.close(), fresh?.close()]);
  fs.rmSync(root, { recursive: true, force: true });
});

let generation = 0;
type Route = Omit<LedgerRoute, "id"> & { id?: string };

/** A ledger over the two backends, plus a sentinel route only this version has: once it answers "new", the proxy runs this version. */
function ledger(routes: Route[]) {
  generation++;
  return {
    project: { id: "prj_proxies", slug: "proxies" },
    upstreams: { legacy: { url: legacy.url }, new: { url: fresh.url } },
    legacyRetired: false,
    stickiness: { by: "header", name: "X-Client-Id" },
    routes: [
      ...routes.map((r, i) => ({ id: `r${i}`, ...r })),
      { id: `sentinel-${generation}`, method: "GET", pattern: `/sentinel/${generation}`, state: { kind: "new" } },
    ],
  };
}

async function waitForVersion(port: number): Promise<void> {
  await eventually(
    () => request(port, `/sentinel/${generation}`),
    (a) => a.body === "new",
    `the proxy on ${port} serving ledger version ${generation}`,
  );
}

function dirFor(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The behaviours every proxy must show; `apply` puts a ledger live and returns when it is. */
function sharedScenarios(proxy: () => { port: number; apply: (version: ReturnType<typeof ledger>) => Promise<void> }) {
  test("a route moved to new answers from new; the kill switch sends it back; the catch-all stays legacy", async () => {
    const { port, apply } = proxy();
    await apply(
      ledger([
        { method: "GET", pattern: "/orders/<int:id>", state: { kind: "new" } },
        { method: "GET", pattern: "/checkout", state: { kind: "new" } },
      ]),
    );
    expect(await request(port, "/orders/42")).toEqual({ status: 200, body: "new" });
    // An exact path, with or without its trailing slash; paths are case-sensitive, as in the inventory.
    expect(await request(port, "/checkout")).toEqual({ status: 200, body: "new" });
    expect(await request(port, "/checkout/")).toEqual({ status: 200, body: "new" });
    expect(await request(port, "/Checkout")).toEqual({ status: 200, body: "legacy" });
    expect(await request(port, "/orders/42/")).toEqual({ status: 200, body: "new" });
    expect(await request(port, "/orders/42", { method: "HEAD" })).toMatchObject({ status: 200 });
    expect(await request(port, "/orders/abc")).toEqual({ status: 200, body: "legacy" });
    expect(await request(port, "/orders/42", { method: "POST", body: "x" })).toEqual({ status: 200, body: "legacy" });
    expect(await request(port, "/elsewhere")).toEqual({ status: 200, body: "legacy" });
    // The request reaches new as the client sent it: path, query string, Host.
    await request(port, "/orders/7?expand=items", { headers: { host: "shop.example" } });
    expect(fresh.received.at(-1)).toMatchObject({ method: "GET", url: "/orders/7?expand=items", headers: { host: "shop.example" } });

    await apply(ledger([{ method: "GET", pattern: "/orders/<int:id>", state: { kind: "legacy" } }]));
    expect(await request(port, "/orders/42")).toEqual({ status: 200, body: "legacy" });
    expect(await request(port, "/elsewhere")).toEqual({ status: 200, body: "legacy" });
  });

  test("a 10 % canary sends 6–14 % of 1,000 clients to new, and each client stays on its side", async () => {
    const { port, apply } = proxy();
    await apply(ledger([{ method: "GET", pattern: "/user/<int:id>", state: { kind: "canary", percent: 10 } }]));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const ask = (i: number) => request(port, `/user/${i}`, { headers: { "x-client-id": `client-${i}` }, agent }).then((a) => a.body);
      const first = await inBatches(1000, 16, ask);
      const second = await inBatches(1000, 16, ask);
      const onNew = first.filter((b) => b === "new").length;
      expect(first.every((b) => b === "new" || b === "legacy")).toBe(true);
      expect(onNew).toBeGreaterThanOrEqual(60);
      expect(onNew).toBeLessThanOrEqual(140);
      expect(second).toEqual(first);
    } finally {
      agent.destroy();
    }
  });
}

// ───────────────────────────── nginx ─────────────────────────────

describe("nginx 1.22", () => {
  const dir = dirFor("nginx");
  const live = path.join(dir, "waypoint.conf");
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir}/${t};`).join(" ");
  let port = 0;
  let api: FakeRoutingApi;
  let master: Child;

  /** The main configuration an operator writes once: the export included in http {}, the snippet in a server {}. */
  function mainConfig(include: string, listen: number, pid: string) {
    return `daemon off;\nmaster_process on;\nworker_processes 1;\npid ${pid};\nerror_log stderr warn;\nevents { worker_connections 512; }\nhttp {\n  access_log off;\n  ${temps}\n  include ${include};\n  server {\n    listen 127.0.0.1:${listen};\n${NGINX_SERVER_SNIPPET}\n  }\n}\n`;
  }

  beforeAll(async () => {
    port = await freePort();
    api = await startFakeRoutingApi("unused");
    fs.writeFileSync(live, exportRouting(ledger([]), "nginx").text);
    fs.writeFileSync(path.join(dir, "nginx.conf"), mainConfig(live, port, `${dir}/nginx.pid`));
    // The check reads the candidate through a configuration of its own (nginx -t never binds the port).
    fs.writeFileSync(path.join(dir, "check.conf"), mainConfig(`${dir}/candidate.conf`, 1, `${dir}/check.pid`));
    master = startChild(NGINX, ["-p", `${dir}/`, "-c", `${dir}/nginx.conf`]);
    children.push(master);
    await waitForVersion(port).catch((error) => {
      throw new Error(`${error.message}\n${master.output()}`);
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Through the whole chain: the API serves the export, `routing pull` checks it with nginx -t, renames it into place and reloads nginx. */
  async function apply(version: ReturnType<typeof ledger>) {
    api.body = exportRouting(version, "nginx").text;
    const before = childPids(master.process.pid!);
    const result = await pullOnce(
      {
        url: api.url,
        project: "prj_proxies",
        token: api.token,
        format: "nginx",
        out: live,
        check: `cp {file} ${dir}/candidate.conf && ${NGINX} -t -q -p ${dir}/ -c ${dir}/check.conf`,
        reload: `${NGINX} -s reload -p ${dir}/ -c ${dir}/nginx.conf`,
      },
      { etag: null },
    );
    expect(result.kind).toBe("updated");
    await workersReplaced(master.process.pid!, before);
    await waitForVersion(port);
  }

  sharedScenarios(() => ({ port, apply }));

  test("shadow: the client gets legacy's answer, new receives a copy marked as one", async () => {
    await apply(ledger([{ method: "ANY", pattern: "/reports/<int:id>", state: { kind: "shadow" } }]));
    const before = fresh.received.length;
    expect(await request(port, "/reports/9?full=1", { method: "POST", body: "payload", headers: { "content-type": "text/plain" } })).toEqual({
      status: 200,
      body: "legacy",
    });
    expect(legacy.received.at(-1)).toMatchObject({ method: "POST", url: "/reports/9?full=1", body: "payload" });
    const copy = await eventually(
      async () => fresh.received.slice(before).find((r) => r.url.startsWith("/reports/")),
      (r) => r !== undefined,
      "the mirrored copy",
    );
    expect(copy).toMatchObject({ method: "POST", url: "/reports/9?full=1", body: "payload", headers: { "x-waypoint-shadow": "1" } });
    // A route that is not shadowed sends no copy.
    const count = fresh.received.length;
    await request(port, "/not-shadowed");
    await request(port, `/sentinel/${generation}`); // answered by new itself: one request, no copy
    expect(fresh.received.length).toBe(count + 1);
  });

  test("a candidate nginx refuses never goes live", async () => {
    const before = fs.readFileSync(live, "utf8");
    api.body = "this is not nginx;\n";
    await expect(
      pullOnce(
        {
          url: api.url,
          project: "prj_proxies",
          token: api.token,
          format: "nginx",
          out: live,
          check: `cp {file} ${dir}/candidate.conf && ${NGINX} -t -q -p ${dir}/ -c ${dir}/check.conf`,
        },
        { etag: null },
      ),
    ).rejects.toThrow(/the check refused the new file/);
    expect(fs.readFileSync(live, "utf8")).toBe(before);
  });
});

// ───────────────────────────── HAProxy ─────────────────────────────

describe("HAProxy 2.6", () => {
  const dir = dirFor("haproxy");
  const map = path.join(dir, "waypoint.map");
  const backends = path.join(dir, "waypoint.cfg");
  let port = 0;
  let child: Child;

  beforeAll(async () => {
    port = await freePort();
    // The operator's main file: global, defaults and a frontend with the two documented lines.
    const frontend = HAPROXY_FRONTEND_LINES.map((l) => `  ${l.replace(HAPROXY_MAP_PATH, map)}`).join("\n");
    fs.writeFileSync(
      path.join(dir, "haproxy.cfg"),
      `global\n  log stderr format raw local0 warning\n  pidfile ${dir}/haproxy.pid\ndefaults\n  mode http\n  log global\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\nfrontend main\n  bind 127.0.0.1:${port}\n${frontend}\n`,
    );
    write(ledger([]));
    // -W: master-worker, so SIGUSR2 reloads; no "daemon": it stays our child.
    child = startChild(HAPROXY, ["-W", "-f", path.join(dir, "haproxy.cfg"), "-f", backends]);
    children.push(child);
    await waitForVersion(port).catch((error) => {
      throw new Error(`${error.message}\n${child.output()}`);
    });
  });

  function write(version: ReturnType<typeof ledger>) {
    fs.writeFileSync(backends, exportRouting(version, "haproxy").text);
    fs.writeFileSync(map, exportRouting(version, "haproxy-map").text);
  }

  async function apply(version: ReturnType<typeof ledger>) {
    write(version);
    const check = spawnSync(HAPROXY, ["-c", "-q", "-f", path.join(dir, "haproxy.cfg"), "-f", backends], { encoding: "utf8" });
    expect(check.stderr + check.stdout).toBe("");
    const before = childPids(child.process.pid!);
    child.process.kill("SIGUSR2");
    await workersReplaced(child.process.pid!, before);
    await waitForVersion(port);
  }

  sharedScenarios(() => ({ port, apply }));

  test("shadow is reported and served by legacy alone", async () => {
    const version = ledger([{ method: "ANY", pattern: "/reports/<int:id>", state: { kind: "shadow" } }]);
    expect(exportRouting(version, "haproxy-map").unexpressed).toEqual([
      { routeId: "r0", pattern: "/reports/<int:id>", reason: "HAProxy 2.6 has no request mirroring of its own", fallback: "served by legacy, without a copy" },
    ]);
    await apply(version);
    const count = fresh.received.length;
    expect(await request(port, "/reports/9", { method: "POST", body: "x" })).toEqual({ status: 200, body: "legacy" });
    expect(fresh.received.length).toBe(count);
  });
});

// ───────────────────────────── Apache ─────────────────────────────

const APACHE_MODULES = ["mpm_event", "authz_core", "proxy", "proxy_http", "rewrite", "ssl", "socache_shmcb"]
  .map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`)
  .join("\n");

/** A minimal server configuration with the export in a <VirtualHost>, ServerRoot = dir (where the map lives). */
function apacheConfig(dir: string, port: number, rules: string): string {
  return `ServerRoot ${dir}\n${APACHE_MODULES}\nListen 127.0.0.1:${port}\nPidFile ${dir}/httpd.pid\nErrorLog ${dir}/error.log\nLogLevel warn\nServerName localhost\nMutex file:${dir}\n<VirtualHost 127.0.0.1:${port}>\n  Include ${rules}\n</VirtualHost>\n`;
}

describe("Apache httpd 2.4", () => {
  const dir = dirFor("apache");
  const rules = path.join(dir, "waypoint.conf");
  let port = 0;
  let child: Child | null = null;

  beforeAll(async () => {
    port = await freePort();
    fs.writeFileSync(path.join(dir, "httpd.conf"), apacheConfig(dir, port, rules));
  });

  /** Writes both files, checks with apache2ctl -t, and (re)starts httpd in the foreground (-X). */
  async function apply(version: ReturnType<typeof ledger>) {
    fs.writeFileSync(rules, exportRouting(version, "apache").text);
    fs.writeFileSync(path.join(dir, APACHE_MAP_FILE), exportRouting(version, "apache-map").text);
    const check = spawnSync(APACHECTL, ["-t", "-f", path.join(dir, "httpd.conf")], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
    if (child) await child.stop();
    child = startChild(APACHE, ["-X", "-f", path.join(dir, "httpd.conf")]);
    children.push(child);
    await waitForVersion(port).catch((error) => {
      throw new Error(`${error.message}\n${child!.output()}\n${fs.readFileSync(path.join(dir, "error.log"), "utf8")}`);
    });
  }

  sharedScenarios(() => ({ port, apply }));

  test("an exact path flips by the map file alone: mod_rewrite re-reads it when it changes", async () => {
    const version = ledger([{ method: "GET", pattern: "/about", state: { kind: "new" } }]);
    await apply(version);
    expect(await request(port, "/about")).toEqual({ status: 200, body: "new" });
    const flipped = { ...version, routes: version.routes.map((r) => (r.pattern === "/about" ? { ...r, state: { kind: "legacy" } } : r)) };
    const file = path.join(dir, APACHE_MAP_FILE);
    fs.writeFileSync(file, exportRouting(flipped, "apache-map").text);
    // mod_rewrite compares the file's modification time: make sure it moves even within one second.
    const later = new Date(fs.statSync(file).mtimeMs + 2_000);
    fs.utimesSync(file, later, later);
    await eventually(
      () => request(port, "/about"),
      (a) => a.body === "legacy",
      "the flipped exact path",
    );
  });
});

// ───────────────────────────── every golden file ─────────────────────────────

describe("every golden output passes the proxy's own check", () => {
  const golden = (name: string, format: RoutingFormat) => path.join(FIXTURES, `${name}.${format}.golden`);

  test.each(["full", "retired"])("nginx -t: %s", (name) => {
    const dir = dirFor(`golden-nginx-${name}`);
    const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${dir}/${t};`).join(" ");
    const conf = `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  ${temps}\n  include ${golden(name, "nginx")};\n  server {\n    listen 127.0.0.1:1;\n${NGINX_SERVER_SNIPPET}\n  }\n}\n`;
    fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
    const result = spawnSync(NGINX, ["-t", "-p", `${dir}/`, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("test is successful");
  });

  test.each(["full", "retired"])("haproxy -c: %s", (name) => {
    const dir = dirFor(`golden-haproxy-${name}`);
    const frontend = HAPROXY_FRONTEND_LINES.map((l) => `  ${l.replace(HAPROXY_MAP_PATH, golden(name, "haproxy-map"))}`).join("\n");
    fs.writeFileSync(
      path.join(dir, "main.cfg"),
      `defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\nfrontend main\n  bind 127.0.0.1:1\n${frontend}\n`,
    );
    const result = spawnSync(HAPROXY, ["-c", "-f", path.join(dir, "main.cfg"), "-f", golden(name, "haproxy")], { encoding: "utf8" });
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain("Configuration file is valid");
  });

  test.each(["full", "retired"])("apache2ctl -t: %s", (name) => {
    const dir = dirFor(`golden-apache-${name}`);
    fs.copyFileSync(golden(name, "apache-map"), path.join(dir, APACHE_MAP_FILE));
    fs.writeFileSync(path.join(dir, "httpd.conf"), apacheConfig(dir, 1, golden(name, "apache")));
    const result = spawnSync(APACHECTL, ["-t", "-f", path.join(dir, "httpd.conf")], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr + result.stdout).toContain("Syntax OK");
  });
});
