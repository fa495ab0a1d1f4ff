import { describe, expect, test } from "vitest";
import { compileRouteMatcher, literalPrefix, type RouteInput } from "@/lib/import/route-matcher";

/** Compiles the routes and answers with the matched route's "METHOD path", or null. */
function matcherOf(routes: RouteInput[]) {
  const matcher = compileRouteMatcher(routes);
  return (method: string, path: string) => {
    const index = matcher.match(method, path);
    // matchBytes is the access log's fast path: it must always agree with match.
    const bytes = Buffer.from(`xx${path}yy`);
    expect(matcher.matchBytes(method, bytes, 2, bytes.length - 2)).toBe(index);
    return index < 0 ? null : `${routes[index].method} ${routes[index].path}`;
  };
}

describe("segment precedence", () => {
  // Deliberately listed least specific first: precedence must not come from inventory order.
  const match = matcherOf([
    { method: "GET", path: "/user/<id>" },
    { method: "GET", path: "/user/settings" },
    { method: "POST", path: "/account/settings" },
    { method: "GET", path: "/account/<name>" },
    { method: "GET", path: "/item/<name>" },
    { method: "GET", path: "/item/<int:id>" },
    { method: "GET", path: "/m/<string:a>" },
    { method: "GET", path: "/m/<slug:b>" },
    { method: "GET", path: "/m/<uuid:c>" },
    { method: "GET", path: "/m/<float:d>" },
    { method: "GET", path: "/m/<int:e>" },
    { method: "GET", path: "/static/<path:file>" },
    { method: "GET", path: "/static/<name>" },
    { method: "GET", path: "/static/favicon.ico" },
    { method: "GET", path: "/report/<int:year>.csv" },
    { method: "GET", path: "/report/<name>" },
  ]);
  test.each([
    ["/user/settings", "GET /user/settings"],
    ["/user/42", "GET /user/<id>"],
    // the literal exists for POST only: GET falls back to the parameter
    ["/account/settings", "GET /account/<name>"],
    ["/item/42", "GET /item/<int:id>"],
    ["/item/abc", "GET /item/<name>"],
    ["/m/7", "GET /m/<int:e>"],
    ["/m/7.5", "GET /m/<float:d>"],
    ["/m/123e4567-e89b-12d3-a456-426614174000", "GET /m/<uuid:c>"],
    ["/m/hello-world_2", "GET /m/<slug:b>"],
    ["/m/a.b", "GET /m/<string:a>"],
    ["/m/café", "GET /m/<string:a>"],
    ["/static/favicon.ico", "GET /static/favicon.ico"],
    ["/static/app.css", "GET /static/<name>"],
    ["/static/css/app.css", "GET /static/<path:file>"],
    ["/report/2024.csv", "GET /report/<int:year>.csv"],
    ["/report/latest.csv", "GET /report/<name>"],
  ])("GET %s → %s", (path, expected) => {
    expect(match("GET", path)).toBe(expected);
  });
});

describe("converters", () => {
  const match = matcherOf([
    { method: "GET", path: "/i/<int:v>" },
    { method: "GET", path: "/f/<float:v>" },
    { method: "GET", path: "/u/<uuid:v>" },
    { method: "GET", path: "/s/<slug:v>" },
    { method: "GET", path: "/t/<v>" },
    { method: "GET", path: "/x/<unknown:v>" }, // an unknown converter is taken as untyped
    { method: "GET", path: "/p/<path:v>" },
    { method: "GET", path: "/p2/<path:v>/edit" },
  ]);
  test.each([
    ["/i/0", true],
    ["/i/0042", true],
    ["/i/-1", false],
    ["/i/1.5", false],
    ["/i/12a", false],
    ["/f/3", true],
    ["/f/3.14", true],
    ["/f/3.", false],
    ["/f/.5", false],
    ["/f/1.2.3", false],
    ["/u/123E4567-E89B-12D3-A456-426614174000", true],
    ["/u/123e4567-e89b-12d3-a456-42661417400", false],
    ["/u/123e4567xe89b-12d3-a456-426614174000", false],
    ["/u/g23e4567-e89b-12d3-a456-426614174000", false],
    ["/s/Hello_World-2", true],
    ["/s/hello.world", false],
    ["/s/café", false],
    ["/t/anything at all;x=1", true],
    ["/t/a/b", false],
    ["/t/", false], // "/t/" is "/t": the parameter needs a segment
    ["/x/whatever", true],
    ["/p/a", true],
    ["/p/a/b/c.txt", true],
    ["/p", false],
    ["/p2/a/b/edit", true],
    ["/p2/edit", false],
    ["/i//3", false],
  ])("%s matches: %s", (path, expected) => {
    expect(match("GET", path) !== null).toBe(expected);
  });
});

describe("methods", () => {
  const match = matcherOf([
    { method: "ANY", path: "/any/<id>" },
    { method: "POST", path: "/any/<id>" },
    { method: "GET", path: "/page" },
    { method: "HEAD", path: "/own-head" },
    { method: "GET", path: "/own-head" },
    { method: "get", path: "/lower" },
    { method: "ANY", path: "/page/<id>" },
    { method: "GET", path: "/page/<int:id>" },
  ]);
  test.each([
    ["POST", "/any/1", "POST /any/<id>"], // the method-specific route beats ANY
    ["DELETE", "/any/1", "ANY /any/<id>"],
    ["GET", "/any/1", "ANY /any/<id>"],
    ["HEAD", "/page", "GET /page"], // HEAD is served by GET routes
    ["HEAD", "/own-head", "HEAD /own-head"],
    ["PUT", "/page", null],
    ["GET", "/lower", "get /lower"],
    // the typed route does not accept POST, so the ANY route one step less specific does
    ["POST", "/page/7", "ANY /page/<id>"],
    ["GET", "/page/7", "GET /page/<int:id>"],
  ])("%s %s → %s", (method, path, expected) => {
    expect(match(method, path)).toBe(expected);
  });
});

describe("paths", () => {
  const match = matcherOf([
    { method: "GET", path: "/" },
    { method: "GET", path: "/users/<int:id>" },
    { method: "GET", path: "/docs/" }, // not canonical, tolerated
    { method: "GET", path: "/café" },
    { method: "GET", path: "/users/<int:id>" }, // a duplicate: the first one wins
  ]);
  test.each([
    ["/", "GET /"],
    ["/users/42/", "GET /users/<int:id>"], // a trailing slash is ignored
    ["/docs", "GET /docs/"],
    ["/docs/", "GET /docs/"],
    ["/café", "GET /café"],
    ["/caf%C3%A9", null], // the matcher takes decoded paths
    ["users/42", null],
    ["", null],
    ["//users/42", null],
  ])("%j → %s", (path, expected) => {
    expect(match("GET", path)).toBe(expected);
  });

  test("the first of two identical routes wins", () => {
    expect(
      compileRouteMatcher([
        { method: "GET", path: "/a" },
        { method: "GET", path: "/a" },
      ]).match("GET", "/a"),
    ).toBe(0);
  });
});

describe("regex patterns", () => {
  const routes = [
    { method: "GET", path: "/archive/latest" },
    { method: "ANY", path: "^/archive/(?P<year>[0-9]{4})/$" },
    { method: "GET", path: "^/archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$" },
    { method: "GET", path: "^/archive/" }, // overlaps the ones above: later, so tried after them
    { method: "GET", path: "^/r/(?P<a>[a-z]+)/(?P=a)\\Z" },
    { method: "GET", path: "^/broken/(" },
    { method: "GET", path: "/t/<slug:s>" },
    { method: "GET", path: "^/t/(?P<n>[0-9]+)$" },
  ];
  const match = matcherOf(routes);
  test.each([
    ["/archive/latest", "GET /archive/latest"],
    ["/archive/2024", "ANY ^/archive/(?P<year>[0-9]{4})/$"],
    ["/archive/2024/", "ANY ^/archive/(?P<year>[0-9]{4})/$"],
    ["/archive/2024/05", "GET ^/archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$"],
    ["/archive/24", "GET ^/archive/"],
    ["/r/ab/ab", "GET ^/r/(?P<a>[a-z]+)/(?P=a)\\Z"],
    ["/r/ab/cd", null],
    ["/broken/(", null],
    // the trie is tried first: the slug route wins over the regex
    ["/t/42", "GET /t/<slug:s>"],
  ])("GET %s → %s", (path, expected) => {
    expect(match("GET", path)).toBe(expected);
  });

  test("a pattern that is no valid regular expression is reported unusable", () => {
    expect(compileRouteMatcher(routes).unusable).toEqual([5]);
  });

  test("on one pattern, a method-specific route beats an earlier ANY one; HEAD is served by GET", () => {
    const m = compileRouteMatcher([
      { method: "ANY", path: "^/x/[0-9]+$" },
      { method: "POST", path: "^/x/[0-9]+$" },
      { method: "GET", path: "^/y/$" },
    ]);
    expect(m.match("POST", "/x/1")).toBe(1);
    expect(m.match("GET", "/x/1")).toBe(0);
    expect(m.match("HEAD", "/y")).toBe(2);
    expect(m.match("POST", "/y")).toBe(-1);
  });
});

describe("the literal prefix that lets a path skip a regex", () => {
  test.each([
    ["^/archive/(?P<year>[0-9]{4})/$", "/archive/"],
    ["^/legacy/page-(?P<id>[0-9]+)\\.html$", "/legacy/page-"],
    ["^\\/a\\.b\\/c", "/a.b/c"],
    ["^/colou?r/", "/colo"], // "u" is optional
    ["^/ab*", "/a"],
    ["^/ab{2}", "/a"],
    ["^/ab+c", "/ab"],
    ["^/x\\d+", "/x"],
    ["^/a|^/b", ""], // alternation at the top: no common prefix
    ["^/(a|b)/c", "/"],
    ["^/[|]/c", "/"],
    ["^/café/", Buffer.from("/café/").toString("latin1")], // UTF-8 bytes, one char each
    ["/no-anchor", ""],
  ])("%s → %j", (source, prefix) => {
    expect(literalPrefix(source)).toBe(prefix);
  });

  test("the prefix check keeps the dropped trailing slash in mind", () => {
    const m = compileRouteMatcher([{ method: "GET", path: "^/about/$" }]);
    expect(m.match("GET", "/about")).toBe(0);
    expect(m.match("GET", "/about/")).toBe(0);
    expect(m.match("GET", "/abou")).toBe(-1);
  });
});

describe("a 50,000-route inventory", () => {
  // 5 routes for each of 10,000 resources, spread over 100 services.
  const routes: RouteInput[] = [];
  for (let r = 0; r < 10_000; r++) {
    const base = `/svc${r % 100}/res${r}`;
    routes.push(
      { method: "GET", path: base },
      { method: "GET", path: `${base}/<int:id>` },
      { method: "PUT", path: `${base}/<int:id>` },
      { method: "GET", path: `${base}/<slug:slug>` },
      { method: "GET", path: `${base}/export` },
    );
  }
  const matcher = compileRouteMatcher(routes);

  test.each([0, 1, 99, 100, 4_321, 9_999])("resource %i: every route, and near misses", (r) => {
    const base = `/svc${r % 100}/res${r}`;
    expect(matcher.match("GET", base)).toBe(5 * r);
    expect(matcher.match("GET", `${base}/77`)).toBe(5 * r + 1);
    expect(matcher.match("PUT", `${base}/77`)).toBe(5 * r + 2);
    expect(matcher.match("GET", `${base}/a-slug`)).toBe(5 * r + 3);
    expect(matcher.match("GET", `${base}/export`)).toBe(5 * r + 4);
    expect(matcher.match("PUT", `${base}/export`)).toBe(-1);
    expect(matcher.match("GET", `/svc${(r + 1) % 100}/res${r}`)).toBe(-1); // wrong service
    expect(matcher.match("GET", `${base}/77/more`)).toBe(-1);
  });

  test("all 50,000 routes are reachable", () => {
    let reached = 0;
    for (let r = 0; r < 10_000; r++) {
      const base = `/svc${r % 100}/res${r}`;
      if (matcher.match("GET", base) === 5 * r && matcher.match("PUT", `${base}/1`) === 5 * r + 2 && matcher.match("GET", `${base}/export`) === 5 * r + 4)
        reached++;
    }
    expect(reached).toBe(10_000);
  });
});
