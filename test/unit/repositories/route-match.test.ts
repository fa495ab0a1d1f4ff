import { describe, expect, test } from "vitest";
import { mapPrefix, matchRoutes, shapeOf, type CodeRoute } from "@/lib/repositories/route-match";

const route = (key: string, file = "x.py", line = 1): CodeRoute => {
  const [method, path] = key.split(" ");
  return { method, path, file, line };
};

const LEGACY = [
  route("GET /"),
  route("GET /user/<id>"),
  route("PUT /user/<int:user_id>"),
  route("GET /api/orders/<order_id>"),
  route("GET /api"),
  route("POST /api/orders"),
  route("GET /files/<path:rest>"),
  route("GET /profile"),
  route("GET /report/<int:year>.csv"),
  route("ANY /webhook"),
  route("GET ^/archive/(?P<year>[0-9]{4})/$"),
  route("DELETE /gone"),
];
const NEW = [
  route("ANY /app", "core/urls.py", 3),
  route("GET /app/user/<int:pk>", "users/views.py", 10),
  route("ANY /app/user/<uuid:id>", "users/urls.py", 4),
  route("GET /api/v2/orders/<str_id>", "orders/api.py", 7),
  route("ANY /api/v2", "api/urls.py", 1),
  route("POST /api/v2/orders", "orders/api.py", 20),
  route("GET /app/files/<name>", "files.py", 2),
  route("GET /app/files/<path:p>", "files.py", 9),
  route("GET /app/account", "accounts/views.py", 5),
  route("GET /app/report/<y>.csv", "reports.py", 8),
  route("POST /app/webhook", "hooks.py", 1),
  route("GET ^/archive/(?P<year>[0-9]{4})/$", "archive.py", 2),
  route("GET /app/unrelated", "misc.py", 1),
];
const PREFIXES = [
  { legacy: "/", new: "/app/" },
  { legacy: "/api/", new: "/api/v2/" },
];

describe("matching legacy routes to the new code", () => {
  const { matches, unmatchedNew } = matchRoutes(LEGACY, NEW, {
    prefixes: PREFIXES,
    links: { "get /profile": "GET /app/account", "DELETE /gone": "DELETE /app/gone" },
  });
  const byKey = Object.fromEntries(matches.map((m) => [m.key, m]));

  test.each([
    ["GET /", "ANY /app core/urls.py:3 pattern"],
    ["GET /user/<id>", "GET /app/user/<int:pk> users/views.py:10 pattern"], // an exact method beats ANY
    ["PUT /user/<int:user_id>", "ANY /app/user/<uuid:id> users/urls.py:4 pattern"], // ANY matches every method
    ["GET /api/orders/<order_id>", "GET /api/v2/orders/<str_id> orders/api.py:7 pattern"], // the longest prefix wins
    ["GET /api", "ANY /api/v2 api/urls.py:1 pattern"],
    ["POST /api/orders", "POST /api/v2/orders orders/api.py:20 pattern"],
    ["GET /files/<path:rest>", "GET /app/files/<path:p> files.py:9 pattern"], // <path:> only meets <path:>
    ["GET /profile", "GET /app/account accounts/views.py:5 manual"],
    ["GET /report/<int:year>.csv", "GET /app/report/<y>.csv reports.py:8 pattern"],
    ["ANY /webhook", "POST /app/webhook hooks.py:1 pattern"],
    ["GET ^/archive/(?P<year>[0-9]{4})/$", "GET ^/archive/(?P<year>[0-9]{4})/$ archive.py:2 pattern"],
    ["DELETE /gone", "none"],
  ])("%s → %s", (key, expected) => {
    const m = byKey[key];
    expect(m.match ? `${m.match.key} ${m.match.route.file}:${m.match.route.line} ${m.match.via}` : "none").toBe(expected);
  });

  test("a manual link to a route the new code does not have is reported", () => {
    expect(byKey["DELETE /gone"]).toMatchObject({ match: null, brokenLink: "DELETE /app/gone" });
    expect(byKey["GET /"].brokenLink).toBeUndefined();
  });

  test("the new routes nothing matched are listed", () => {
    expect(unmatchedNew.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /app/files/<name>", "GET /app/unrelated"]);
  });

  test("methods must meet; without a prefix map the paths compare as they are", () => {
    const { matches: plain } = matchRoutes([route("POST /user/<id>"), route("GET /user/<id>")], [route("GET /user/<int:id>")]);
    expect(plain.map((m) => m.match?.key ?? null)).toEqual([null, "GET /user/<int:id>"]);
  });

  test("a manual link may name the new route with other parameter names", () => {
    const { matches: linked } = matchRoutes([route("GET /u/<id>")], [route("GET /members/<int:member_id>")], { links: { "GET /u/<id>": "GET /members/<x>" } });
    expect(linked[0].match).toMatchObject({ key: "GET /members/<int:member_id>", via: "manual" });
  });
});

describe("the pieces", () => {
  test.each([
    ["/", "/app/"],
    ["/api", "/api/v2"],
    ["/api/x/<id>", "/api/v2/x/<id>"],
    ["/apix", "/app/apix"],
    ["^/a/$", "^/a/$"],
  ])("mapPrefix(%s) = %s", (path, mapped) => {
    const prefixes = [
      { legacy: ["api"], next: ["api", "v2"] },
      { legacy: [], next: ["app"] },
    ];
    expect(mapPrefix(path, prefixes)).toBe(mapped.replace(/\/$/, "") || "/");
  });

  test.each([
    ["/user/<int:user_id>", "/user/<>"],
    ["/user/<id>/", "/user/<>"],
    ["/f/<path:rest>", "/f/<path>"],
    ["/r/<int:y>-<m>.csv", "/r/<>-<>.csv"],
    ["/", "/"],
  ])("shapeOf(%s) = %s", (path, shape) => {
    expect(shapeOf(path)).toBe(shape);
  });
});
