import { describe, expect, test } from "vitest";
import { issueKind, issueLines, itemLines, jsonReport } from "@/lib/cli/import-report";
import type { ParseIssue } from "@/lib/import/types";

const w = (file: string, line: number, message: string): ParseIssue => ({ file, line, message, severity: "warning" });

describe("the import report of the command line", () => {
  test.each<[string, string]>([
    ["Duplicate route GET /x: defined at a.py:3 and again at b.py:9; keeping the first", "Duplicate route … defined at … and again at …; keeping the first"],
    [
      "Blueprint 'auth' is never registered on an app; its routes are listed under its own prefix",
      "Blueprint … is never registered on an app; its routes are listed under its own prefix",
    ],
    [
      'The URL prefix app.config["AUTH"] cannot be resolved statically; the routes are listed with {AUTH} in its place',
      "The URL prefix app.config[…] cannot be resolved statically; the routes are listed with {…} in its place",
    ],
    ["mount Sidekiq::Web at /sidekiq: the routes of a mounted app are not listed", "mount Sidekiq::Web at … the routes of a mounted app are not listed"],
  ])("the kind of %j", (message, kind) => {
    expect(issueKind(message)).toBe(kind);
  });

  test("errors come first and whole; warnings are grouped by kind with counts and a few places", () => {
    const issues: ParseIssue[] = [
      w("a.py", 3, "Duplicate route GET /x: defined at a.py:1 and again at a.py:3; keeping the first"),
      w("b.py", 4, "Duplicate route GET /y: defined at b.py:1 and again at b.py:4; keeping the first"),
      w("c.py", 5, "Duplicate route GET /z: defined at c.py:1 and again at c.py:5; keeping the first"),
      w("d.py", 6, "Duplicate route GET /w: defined at d.py:1 and again at d.py:6; keeping the first"),
      w("urls.py", 2, "i18n_patterns adds a language prefix that is not part of the listed paths"),
      { file: "shop", message: "No routes found in shop", severity: "error" },
    ];
    expect(issueLines(issues)).toEqual([
      "Errors (1):",
      "  error    shop: No routes found in shop",
      "Warnings (5, 2 kind(s)):",
      "    4 ×    Duplicate route GET /x: defined at a.py:1 and again at a.py:3; keeping the first",
      "           a.py:3: Duplicate route GET /x: defined at a.py:1 and again at a.py:3; keeping the first",
      "           b.py:4: Duplicate route GET /y: defined at b.py:1 and again at b.py:4; keeping the first",
      "           c.py:5: Duplicate route GET /z: defined at c.py:1 and again at c.py:5; keeping the first",
      "           … and 1 more like it (--list shows all)",
      "  warning  urls.py:2: i18n_patterns adds a language prefix that is not part of the listed paths",
    ]);
    expect(issueLines(issues, { all: true }).filter((l) => l.includes("d.py:6"))).toHaveLength(1);
  });

  test("--list prints one line per item: change, route or key, file:line", () => {
    expect(
      itemLines([
        { kind: "ROUTE", change: "new", key: "GET /users/<id>", method: "GET", path: "/users/<id>", file: "app/users.py", line: 12 },
        { kind: "MODULE", change: "unchanged", key: "app.users", file: "app/users.py", line: 12 },
      ]),
    ).toEqual(["  new        GET /users/<id>  app/users.py:12", "  unchanged  module app.users  app/users.py:12"]);
  });

  test("--json: summary, items and issues (errors first), files relative to the folder", () => {
    const doc = jsonReport(
      undefined,
      [{ kind: "ROUTE", change: "changed", key: "GET /", method: "GET", path: "/", handler: "app.index", file: "app/__init__.py", line: 3 }],
      [w("a.py", 1, "x"), { file: "shop", message: "bad", severity: "error" }],
      true,
    );
    expect(doc).toEqual({
      summary: { refused: true },
      items: [{ kind: "route", change: "changed", method: "GET", path: "/", handler: "app.index", file: "app/__init__.py", line: 3 }],
      issues: [
        { severity: "error", file: "shop", message: "bad" },
        { severity: "warning", file: "a.py", line: 1, message: "x" },
      ],
    });
  });
});
