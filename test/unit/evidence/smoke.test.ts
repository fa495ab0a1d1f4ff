import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { splitRouteKeys } from "@/lib/cli/evidence-options";
import {
  defaultExpectation,
  encodePath,
  examplePathsFromLog,
  parseExpectation,
  parseProfile,
  pickExamplePaths,
  smokeTargets,
  SmokeInputError,
} from "@/lib/evidence/smoke";
import type { RouteTarget } from "@/lib/evidence/client";

describe("profiles", () => {
  test.each([
    ["anonymous", { name: "anonymous", headers: {} }],
    ["patron:cookie=session=abc; theme=dark", { name: "patron", headers: { cookie: "session=abc; theme=dark" } }],
    ["creator:header=Authorization:Bearer x:y", { name: "creator", headers: { authorization: "Bearer x:y" } }],
  ])("%s", (spec, profile) => {
    expect(parseProfile(spec)).toEqual(profile);
  });

  test.each(["power user", "patron:cookie=", "creator:header=Bad Header:x", "x:basic=1", ""])("refuses %j", (spec) => {
    expect(() => parseProfile(spec)).toThrow(SmokeInputError);
  });
});

describe("expected statuses", () => {
  test.each([
    ["200", 200, true],
    ["200", 302, false],
    ["200|302", 302, true],
    ["2xx|3xx", 204, true],
    ["2xx", 404, false],
  ])("%s accepts %d: %s", (text, status, ok) => {
    expect(parseExpectation(text).accepts(status)).toBe(ok);
  });

  test("anonymous may be redirected (to sign in); others must get 200", () => {
    expect([200, 302, 303, 401].map((s) => defaultExpectation("anonymous").accepts(s))).toEqual([true, true, true, false]);
    expect([200, 302].map((s) => defaultExpectation("patron").accepts(s))).toEqual([true, false]);
  });

  test.each(["ok", "20", "6xx"])("refuses %j", (text) => {
    expect(() => parseExpectation(text)).toThrow(SmokeInputError);
  });
});

const routes: RouteTarget[] = [
  { key: "GET /users/<int:id>", method: "GET", path: "/users/<int:id>" },
  { key: "GET /users/settings", method: "GET", path: "/users/settings" },
  { key: "GET /files/<path:p>", method: "GET", path: "/files/<path:p>" },
  { key: "ANY ^/archive/(?P<y>[0-9]{4})/$", method: "ANY", path: "^/archive/(?P<y>[0-9]{4})/$" },
  { key: "POST /users/<int:id>", method: "POST", path: "/users/<int:id>" },
  { key: "GET /teams/<slug:s>", method: "GET", path: "/teams/<slug:s>", examples: ["/teams/core"] },
];

describe("example paths", () => {
  test("are assigned by the route matcher, query strings dropped, distinct, up to N per route", () => {
    const observed = [
      { method: "GET", path: "/users/settings" },
      { method: "GET", path: "/users/42?token=secret" },
      { method: "GET", path: "/users/42" },
      { method: "GET", path: "/users/7" },
      { method: "GET", path: "/users/7/" },
      { method: "GET", path: "/files/css/site%20v2.css" },
      { method: "GET", path: "/archive/2021/" },
      { method: "GET", path: "/nowhere" },
    ];
    expect(pickExamplePaths(routes, observed, 2)).toEqual([
      ["/users/42", "/users/7"],
      ["/users/settings"],
      ["/files/css/site v2.css"],
      ["/archive/2021"],
      [],
      [],
    ]);
  });

  test("from an access log, streamed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-smoke-"));
    try {
      const file = path.join(dir, "access.log");
      fs.writeFileSync(
        file,
        [
          '1.2.3.4 - - [10/Jun/2026:10:00:00 +0000] "GET /users/9?x=1 HTTP/1.1" 200 5',
          '1.2.3.4 - - [10/Jun/2026:10:00:01 +0000] "POST /users/8 HTTP/1.1" 200 5',
        ].join("\n"),
      );
      const { examples, requests } = await examplePathsFromLog(file, routes);
      expect(requests).toBe(2);
      expect(examples[0]).toEqual(["/users/9"]);
      expect(examples[4]).toEqual(["/users/8"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("targets: GET and ANY routes; the route's own example first, then an observed one, then the pattern without parameters", () => {
    const { targets, skipped } = smokeTargets(routes, [["/users/1"], [], [], [], [], ["/teams/from-log"]]);
    expect(targets.map((t) => [t.route.key, t.path])).toEqual([
      ["GET /users/<int:id>", "/users/1"],
      ["GET /users/settings", "/users/settings"],
      ["GET /teams/<slug:s>", "/teams/core"],
    ]);
    expect(skipped.map((s) => s.route.key)).toEqual(["GET /files/<path:p>", "ANY ^/archive/(?P<y>[0-9]{4})/$"]);
  });

  test("--routes keeps the keys asked for and refuses unknown ones", () => {
    expect(smokeTargets(routes, null, ["GET /users/settings"]).targets).toHaveLength(1);
    expect(smokeTargets(routes, null, ["POST /users/<int:id>"]).skipped[0].reason).toMatch(/GET routes only/);
    expect(() => smokeTargets(routes, null, ["GET /nope"])).toThrow('--routes: no such route in the project: "GET /nope".');
  });

  test("route keys split before each method, so a comma in a path survives", () => {
    expect(splitRouteKeys("GET /about, get /a,b,POST /x")).toEqual(["GET /about", "GET /a,b", "POST /x"]);
  });

  test("a decoded path is encoded for the URL, escapes kept", () => {
    expect(encodePath("/files/site v2.css")).toBe("/files/site%20v2.css");
    expect(encodePath("/a%2Fb/ü")).toBe("/a%2Fb/%C3%BC");
    expect(encodePath("/100%")).toBe("/100%25");
  });
});
