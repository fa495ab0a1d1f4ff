import { describe, expect, test } from "vitest";
import { compileRouteMatcher } from "@/lib/import/route-matcher";
import { compileCanonical, compileRegexSource, resolveRoutes, type ResolvedRoute } from "@/lib/cutover/routing/matchers";
import { parseLedger } from "@/lib/cutover/routing/schema";
import type { LedgerRoute, RoutingLedger } from "@/lib/cutover/routing/types";

function ledgerOf(routes: Omit<LedgerRoute, "state">[]): RoutingLedger {
  return parseLedger({
    project: { id: "p1", slug: "demo" },
    upstreams: { legacy: { url: "127.0.0.1:1" }, new: { url: "127.0.0.1:2" } },
    legacyRetired: false,
    routes: routes.map((r) => ({ ...r, state: { kind: "new" } })),
  });
}

/** The first resolved route whose methods and path regex match: what every proxy's ordered list does. */
function firstMatch(routes: ResolvedRoute[], method: string, path: string): string | null {
  for (const r of routes) {
    if (r.methods !== null && !r.methods.includes(method)) continue;
    if (new RegExp(r.pathRegex).test(path)) return r.routeId;
  }
  return null;
}

describe("canonical patterns become anchored regexes", () => {
  test.each([
    ["/", "/$"],
    ["/about", "/about/?$"],
    ["/about/", "/about/?$"],
    ["/user/<int:id>", "/user/[0-9]+/?$"],
    ["/price/<float:v>", "/price/[0-9]+(?:\\.[0-9]+)?/?$"],
    ["/o/<uuid:id>", "/o/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/?$"],
    ["/blog/<slug:s>", "/blog/[A-Za-z0-9_-]+/?$"],
    ["/u/<name>", "/u/[^/]+/?$"],
    ["/u/<string:name>", "/u/[^/]+/?$"],
    ["/u/<weird:name>", "/u/[^/]+/?$"],
    ["/static/<path:file>", "/static/[^/].*/?$"],
    ["/report/<int:year>.csv", "/report/(?:[0-9]+)\\.csv/?$"],
    ["/v<int:n>/x", "/v(?:[0-9]+)/x/?$"],
    ["/a.b/c-d_e~f", "/a\\.b/c-d_e~f/?$"],
    ["/x;y=1/$a/@b/+c", "/x\\x3by\\x3d1/\\x24a/\\x40b/\\x2bc/?$"],
    ["/café", "/café/?$"],
  ])("%s → %s", (pattern, body) => {
    const compiled = compileCanonical(pattern);
    expect(compiled).toMatchObject({ pathBody: body });
  });

  test("parameterless patterns carry their exact path; others none", () => {
    expect(compileCanonical("/about/")).toMatchObject({ exact: "/about" });
    expect(compileCanonical("/")).toMatchObject({ exact: "/" });
    expect(compileCanonical("/user/<int:id>")).toMatchObject({ exact: null });
    expect(compileCanonical("/v<int:n>")).toMatchObject({ exact: null });
  });

  test.each([
    ["/bad/{x}", "U+007B"],
    ['/q/"x"', "U+0022"],
    ["/b\\s", "U+005C"],
    ["/h#x", "U+0023"],
    ["/p|q", "U+007C"],
    ["/c^d", "U+005E"],
    ["/t`x`", "U+0060"],
    ["/u/<int:id", "malformed parameter"],
    ["/a//b", "empty segment"],
  ])("%s is refused (%s)", (pattern, reason) => {
    const compiled = compileCanonical(pattern);
    expect("reason" in compiled && compiled.reason).toContain(reason);
  });
});

describe("regular-expression patterns (Django re_path)", () => {
  test.each([
    ["^/archive/(?P<year>[0-9]{4})/$", "/archive/(?:[0-9]{4})/$", null],
    ["^/a/(?<n>\\d+)\\Z", "/a/(?:\\d+)$", null],
    ["^/a|/b", "(?:/a|/b)", null],
    ["^/x/[]a]+$", "/x/[]a]+$", null],
    ["^/x/[(|)]$", "/x/[(|)]$", null],
    ["^/legacy/(?!admin).*$", "/legacy/(?!admin).*$", "look-around"],
    ["^/a/(?<=a)b$", "/a/(?<=a)b$", "look-around"],
  ])("%s → %s", (source, body, pcreOnly) => {
    expect(compileRegexSource(source)).toEqual({ pathBody: body, rankKey: "~", exact: null, pcreOnly });
  });

  test.each([
    ["^/twice/(?P<a>[a-z]+)/(?P=a)$", "back-reference"],
    ["^/twice/([a-z]+)/\\1$", "back-reference"],
    ["^/a|^/b", "anchor inside"],
    ["^/a/(unclosed", "not a valid regular expression"],
    ["^/a/[0-9$", "not a valid regular expression"],
    ['^/a/"b"$', "U+0022"],
    ["^/a/'b'$", "U+0027"],
    ["^/a/`b`$", "U+0060"],
    ["^/a/${HOME}$", '"${"'],
    ["^/a\\", "ending in a backslash"],
  ])("%s is refused (%s)", (source, reason) => {
    const compiled = compileRegexSource(source);
    expect("reason" in compiled && compiled.reason).toContain(reason);
  });
});

describe("ordering: most specific first, as Waypoint's matcher resolves", () => {
  test("literal before parameters, typed before untyped, longer before shorter, regexes last; input order does not matter", () => {
    const routes = [
      { id: "regex", method: "GET", pattern: "^/user/(?P<x>.*)$" },
      { id: "any", method: "ANY", pattern: "/user/<name>" },
      { id: "get-name", method: "GET", pattern: "/user/<name>" },
      { id: "post-name", method: "POST", pattern: "/user/<name>" },
      { id: "head-name", method: "HEAD", pattern: "/user/<name>" },
      { id: "int", method: "GET", pattern: "/user/<int:id>" },
      { id: "slug", method: "GET", pattern: "/user/<slug:s>" },
      { id: "settings", method: "GET", pattern: "/user/settings" },
      { id: "deep", method: "GET", pattern: "/user/<int:id>/posts" },
      { id: "rest", method: "GET", pattern: "/user/<path:p>" },
    ];
    const expected = ["settings", "deep", "int", "slug", "head-name", "post-name", "get-name", "any", "rest", "regex"];
    expect(resolveRoutes(ledgerOf(routes)).routes.map((r) => r.routeId)).toEqual(expected);
    expect(resolveRoutes(ledgerOf([...routes].reverse())).routes.map((r) => r.routeId)).toEqual(expected);
  });

  test("a second route with the same method and matcher is reported, not written", () => {
    const { routes, unexpressed } = resolveRoutes(
      ledgerOf([
        { id: "b", method: "GET", pattern: "/user/<name>" },
        { id: "a", method: "GET", pattern: "/user/<id>" },
      ]),
    );
    expect(routes.map((r) => r.routeId)).toEqual(["a"]);
    expect(unexpressed).toEqual([{ routeId: "b", pattern: "/user/<name>", reason: "the same method and pattern as route a", fallback: "route a decides" }]);
  });

  test("GET answers HEAD; ANY answers every method", () => {
    const { routes } = resolveRoutes(
      ledgerOf([
        { id: "g", method: "GET", pattern: "/g" },
        { id: "a", method: "ANY", pattern: "/a" },
        { id: "p", method: "POST", pattern: "/p" },
      ]),
    );
    expect(Object.fromEntries(routes.map((r) => [r.routeId, [r.methods, r.keyRegex]]))).toEqual({
      g: [["GET", "HEAD"], "^(?:GET|HEAD):/g/?$"],
      a: [null, "^[^:]+:/a/?$"],
      p: [["POST"], "^POST:/p/?$"],
    });
  });

  // The same inventory through Waypoint's trie matcher and through the ordered list the proxies
  // get: every request must land on the same route (or on none).
  const inventory = [
    { id: "user-settings-post", method: "POST", pattern: "/user/settings" },
    { id: "user-id", method: "GET", pattern: "/user/<id>" },
    { id: "account-settings", method: "POST", pattern: "/account/settings" },
    { id: "account-name", method: "GET", pattern: "/account/<name>" },
    { id: "item-name", method: "GET", pattern: "/item/<name>" },
    { id: "item-int", method: "GET", pattern: "/item/<int:id>" },
    { id: "m-string", method: "GET", pattern: "/m/<string:a>" },
    { id: "m-slug", method: "GET", pattern: "/m/<slug:b>" },
    { id: "m-uuid", method: "GET", pattern: "/m/<uuid:c>" },
    { id: "m-float", method: "GET", pattern: "/m/<float:d>" },
    { id: "m-int", method: "GET", pattern: "/m/<int:e>" },
    { id: "static-path", method: "GET", pattern: "/static/<path:file>" },
    { id: "static-edit", method: "GET", pattern: "/static/<path:file>/edit" },
    { id: "static-name", method: "GET", pattern: "/static/<name>" },
    { id: "favicon", method: "GET", pattern: "/static/favicon.ico" },
    { id: "report-csv", method: "GET", pattern: "/report/<int:year>.csv" },
    { id: "report-name", method: "GET", pattern: "/report/<name>" },
    { id: "head-only", method: "HEAD", pattern: "/h/<int:n>" },
    { id: "h-any", method: "ANY", pattern: "/h/<name>" },
    { id: "root", method: "GET", pattern: "/" },
    { id: "deep", method: "DELETE", pattern: "/a/<int:x>/b/<slug:y>/c" },
    { id: "deep-any", method: "ANY", pattern: "/a/<x>/b/<y>/<z>" },
    { id: "archive", method: "ANY", pattern: "^/archive/(?P<year>[0-9]{4})/$" },
  ];
  const requests: [string, string][] = [
    ["GET", "/user/settings"],
    ["POST", "/user/settings"],
    ["GET", "/user/42"],
    ["GET", "/user/42/"],
    ["DELETE", "/user/42"],
    ["GET", "/account/settings"],
    ["POST", "/account/settings"],
    ["GET", "/item/7"],
    ["GET", "/item/seven"],
    ["GET", "/m/12"],
    ["GET", "/m/1.5"],
    ["GET", "/m/1."],
    ["GET", "/m/123e4567-e89b-12d3-a456-426614174000"],
    ["GET", "/m/a-slug_1"],
    ["GET", "/m/a b"],
    ["GET", "/m/x.y"],
    ["GET", "/static/favicon.ico"],
    ["GET", "/static/app.js"],
    ["GET", "/static/css/app.css"],
    ["GET", "/static/a/edit"],
    ["GET", "/static/"],
    ["GET", "/report/2024.csv"],
    ["GET", "/report/2024.json"],
    ["HEAD", "/report/2024.csv"],
    ["HEAD", "/h/5"],
    ["GET", "/h/5"],
    ["PUT", "/h/x"],
    ["GET", "/"],
    ["HEAD", "/"],
    ["POST", "/"],
    ["DELETE", "/a/1/b/x/c"],
    ["GET", "/a/1/b/x/c"],
    ["DELETE", "/a/1/b/x y/c"],
    ["GET", "/archive/2024/"],
    ["POST", "/archive/2024/"],
    ["GET", "/archive/24/"],
    ["GET", "/nowhere"],
  ];
  test.each(requests)("%s %s lands on the same route as in the inventory", (method, path) => {
    const trie = compileRouteMatcher(inventory.map((r) => ({ method: r.method, path: r.pattern })));
    const index = trie.match(method, path);
    const { routes, unexpressed } = resolveRoutes(ledgerOf(inventory));
    expect(unexpressed).toEqual([]);
    expect(firstMatch(routes, method, path)).toBe(index < 0 ? null : inventory[index].id);
  });

  test("a regex pattern is matched against the path as sent (the import's matcher also tries it with a slash added)", () => {
    const { routes } = resolveRoutes(ledgerOf([{ id: "archive", method: "ANY", pattern: "^/archive/(?P<year>[0-9]{4})/$" }]));
    expect(firstMatch(routes, "GET", "/archive/2024/")).toBe("archive");
    // Django redirects /archive/2024 to /archive/2024/ (APPEND_SLASH); the redirect goes where the catch-all sends it.
    expect(firstMatch(routes, "GET", "/archive/2024")).toBeNull();
  });
});
