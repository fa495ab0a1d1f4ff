import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { exportRouting } from "@/lib/cutover/routing/export";
import { md5Threshold } from "@/lib/cutover/routing/formats/apache";
import { nginxQuote } from "@/lib/cutover/routing/formats/nginx";
import { traefikRule } from "@/lib/cutover/routing/formats/traefik";
import { flow, toYaml } from "@/lib/cutover/routing/formats/yaml";
import { resolveRoutes } from "@/lib/cutover/routing/matchers";
import { parseLedger } from "@/lib/cutover/routing/schema";
import { ROUTING_FORMATS, type RoutingFormat } from "@/lib/cutover/routing/types";
import { envoyClustersSchema, envoyRoutesSchema, traefikSchema } from "./proxy-schemas";

const FIXTURES = path.join(import.meta.dirname, "../../fixtures/routing");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.ledger.json`), "utf8"));

/**
 * Golden files: the exact text of each format for two ledgers. After an intended change,
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/routing/formats.test.ts` rewrites them; review the diff.
 * test/integration/routing-proxies.test.ts checks each with the real nginx, HAProxy and Apache.
 */
describe.each(["full", "retired"])("golden output of the %s ledger", (name) => {
  test.each(ROUTING_FORMATS.map((f) => [f]))("%s", (format) => {
    const { text } = exportRouting(fixture(name), format);
    const file = path.join(FIXTURES, `${name}.${format}.golden`);
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(file, text);
    expect(text).toBe(fs.readFileSync(file, "utf8"));
  });
});

describe("determinism", () => {
  test.each(ROUTING_FORMATS.map((f) => [f]))("%s: the order of the ledger's routes does not matter", (format) => {
    const ledger = fixture("full");
    const reversed = { ...ledger, routes: [...ledger.routes].reverse() };
    const rotated = { ...ledger, routes: [...ledger.routes.slice(7), ...ledger.routes.slice(0, 7)] };
    const text = exportRouting(ledger, format).text;
    expect(exportRouting(reversed, format).text).toBe(text);
    expect(exportRouting(rotated, format).text).toBe(text);
  });
});

describe("what each format cannot express is reported, with what happens instead", () => {
  const ids = (format: RoutingFormat) => exportRouting(fixture("full"), format).unexpressed.map((u) => `${u.routeId}: ${u.reason}`);
  const common = [
    "r-backref: a back-reference",
    "r-brace: a character that is not allowed in a path pattern (U+007B)",
    "r-user-name: the same method and pattern as route r-dup",
  ];
  test.each<[RoutingFormat, string[]]>([
    ["nginx", []],
    ["json", []],
    ["haproxy", ["r-items: HAProxy 2.6 has no request mirroring", "r-order: HAProxy 2.6 has no request mirroring"]],
    ["haproxy-map", ["r-items: HAProxy 2.6 has no request mirroring", "r-order: HAProxy 2.6 has no request mirroring"]],
    ["apache", ["r-items: Apache httpd has no request mirroring", "r-order: Apache httpd has no request mirroring"]],
    ["apache-map", ["r-items: Apache httpd has no request mirroring", "r-order: Apache httpd has no request mirroring"]],
    [
      "traefik",
      [
        "r-not-admin: look-around, which Go's",
        "r-report: Traefik cannot split by the header X-Client-Id",
        "r-user: Traefik cannot split by the header X-Client-Id",
      ],
    ],
    ["envoy", ["r-not-admin: look-around, which Envoy's RE2 lacks"]],
    ["envoy-clusters", ["r-not-admin: look-around, which Envoy's RE2 lacks"]],
  ])("%s", (format, specific) => {
    const reported = ids(format);
    expect(reported).toHaveLength(common.length + specific.length);
    for (const expected of [...common, ...specific]) expect(reported.some((r) => r.startsWith(expected))).toBe(true);
    // Every entry names its fallback, and the file's header lists it.
    const { text, unexpressed } = exportRouting(fixture("full"), format);
    for (const u of unexpressed) {
      expect(u.fallback.length).toBeGreaterThan(5);
      if (format !== "json") expect(text).toContain(`route ${u.routeId}: ${u.reason}; ${u.fallback}.`);
    }
  });
});

describe("no input can write a directive of its own", () => {
  // Hostile but valid-looking input: each piece tries to close a string, block or line of some format.
  const hostile = {
    project: { id: "p1", slug: "demo" },
    upstreams: { legacy: { url: "http://10.0.0.5:8080" }, new: { url: "10.0.0.6:8080" } },
    legacyRetired: false,
    stickiness: { by: "header", name: "X-Client-Id" },
    routes: [
      { id: "q1", method: "GET", pattern: '/a";}server{listen', state: { kind: "new" } },
      { id: "q2", method: "GET", pattern: "/b;return=302", state: { kind: "new" } },
      { id: "q3", method: "GET", pattern: "/c/$host/${x}", state: { kind: "new" } },
      { id: "q4", method: "GET", pattern: '^/d/(?P<x>[a-z]+)";deny$', state: { kind: "new" } },
      { id: "q5", method: "GET", pattern: "^/e/[a-z]+`)||Path(`/", state: { kind: "new" } },
      { id: "q6", method: "GET", pattern: "/f\\", state: { kind: "new" } },
      { id: "q7", method: "GET", pattern: "/g'#x", state: { kind: "new" } },
      { id: "q8", method: "ANY", pattern: "^/h/${HOME}$", state: { kind: "new" } },
    ],
  };
  test.each(ROUTING_FORMATS.map((f) => [f]))("%s", (format) => {
    const { text, unexpressed } = exportRouting(hostile, format);
    expect(unexpressed.map((u) => u.routeId).sort()).toEqual(expect.arrayContaining(["q1", "q4", "q5", "q6", "q7", "q8"]));
    if (format === "json") return; // JSON escapes everything; its routes are data, not configuration.
    for (const fragment of ["server{", ";deny", "`)||Path(`", "${HOME}", "${x}", "'#x", "/c/$"]) {
      expect(text.includes(fragment), `${format} holds ${fragment}`).toBe(false);
    }
    // "/b;return=302" is a legal path: where it is written as it is, it sits inside one quoted string or word.
    for (const line of text.split("\n").filter((l) => l.includes("return=302") && !l.startsWith("#"))) {
      expect(line).toMatch(/"[^"\s]*;return=302[^"\s]*"|`[^`\s]*;return=302[^`\s]*`|^[A-Z]+:\/b;return=302 [a-z0-9_]+$/);
    }
    // In a regex, that punctuation is written as escapes.
    if (format === "haproxy-map") expect(text).toContain("^(?:GET|HEAD):/b\\x3breturn\\x3d302/?$ waypoint_new");
  });

  test("upstreams and stickiness names that try to inject are refused whole", () => {
    const attempts = [
      { upstreams: { legacy: { url: "10.0.0.5:80;\n}" }, new: { url: "10.0.0.6:80" } } },
      { upstreams: { legacy: { url: "10.0.0.5:80 backup" }, new: { url: "10.0.0.6:80" } } },
      { upstreams: { legacy: { url: "10.0.0.5:80" }, new: { url: "http://x/#" } } },
      { stickiness: { by: "header", name: "X-Id)]\nserver" } },
      { stickiness: { by: "cookie", name: "a=b" } },
    ];
    for (const attempt of attempts) expect(() => exportRouting({ ...hostile, ...attempt }, "nginx")).toThrow(/invalid|Use/);
  });

  test("nginx strings double their backslashes and escape quotes", () => {
    expect(nginxQuote('~^a\\.b"c')).toBe('"~^a\\\\.b\\"c"');
  });
});

describe("nginx", () => {
  test("one split_clients per canary percentage, keyed by the stickiness key, new first", () => {
    const { text } = exportRouting(fixture("full"), "nginx");
    expect(text).toContain('split_clients "${waypoint_client}" $waypoint_canary_10 {\n    10% http://waypoint_new;\n    * http://waypoint_legacy;\n}');
    expect(text).toContain("map $http_x_client_id $waypoint_client {");
    expect(text).toContain("    shadow https://waypoint_mirror;");
  });
  test("of exact paths differing only by case, one stays in the hash and the others go to the regexes; so do paths with a $", () => {
    const { text } = exportRouting(fixture("full"), "nginx");
    expect(text).not.toContain('"GET:/about"');
    expect(text).toContain('"GET:/About" "legacy|GET:/About";');
    expect(text).toContain('"~^(?:GET|HEAD):/about/?$" new;');
    expect(text).toContain('"GET:/user/settings" "legacy|GET:/user/settings";');
    expect(text).toContain('"~^(?:GET|HEAD):/~admin/a\\\\x3bb\\\\x3dc/\\\\x24cash/?$" new;');
  });
  test("a cookie key is read from the Cookie header (nginx variables cannot hold a hyphen)", () => {
    const { text } = exportRouting(fixture("retired"), "nginx");
    expect(text).toContain('"~(?:^|;)\\\\s*session\\\\x2did=([^;]*)" $1;');
    expect(text).toContain("    default new;");
  });
});

describe("HAProxy", () => {
  test.each([
    [1, 99],
    [50, 50],
    [99, 1],
  ])("a %i %% canary weighs new %i against legacy", (percent) => {
    const { text } = exportRouting(fixture("retired"), "haproxy");
    expect(text).toContain(`backend waypoint_canary_${percent}`);
    expect(text).toContain(`weight ${100 - percent}\n    server new 127.0.0.1:9000 weight ${percent}`);
  });
  test("the catch-all backend follows legacyRetired; https upstreams are verified", () => {
    expect(exportRouting(fixture("retired"), "haproxy").text).toContain("backend waypoint_default\n    mode http\n    server new 127.0.0.1:9000\n");
    expect(exportRouting(fixture("full"), "haproxy").text).toContain("backend waypoint_default\n    mode http\n    server legacy 127.0.0.1:8081\n");
    expect(exportRouting(fixture("retired"), "haproxy").text).toContain(
      "server legacy localhost:8444 ssl verify required ca-file @system-ca sni str(localhost)",
    );
  });
});

describe("Apache", () => {
  test.each([
    [1, "028f5c28"],
    [10, "19999999"],
    [25, "40000000"],
    [50, "80000000"],
    [99, "fd70a3d7"],
  ])("%i %% → MD5 below %s", (percent, threshold) => {
    expect(md5Threshold(percent)).toBe(threshold);
  });
  test("exact paths go to the map without their trailing slash; a GET route's key serves HEAD too", () => {
    const map = exportRouting(fixture("full"), "apache-map").text;
    expect(map).toContain("\nGET:/user/settings legacy\nHEAD:/user/settings legacy\n");
    expect(map).toContain("\nHEAD:/about legacy\nGET:/about new\n");
    expect(map).not.toContain("GET:/user/settings/");
  });
  test("each regex rule skips the rules after it", () => {
    const text = exportRouting(fixture("full"), "apache").text;
    const skips = [...text.matchAll(/ - \[E=WAYPOINT_ROUTE:[a-z0-9_]+,S=(\d+)\]/g)].map((m) => Number(m[1]));
    expect(skips).toEqual([skips.length - 1, ...Array.from({ length: skips.length - 1 }, (_, i) => skips.length - 2 - i)]);
  });
});

describe("Traefik", () => {
  test.each([
    [{ method: "GET", pattern: "/about" }, "(Method(`GET`) || Method(`HEAD`)) && (Path(`/about`) || Path(`/about/`))"],
    [{ method: "ANY", pattern: "/" }, "Path(`/`)"],
    [{ method: "POST", pattern: "/u/<int:id>" }, "Method(`POST`) && PathRegexp(`^/u/[0-9]+/?$`)"],
  ])("%j → %s", (route, rule) => {
    const ledger = parseLedger({ ...fixture("full"), routes: [{ id: "x", ...route, state: { kind: "new" } }] });
    expect(traefikRule(resolveRoutes(ledger).routes[0])).toBe(rule);
  });
  test("canaries by address use Traefik's own consistent hash of the client's IP; nothing is reported", () => {
    const ledger = { ...fixture("full"), stickiness: { by: "address" } };
    const { text, unexpressed } = exportRouting(ledger, "traefik");
    expect(parseYaml(text).http.services["waypoint-canary-10"]).toEqual({
      highestRandomWeight: {
        services: [
          { name: "waypoint-new", weight: 10 },
          { name: "waypoint-legacy", weight: 90 },
        ],
      },
    });
    expect(unexpressed.some((u) => u.reason.includes("cannot split"))).toBe(false);
  });
  test.each(["full", "retired"])("the %s export is valid against the file provider's schema", (name) => {
    const document = parseYaml(exportRouting(fixture(name), "traefik").text);
    expect(traefikSchema.safeParse(document).error).toBeUndefined();
    // Every service a router or another service names exists.
    const services = document.http.services;
    for (const router of Object.values(document.http.routers) as { service: string }[]) expect(services).toHaveProperty([router.service]);
  });
  test("a route whose id is catch-all does not replace the catch-all", () => {
    const ledger = { ...fixture("retired"), routes: [{ id: "catch-all", method: "GET", pattern: "/x", state: { kind: "legacy" } }] };
    const routers = parseYaml(exportRouting(ledger, "traefik").text).http.routers;
    expect(Object.keys(routers)).toEqual(["waypoint-route-catch-all", "waypoint-catch-all"]);
    expect(routers["waypoint-catch-all"]).toEqual({ rule: "PathPrefix(`/`)", priority: 1, service: "waypoint-new" });
  });
  test("priorities follow the matching order and the catch-all comes last", () => {
    const routers = Object.values(parseYaml(exportRouting(fixture("full"), "traefik").text).http.routers) as { priority: number }[];
    const priorities = routers.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(priorities.at(-1)).toBe(1);
  });
});

describe("Envoy", () => {
  test.each(["full", "retired"])("the %s routes and clusters are valid against the v3 API's schema", (name) => {
    const routes = parseYaml(exportRouting(fixture(name), "envoy").text);
    expect(envoyRoutesSchema.safeParse(routes).error).toBeUndefined();
    const clusters = parseYaml(exportRouting(fixture(name), "envoy-clusters").text);
    expect(envoyClustersSchema.safeParse(clusters).error).toBeUndefined();
    const names = new Set(clusters.resources.map((c: { name: string }) => c.name));
    for (const route of routes.resources[0].virtual_hosts[0].routes) {
      const targets = route.route.cluster ? [route.route.cluster] : route.route.weighted_clusters.clusters.map((c: { name: string }) => c.name);
      for (const target of targets) expect(names.has(target)).toBe(true);
    }
  });
  test("a canary picks its side by the hash of the stickiness key, the address as fallback, new listed first", () => {
    const routes = parseYaml(exportRouting(fixture("full"), "envoy").text).resources[0].virtual_hosts[0].routes;
    expect(routes.find((r: { name: string }) => r.name === "r-user").route).toEqual({
      weighted_clusters: {
        clusters: [
          { name: "waypoint_new", weight: 10 },
          { name: "waypoint_legacy", weight: 90 },
        ],
        use_hash_policy: true,
      },
      hash_policy: [{ header: { header_name: "X-Client-Id" }, terminal: true }, { connection_properties: { source_ip: true } }],
    });
    expect(routes.find((r: { name: string }) => r.name === "r-order").route).toEqual({
      cluster: "waypoint_legacy",
      request_mirror_policies: [{ cluster: "waypoint_mirror" }],
    });
    expect(routes.at(-1)).toEqual({ name: "waypoint-catch-all", match: { prefix: "/" }, route: { cluster: "waypoint_legacy" } });
  });
});

describe("the YAML writer", () => {
  test.each([
    [{ a: "x: y # z", "b c": ["- 1", true, 2, null, {}], d: { e: [] } }],
    [{ s: 'line\nbreak\ttab "quote" \\ \u2028 é' }],
    [[{ k: [{ deep: "v" }] }]],
  ])("round-trips %j", (value) => {
    expect(parseYaml(toYaml(value))).toEqual(value);
  });
  test("flow values are one JSON line each, read back as the same data", () => {
    const value = { routes: [flow({ name: "a", match: { path: "/x: y" } }), flow({ name: "b" })], one: flow({ k: [1, "#"] }) };
    const text = toYaml(value);
    expect(text).toBe('routes:\n- {"name":"a","match":{"path":"/x: y"}}\n- {"name":"b"}\none: {"k":[1,"#"]}\n');
    expect(parseYaml(text)).toEqual({ routes: [{ name: "a", match: { path: "/x: y" } }, { name: "b" }], one: { k: [1, "#"] } });
  });
});
