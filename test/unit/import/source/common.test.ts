import { describe, expect, test } from "vitest";
import { canonicalPath, expandOptional, finishRoutes, joinUrl, OPT_CLOSE, OPT_OPEN } from "@/lib/import/parsers/source/common";
import { pluralize, singularize } from "@/lib/import/parsers/source/inflect";
import { tokenizeJs } from "@/lib/import/parsers/source/js-lexer";
import { tokenizePhp } from "@/lib/import/parsers/source/php-lexer";
import { tokenizePython } from "@/lib/import/parsers/source/python-lexer";
import { tokenizeRuby } from "@/lib/import/parsers/source/ruby-lexer";
import type { Token } from "@/lib/import/parsers/source/tokens";
import type { RouteRecord } from "@/lib/import/types";

/** "kind:value" per token, newlines left out. */
function show(tokens: Token[]): string[] {
  return tokens.filter((t) => t.kind !== "newline").map((t) => `${t.kind}:${t.value}${t.dynamic ? "(dynamic)" : ""}`);
}

describe("canonical paths", () => {
  test.each([
    ["users/", "/users"],
    ["/users//<id>/", "/users/<id>"],
    ["", "/"],
    ["/", "/"],
    ["/search?q=1", "/search"],
    ["/a/<int:id>", "/a/<int:id>"],
    ["/a/<str:name>", "/a/<string:name>"],
    ["/a/<any(x, y):kind>", "/a/<kind>"],
    ["/a/<custom:thing>", "/a/<thing>"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalPath(input)).toBe(expected);
  });

  test.each([
    [["/api", "/users"], "/api/users"],
    [["/api/", "users"], "/api/users"],
    [["", "/x"], "/x"],
    [["/api", ""], "/api"],
  ])("joinUrl(%j) → %s", (parts, expected) => {
    expect(joinUrl(...parts)).toBe(expected);
  });
});

describe("optional parts", () => {
  const opt = (s: string) => s.replaceAll("(", OPT_OPEN).replaceAll(")", OPT_CLOSE);
  test.each<[string, string[]]>([
    ["/a(/b)", ["/a/b", "/a"]],
    ["/a(/b(/c))", ["/a/b/c", "/a/b", "/a"]],
    ["/(x)/(y)", ["/x/y", "/x/", "//y", "//"]],
    ["/stray)/close", ["/stray/close"]],
    ["/unclosed(/x", ["/unclosed/x"]],
    ["/(1)(2)(3)(4)(5)(6)(7)", ["/1234567"]],
  ])("%s", (input, expected) => {
    expect(expandOptional(opt(input)).sort()).toEqual([...expected].sort());
  });
});

describe("finishRoutes", () => {
  const r = (method: string, path: string, file: string, line: number, handler?: string): RouteRecord => ({
    method,
    path,
    file,
    line,
    ...(handler ? { handler } : {}),
  });

  test("sorts by path, method, file, line", () => {
    const result = finishRoutes([r("POST", "/b", "x", 1), r("GET", "/b", "x", 2), r("GET", "/a", "y", 9)], []);
    expect(result.records.map((x) => `${x.method} ${x.path}`)).toEqual(["GET /a", "GET /b", "POST /b"]);
  });

  test("keeps the first of a duplicate and warns at the second, naming both", () => {
    const result = finishRoutes([r("GET", "/a", "z.py", 3, "z.a"), r("GET", "/a", "b.py", 7, "b.a")], []);
    expect(result.records).toEqual([r("GET", "/a", "b.py", 7, "b.a")]);
    expect(result.issues).toEqual([
      { file: "z.py", line: 3, severity: "warning", message: "Duplicate route GET /a: defined at b.py:7 and again at z.py:3; keeping the first" },
    ]);
  });

  test("the very same record reached twice is listed once without a warning", () => {
    const result = finishRoutes([r("GET", "/a", "a.py", 1, "h"), r("GET", "/a", "a.py", 1, "h")], []);
    expect(result.records).toHaveLength(1);
    expect(result.issues).toEqual([]);
  });
});

describe("lexers drop comments and keep strings whole", () => {
  test("Python", () => {
    expect(show(tokenizePython("x = '#not a comment'  # a comment\n'''doc\n@app.route('/x')\n'''\nf\"{a}\" rb'\\d'\n"))).toEqual([
      "name:x",
      "punct:=",
      "string:#not a comment",
      "string:doc\n@app.route('/x')\n",
      "string:{a}(dynamic)",
      "string:\\d",
    ]);
  });

  test("Python logical lines: brackets and backslashes continue a line", () => {
    const tokens = tokenizePython("a = (1,\n 2)\nb = 3 + \\\n 4\n");
    expect(tokens.filter((t) => t.kind === "newline")).toHaveLength(2);
    expect(tokens.filter((t) => t.lineStart).map((t) => t.value)).toEqual(["a", "b"]);
  });

  test("JavaScript: regex literals, division, templates with nested braces", () => {
    expect(show(tokenizeJs("a = b / c; r = /ab+c\\/[/]/g; t = `x${ {k: `y${z}`}.k }w`; // app.get('/x')\n/* app.post() */ s = 'q'"))).toEqual([
      "name:a",
      "punct:=",
      "name:b",
      "punct:/",
      "name:c",
      "punct:;",
      "name:r",
      "punct:=",
      "regex:ab+c\\/[/]",
      "punct:;",
      "name:t",
      "punct:=",
      "string:x${{k: `y${z}`}.k}w(dynamic)",
      "punct:;",
      "name:s",
      "punct:=",
      "string:q",
    ]);
  });

  test("Ruby: symbols, labels, word lists, interpolation, =begin/=end", () => {
    expect(show(tokenizeRuby("resources :photos, only: %i[index show] # c\n=begin\nget 'x'\n=end\nget \"#{a}/b\", to: 'p#q'\nA::B\n"))).toEqual([
      "name:resources",
      "symbol:photos",
      "punct:,",
      "label:only",
      "punct:[",
      "symbol:index",
      "punct:,",
      "symbol:show",
      "punct:]",
      "name:get",
      "string:#{a}/b(dynamic)",
      "punct:,",
      "label:to",
      "string:p#q",
      "name:A",
      "punct:::",
      "name:B",
    ]);
  });

  test("PHP: HTML outside tags, # and // comments end at ?>, heredocs, variables, namespaced names", () => {
    const php = "<h1>Route::get('/html')</h1>\n<?php # Route::get('/c') ?>\n<?php\n$x = <<<EOT\nhello $name\nEOT;\n\\App\\X::class; \"a{$b}\"; 'c$d';";
    expect(show(tokenizePhp(php))).toEqual([
      "variable:x",
      "punct:=",
      "string:hello $name\n(dynamic)",
      "punct:;",
      "name:\\App\\X",
      "punct:::",
      "name:class",
      "punct:;",
      "string:a{$b}(dynamic)",
      "punct:;",
      "string:c$d",
      "punct:;",
    ]);
  });

  test("line numbers count the lines inside strings and comments", () => {
    const tokens = tokenizeJs("/* one\ntwo */ a\n`x\ny` b");
    expect(tokens.map((t) => `${t.value}@${t.line}`)).toEqual(["a@2", "x\ny@3", "b@4"]);
  });
});

describe("inflection (resource names)", () => {
  test.each([
    ["photos", "photo"],
    ["categories", "category"],
    ["addresses", "address"],
    ["boxes", "box"],
    ["people", "person"],
    ["user_profiles", "user_profile"],
    ["user-profiles", "user-profile"],
    ["news", "news"],
    ["statuses", "status"],
  ])("singular of %s is %s", (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });

  test.each([
    ["profile", "profiles"],
    ["account", "accounts"],
    ["company", "companies"],
    ["person", "people"],
    ["address", "addresses"],
  ])("plural of %s is %s", (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
  });
});
