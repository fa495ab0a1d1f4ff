import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { normalizeColumnName, parseCsvTable, parseJsonInventory, parseJsonTable } from "@/lib/import/parsers/table";
import { normalizeRoutePattern } from "@/lib/import/parsers/route-pattern-normalize";
import type { ItemKindName, ParseIssue, TableRecord } from "@/lib/import/types";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/import/tables");
const fixture = (name: string) => ({ path: name, text: fs.readFileSync(path.join(FIXTURES, name), "utf8") });
const csv = (text: string, kind: ItemKindName = "ROUTE") => parseCsvTable({ path: "t.csv", text }, kind);
const json = (value: unknown, kind: ItemKindName = "ROUTE") => parseJsonTable({ path: "t.json", text: JSON.stringify(value, null, 2) }, kind);
const error = (line: number | undefined, message: string, field?: string, file = "t.csv"): ParseIssue => ({
  file,
  ...(line === undefined ? {} : { line }),
  ...(field ? { field } : {}),
  message,
  severity: "error",
});
const route = (file: string, line: number, method: string, p: string, fields: TableRecord["fields"] = {}, uses?: string[]): TableRecord => ({
  kind: "ROUTE",
  file,
  line,
  key: `${method} ${p}`,
  fields: { method, path: p, ...fields },
  ...(uses ? { uses } : {}),
});

describe("CSV tables: the fixtures", () => {
  test("routes.csv: every column, quoted fields with commas, quotes and a line break, several methods in one row", async () => {
    const settings: TableRecord["fields"] = {
      handler: "users.views.settings",
      module: "users/views.py",
      trafficPerDay: 900,
      complexity: 3,
      size: 210,
      testCoverage: 40,
      owner: "identity",
      status: "NOT_STARTED",
      servedBy: "LEGACY",
      notes: "Form posts back to itself;\nthe CSRF token handling has to move first",
      links: ["https://jira.acme.test/browse/MIG-40", "https://wiki.acme.test/settings"],
    };
    expect(await parseCsvTable(fixture("routes.csv"), "ROUTE")).toEqual({
      records: [
        route(
          "routes.csv",
          2,
          "GET",
          "/",
          {
            handler: "pages.views.home",
            module: "pages/views.py",
            trafficPerDay: 48200,
            complexity: 1,
            size: 35,
            testCoverage: 80,
            owner: "web-team",
            status: "VERIFIED",
            servedBy: "NEW",
            links: ["https://jira.acme.test/browse/MIG-12"],
          },
          ["pages/views.py"],
        ),
        route(
          "routes.csv",
          3,
          "GET",
          "/users/<id>",
          {
            handler: "users.views.detail",
            module: "users/views.py",
            trafficPerDay: 12500,
            complexity: 2,
            size: 120,
            testCoverage: 65,
            owner: "identity",
            status: "IN_PROGRESS",
            servedBy: "SHADOW",
            notes: "Shadow traffic since March; diff rate 0.2%",
          },
          ["users/views.py", "users/serializers.py"],
        ),
        route("routes.csv", 4, "GET", "/users/<id>/settings", settings, ["users/views.py"]),
        route("routes.csv", 4, "POST", "/users/<id>/settings", settings, ["users/views.py"]),
        // Line 6: the quoted note of the row before spans lines 4 and 5.
        route(
          "routes.csv",
          6,
          "POST",
          "/api/orders",
          {
            handler: "orders.api.create",
            module: "orders/api.py",
            trafficPerDay: 7300,
            complexity: 5,
            size: 640,
            testCoverage: 40,
            owner: "checkout",
            status: "PORTED",
            servedBy: "SHADOW",
            notes: 'Writes to the "orders" and "ledger" tables',
          },
          ["orders/api.py", "orders/models.py"],
        ),
        route(
          "routes.csv",
          7,
          "DELETE",
          "/api/orders/<int:order_id>",
          {
            handler: "orders.api.cancel",
            module: "orders/api.py",
            trafficPerDay: 85,
            complexity: 4,
            testCoverage: 0,
            owner: "checkout",
            status: "IN_PROGRESS",
            servedBy: "LEGACY",
          },
          ["orders/api.py"],
        ),
        route("routes.csv", 8, "GET", "/legacy/print-invoice", {
          handler: "billing.views.print_invoice",
          module: "billing/views.py",
          trafficPerDay: 3,
          complexity: 2,
          size: 90,
          owner: "billing",
          status: "WONT_PORT",
          statusReason: "Replaced by the PDF service",
          servedBy: "LEGACY",
        }),
        route("routes.csv", 9, "ANY", "/healthz", { trafficPerDay: 1440, complexity: 1, size: 5, status: "RETIRED" }),
      ],
      issues: [],
    });
  });

  test("modules.csv: an Excel export with a BOM, CRLF and 'Test Coverage'-style headers", async () => {
    const module = (line: number, p: string, fields: TableRecord["fields"], uses?: string[]): TableRecord => ({
      kind: "MODULE",
      file: "modules.csv",
      line,
      key: p,
      fields: { path: p, ...fields },
      ...(uses ? { uses } : {}),
    });
    expect(await parseCsvTable(fixture("modules.csv"), "MODULE")).toEqual({
      records: [
        module(2, "users/views.py", { size: 1840, complexity: 3, testCoverage: 55, owner: "identity", status: "IN_PROGRESS" }, [
          "django",
          "djangorestframework",
        ]),
        module(
          3,
          "orders/api.py",
          {
            size: 2210,
            complexity: 5,
            testCoverage: 80,
            owner: "checkout",
            status: "PORTED",
            notes: "Payment retries, idempotency keys",
            links: ["https://wiki.acme.test/orders"],
          },
          ["django", "stripe", "celery"],
        ),
        module(
          4,
          "billing/views.py",
          { size: 960, complexity: 2, testCoverage: 0, owner: "billing", status: "WONT_PORT", statusReason: "Billing moves to the vendor" },
          ["reportlab"],
        ),
        module(5, "legacy/cron.py", { size: 300 }),
      ],
      issues: [],
    });
  });

  test("dependencies.csv: keyed by the lower-cased name, readiness spellings, links separated by spaces", async () => {
    const dependency = (line: number, key: string, fields: TableRecord["fields"]): TableRecord => ({
      kind: "DEPENDENCY",
      file: "dependencies.csv",
      line,
      key,
      fields,
    });
    expect(await parseCsvTable(fixture("dependencies.csv"), "DEPENDENCY")).toEqual({
      records: [
        dependency(2, "django", {
          name: "Django",
          currentVersion: "3.2.23",
          targetVersion: "4.2.8",
          readiness: "UPGRADE_NEEDED",
          owner: "platform",
          notes: "LTS to LTS",
          links: ["https://docs.djangoproject.com/en/4.2/releases/"],
        }),
        dependency(3, "celery", { name: "celery", currentVersion: "5.3.6", targetVersion: "5.3.6", readiness: "COMPATIBLE", owner: "platform" }),
        dependency(4, "reportlab", {
          name: "reportlab",
          currentVersion: "3.6.12",
          readiness: "REPLACE",
          replacement: "weasyprint",
          owner: "billing",
          notes: "PDF rendering moves to HTML templates",
        }),
        dependency(5, "python-memcached", {
          name: "python-memcached",
          currentVersion: "1.59",
          readiness: "REMOVE",
          owner: "platform",
          notes: "Cache is Redis now",
        }),
        dependency(6, "stripe", {
          name: "stripe",
          currentVersion: "2.60.0",
          targetVersion: "7.9.0",
          readiness: "UPGRADE_NEEDED",
          owner: "checkout",
          notes: "API version pinned to 2020-08-27",
          links: ["https://stripe.com/docs/upgrades", "https://github.com/stripe/stripe-python/blob/master/CHANGELOG.md"],
        }),
      ],
      issues: [],
    });
  });

  test("routes-errors.csv: every kind of row error, each naming its line and field; the good rows still read", async () => {
    const f = "routes-errors.csv";
    const number = (column: string, value: string) => `${column} must be a whole number of 0 or more (digits, optionally grouped as 12,345), not "${value}"`;
    const coverage = (value: string) => `test_coverage must be none, some, good or a percentage from 0 to 100, not "${value}"`;
    expect(await parseCsvTable(fixture(f), "ROUTE")).toEqual({
      records: [
        route(f, 2, "GET", "/users/<id>", {
          handler: "users.views.detail",
          trafficPerDay: 12500,
          complexity: 2,
          size: 120,
          testCoverage: 65,
          status: "IN_PROGRESS",
          servedBy: "SHADOW",
        }),
        route(f, 9, "PUT", "/users/<id>", {
          handler: "users.views.update",
          trafficPerDay: 10,
          complexity: 2,
          size: 30,
          testCoverage: 40,
          status: "PORTED",
          servedBy: "LEGACY",
        }),
        route(f, 10, "GET", "/contact", {
          handler: "pages.views.contact",
          trafficPerDay: 50,
          complexity: 1,
          size: 20,
          testCoverage: 80,
          status: "VERIFIED",
          servedBy: "NEW",
        }),
      ],
      issues: [
        { file: f, line: 1, message: 'unknown columns ignored: "priority"', severity: "warning" },
        error(3, 'duplicate route "GET /users/<id>" (also on line 2)', undefined, f),
        error(4, 'unknown method "FETCH" (expected one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY)', "method", f),
        error(5, number("traffic_per_day", "12k"), "traffic_per_day", f),
        error(5, 'complexity must be a whole number from 1 to 5, not "7"', "complexity", f),
        error(5, number("size", "-3"), "size", f),
        error(5, coverage("lots"), "test_coverage", f),
        error(5, `unknown status "done" (expected one of: not started, in progress, ported, verified, retired, won't port)`, "status", f),
        error(5, 'unknown served_by "both" (expected one of: legacy, new, shadow)', "served_by", f),
        error(6, '"path" is empty', "path", f),
        error(7, "has 5 fields, the header has 10", undefined, f),
        error(8, number("traffic_per_day", "12,5"), "traffic_per_day", f),
        error(8, coverage("101%"), "test_coverage", f),
        error(9, 'duplicate route "GET /users/<id>" (also on line 2)', undefined, f),
      ],
    });
  });
});

describe("CSV tables: the header", () => {
  test.each([
    ["Traffic Per Day", "traffic_per_day"],
    ["  served-by ", "served_by"],
    ["STATUS_REASON", "status_reason"],
    ["trafficPerDay", "traffic_per_day"],
    ["Current  Version", "current_version"],
  ])("%j is the column %s", async (raw, name) => {
    expect(normalizeColumnName(raw)).toBe(name);
  });

  test("a duplicated column is an error, even spelled differently", async () => {
    expect(await csv("path,Owner,owner\n/a,x,y\n")).toEqual({
      records: [],
      issues: [error(1, 'column "owner" appears more than once (columns 2 and 3)', "owner")],
    });
  });

  test.each([
    ["ROUTE", "method,handler\nGET,x\n", 'missing required column "path"', "path"],
    ["MODULE", "name,size\nx,1\n", 'missing required column "path"', "path"],
    ["DEPENDENCY", "package,version\nx,1\n", 'missing required column "name"', "name"],
    ["ROUTE", "method;path;owner\nGET;/;x\n", 'missing required column "path" (only commas separate columns here)', "path"],
  ] as [ItemKindName, string, string, string][])("%s: %j → %s", async (kind, text, message, field) => {
    expect((await csv(text, kind)).issues).toContainEqual(error(1, message, field));
    expect((await csv(text, kind)).records).toEqual([]);
  });

  test("unknown columns are one warning naming them, not an error", async () => {
    expect(await csv("path,Priority,team lead,priority\n/x,1,ann,2\n")).toEqual({
      records: [route("t.csv", 2, "GET", "/x")],
      issues: [{ file: "t.csv", line: 1, message: 'unknown columns ignored: "priority", "team_lead"', severity: "warning" }],
    });
  });

  test.each([
    ["an empty file", "", undefined],
    ["a file of blank lines", "\n\n  \n", undefined],
    ["a header only", "method,path\n", 1],
    ["a header and empty spreadsheet rows", "method,path\r\n,\r\n,\r\n", 1],
  ])("%s → no rows", async (_, text, line) => {
    expect(await csv(text)).toEqual({ records: [], issues: [error(line, "no rows")] });
  });
});

describe("CSV tables: RFC 4180", () => {
  test.each([
    ["LF, trailing newline", "path,notes\n/a,x\n/b,y\n"],
    ["CRLF", "path,notes\r\n/a,x\r\n/b,y\r\n"],
    ["no trailing newline", "path,notes\n/a,x\n/b,y"],
    ["old Mac CR", "path,notes\r/a,x\r/b,y\r"],
    ["blank lines between rows", "path,notes\n\n/a,x\n\n/b,y\n\n\n"],
  ])("%s", async (_, text) => {
    const lines = text.includes("\n\n") ? [3, 5] : [2, 3];
    expect(await csv(text)).toEqual({
      records: [route("t.csv", lines[0], "GET", "/a", { notes: "x" }), route("t.csv", lines[1], "GET", "/b", { notes: "y" })],
      issues: [],
    });
  });

  test('quoted fields: commas, "" escapes, line breaks (CRLF kept as LF); the next record names its own line', async () => {
    const text = 'path,notes,owner\r\n"/a","one, two",x\r\n/b,"say ""hi""\r\nthen\r\n\r\nleave",y\r\n/c,"",z\r\n';
    expect(await csv(text)).toEqual({
      records: [
        route("t.csv", 2, "GET", "/a", { notes: "one, two", owner: "x" }),
        route("t.csv", 3, "GET", "/b", { notes: 'say "hi"\nthen\n\nleave', owner: "y" }),
        route("t.csv", 7, "GET", "/c", { owner: "z" }),
      ],
      issues: [],
    });
  });

  test("a quote inside an unquoted field, or text after a closing quote, is kept as it is", async () => {
    expect((await csv('path,notes\n/a,5" floppy\n')).records).toEqual([route("t.csv", 2, "GET", "/a", { notes: '5" floppy' })]);
    expect((await csv('path,notes\n/a,"quoted"junk\n')).records).toEqual([route("t.csv", 2, "GET", "/a", { notes: '"quoted"junk' })]);
  });

  test.each([
    ['path,notes\n/a,"never closed\n/b,x\n', error(2, "a quoted field starting on line 2 is never closed")],
    ['path,notes\n/a,x\n\n\n/b,"never closed\n\n/c,x\n', error(5, "a quoted field starting on line 5 is never closed")],
  ])("a broken quote stops the file: %j", async (text, issue) => {
    expect(await csv(text)).toEqual({ records: [], issues: [issue] });
  });

  test("a row with the wrong number of fields names its line; a trailing comma counts as a field", async () => {
    expect(await csv("method,path\nGET,/a,\nGET\nGET,/b\n")).toEqual({
      records: [route("t.csv", 4, "GET", "/b")],
      issues: [error(2, "has 3 fields, the header has 2"), error(3, "has 1 fields, the header has 2")],
    });
  });
});

describe("CSV tables: fields", () => {
  const one = (column: string, value: string, kind: ItemKindName = "ROUTE") =>
    csv(`${kind === "DEPENDENCY" ? "name" : "path"},${column}\n${kind === "DEPENDENCY" ? "x" : "/x"},"${value}"\n`, kind);
  const fieldOf = async (column: string, value: string, kind: ItemKindName = "ROUTE") => {
    const result = await one(column, value, kind);
    expect(result.issues).toEqual([]);
    const { method: _m, path: _p, name: _n, ...rest } = result.records[0].fields;
    return { ...rest, ...(result.records[0].uses ? { uses: result.records[0].uses } : {}) };
  };

  test.each([
    ["complexity", "1", { complexity: 1 }],
    ["complexity", " 5 ", { complexity: 5 }],
    ["traffic_per_day", "0", { trafficPerDay: 0 }],
    ["traffic_per_day", "1,234,567", { trafficPerDay: 1234567 }],
    ["traffic_per_day", "12_345", { trafficPerDay: 12345 }],
    ["size", "007", { size: 7 }],
    ["test_coverage", "None", { testCoverage: 0 }],
    ["test_coverage", "SOME", { testCoverage: 40 }],
    ["test_coverage", "good", { testCoverage: 80 }],
    ["test_coverage", "0", { testCoverage: 0 }],
    ["test_coverage", "100%", { testCoverage: 100 }],
    ["test_coverage", "72.6 %", { testCoverage: 73 }],
    ["served_by", "Shadow", { servedBy: "SHADOW" }],
    ["owner", "  Team Payments ", { owner: "Team Payments" }],
    ["links", "https://a.test/1; https://a.test/2;https://a.test/1", { links: ["https://a.test/1", "https://a.test/2"] }],
    ["modules", "app/a.py; app/b.py;;", { uses: ["app/a.py", "app/b.py"] }],
  ])("%s %j", async (column, value, fields) => {
    expect(await fieldOf(column, value)).toEqual(fields);
  });

  test.each([
    ["not started", "NOT_STARTED"],
    ["Not_Started", "NOT_STARTED"],
    ["NOT-STARTED", "NOT_STARTED"],
    ["in progress", "IN_PROGRESS"],
    ["IN_PROGRESS", "IN_PROGRESS"],
    ["Ported", "PORTED"],
    ["verified", "VERIFIED"],
    ["RETIRED", "RETIRED"],
    ["won't port", "WONT_PORT"],
    ["Won’t port", "WONT_PORT"],
    ["wont_port", "WONT_PORT"],
    ["wont port", "WONT_PORT"],
  ])("status %j → %s", async (value, status) => {
    expect(await fieldOf("status", value)).toEqual({ status });
  });

  test.each([
    ["unknown", "UNKNOWN"],
    ["Compatible", "COMPATIBLE"],
    ["upgrade needed", "UPGRADE_NEEDED"],
    ["UPGRADE_NEEDED", "UPGRADE_NEEDED"],
    ["replace", "REPLACE"],
    ["Replace with", "REPLACE"],
    ["remove", "REMOVE"],
    ["done", "COMPATIBLE"], // the old word for a dependency that works on the new stack
  ])("readiness %j → %s", async (value, readiness) => {
    expect(await fieldOf("readiness", value, "DEPENDENCY")).toEqual({ readiness });
  });

  test("a module's dependencies are lower-cased, like the dependency keys they point to", async () => {
    expect(await fieldOf("dependencies", "Django;PyYAML", "MODULE")).toEqual({ uses: ["django", "pyyaml"] });
  });

  test.each([
    ["complexity", "0", 'complexity must be a whole number from 1 to 5, not "0"'],
    ["complexity", "2.5", 'complexity must be a whole number from 1 to 5, not "2.5"'],
    ["complexity", "high", 'complexity must be a whole number from 1 to 5, not "high"'],
    ["size", "1.5", 'size must be a whole number of 0 or more (digits, optionally grouped as 12,345), not "1.5"'],
    ["size", "1,23", 'size must be a whole number of 0 or more (digits, optionally grouped as 12,345), not "1,23"'],
    ["traffic_per_day", "12 345", 'traffic_per_day must be a whole number of 0 or more (digits, optionally grouped as 12,345), not "12 345"'],
    [
      "traffic_per_day",
      "99999999999999999999",
      'traffic_per_day must be a whole number of 0 or more (digits, optionally grouped as 12,345), not "99999999999999999999"',
    ],
    ["test_coverage", "-5%", 'test_coverage must be none, some, good or a percentage from 0 to 100, not "-5%"'],
    ["served_by", "both", 'unknown served_by "both" (expected one of: legacy, new, shadow)'],
    ["status", "finished", `unknown status "finished" (expected one of: not started, in progress, ported, verified, retired, won't port)`],
    ["method", "GET|FETCH", 'unknown method "FETCH" (expected one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY)'],
  ])("%s %j is an error", async (column, value, message) => {
    expect(await one(column, value)).toEqual({ records: [], issues: [error(2, message, column)] });
  });

  test("readiness outside the list is an error", async () => {
    expect(await one("readiness", "maybe", "DEPENDENCY")).toEqual({
      records: [],
      issues: [error(2, 'unknown readiness "maybe" (expected one of: unknown, compatible, upgrade needed, replace, remove, done)', "readiness")],
    });
  });

  test("methods: several per row, separated by | or , in any case, duplicates once; GET without a method column", async () => {
    expect((await csv('method,path\n"get, Post|GET",/a\n,/b\n')).records).toEqual([
      route("t.csv", 2, "GET", "/a"),
      route("t.csv", 2, "POST", "/a"),
      route("t.csv", 3, "GET", "/b"),
    ]);
    expect((await csv("path\n/c\n")).records).toEqual([route("t.csv", 2, "GET", "/c")]);
  });

  test("an empty cell leaves the field out, so it never overwrites the inventory", async () => {
    expect((await csv("path,owner,complexity,notes,modules,links\n/a,,, ,,\n")).records).toEqual([route("t.csv", 2, "GET", "/a")]);
  });

  test("keys: the same route written two ways, the same module, the same dependency in another case", async () => {
    expect((await csv("method,path\nGET,/users/:id/\nget,users/{id}\n")).issues).toEqual([error(3, 'duplicate route "GET /users/<id>" (also on line 2)')]);
    expect((await csv("method,path\nGET,/users/:id\nPOST,/users/:id\n")).issues).toEqual([]);
    expect((await csv("path\napp/a.py\napp/a.py\n", "MODULE")).issues).toEqual([error(3, 'duplicate module "app/a.py" (also on line 2)')]);
    expect((await csv("name\nDjango\ndjango\n", "DEPENDENCY")).issues).toEqual([error(3, 'duplicate dependency "django" (also on line 2)')]);
  });
});

describe("JSON tables", () => {
  test("routes.json: camelCase or snake_case keys, arrays for methods, links and modules, null and empty strings not set", async () => {
    expect(await parseJsonTable(fixture("routes.json"), "ROUTE")).toEqual({
      records: [
        route(
          "routes.json",
          2,
          "GET",
          "/products/<slug>",
          {
            handler: "ProductController@show",
            trafficPerDay: 25000,
            complexity: 2,
            testCoverage: 80,
            status: "PORTED",
            servedBy: "NEW",
            links: ["https://jira.acme.test/browse/MIG-7"],
          },
          ["app/Http/Controllers/ProductController.php"],
        ),
        route("routes.json", 14, "POST", "/cart/items/<id>", { handler: "CartController@store", trafficPerDay: 3400 }),
        route("routes.json", 14, "PUT", "/cart/items/<id>", { handler: "CartController@store", trafficPerDay: 3400 }),
      ],
      issues: [],
    });
  });

  test("inventory.json: every kind in one file", async () => {
    const f = "inventory.json";
    expect(await parseJsonInventory(fixture(f))).toEqual({
      records: [
        route(f, 3, "GET", "/orders", { handler: "orders#index", complexity: 2, status: "IN_PROGRESS" }),
        route(f, 4, "GET", "/orders/<id>", { handler: "orders#show" }, ["app/controllers/orders_controller.rb"]),
        route(f, 4, "HEAD", "/orders/<id>", { handler: "orders#show" }, ["app/controllers/orders_controller.rb"]),
        {
          kind: "MODULE",
          file: f,
          line: 7,
          key: "app/controllers/orders_controller.rb",
          fields: { path: "app/controllers/orders_controller.rb", size: 412, owner: "checkout" },
          uses: ["devise", "pg"],
        },
        {
          kind: "DEPENDENCY",
          file: f,
          line: 15,
          key: "devise",
          fields: { name: "devise", currentVersion: "4.9.3", targetVersion: "4.9.3", readiness: "COMPATIBLE" },
        },
        {
          kind: "DEPENDENCY",
          file: f,
          line: 16,
          key: "sprockets-rails",
          fields: { name: "sprockets-rails", currentVersion: "3.4.2", readiness: "REPLACE", replacement: "propshaft" },
        },
      ],
      issues: [],
    });
  });

  test("numbers may be JSON numbers or text; a field error names the line of the key", async () => {
    const text = '[\n  {\n    "path": "/a",\n    "complexity": 9,\n    "size": "1,024",\n    "notes": true\n  }\n]';
    expect(await parseJsonTable({ path: "t.json", text }, "ROUTE")).toEqual({
      records: [],
      issues: [
        error(4, 'complexity must be a whole number from 1 to 5, not "9"', "complexity", "t.json"),
        error(6, "notes must be text or a number, not a boolean", "notes", "t.json"),
      ],
    });
  });

  test("rows that are not objects, a required field missing, a key given twice in two spellings, unknown keys", async () => {
    const text = [
      "[",
      '  "GET /a",',
      '  { "method": "GET" },',
      '  { "path": "/b", "servedBy": "new", "served_by": "legacy" },',
      '  { "path": "/c", "priority": 1, "Team": "x" },',
      '  { "path": "/d", "priority": 2, "links": [1, {"u": 2}] }',
      "]",
    ].join("\n");
    expect(await parseJsonTable({ path: "t.json", text }, "ROUTE")).toEqual({
      records: [route("t.json", 5, "GET", "/c")],
      issues: [
        error(2, "expected an object for each route, found a string", undefined, "t.json"),
        error(3, '"path" is missing', "path", "t.json"),
        error(4, '"served_by" is given twice (as "servedBy" and "served_by")', "served_by", "t.json"),
        { file: "t.json", line: 5, message: 'unknown fields ignored: "priority", "team"', severity: "warning" },
        error(6, "links must be a list of text, not an object items", "links", "t.json"),
      ],
    });
  });

  test("duplicate keys across rows name both lines", async () => {
    expect((await json([{ name: "Rails" }, { name: "rails" }], "DEPENDENCY")).issues).toEqual([
      error(5, 'duplicate dependency "rails" (also on line 2)', undefined, "t.json"),
    ]);
  });

  test.each([
    ["not JSON", "method,path\nGET,/\n", error(1, 'not valid JSON: unexpected "m" (column 1)', undefined, "t.json")],
    ["an object without routes", '{"rows": []}', error(1, 'expected an array of objects, or an object with "routes"', undefined, "t.json")],
    ["an empty array", "[]", error(1, "no rows", undefined, "t.json")],
    ["routes that is not an array", '{\n  "routes": {"path": "/"}\n}', error(2, '"routes" must be an array of objects', undefined, "t.json")],
  ])("%s → an error", async (_, text, issue) => {
    expect(await parseJsonTable({ path: "t.json", text }, "ROUTE")).toEqual({ records: [], issues: [issue] });
  });

  test("the inventory form given as a table: the kind's section is read, the others are named as ignored", async () => {
    expect(await json({ routes: [{ path: "/a" }], modules: [{ path: "a.py" }], dependencies: [] })).toEqual({
      records: [route("t.json", 3, "GET", "/a")],
      issues: [
        {
          file: "t.json",
          line: 1,
          severity: "warning",
          message: 'only "routes" is read here; "modules" ignored (import the file as an inventory to read every section)',
        },
      ],
    });
  });

  test.each([
    ["an array", "[]", [error(1, 'expected an object with "routes", "modules" and/or "dependencies"', undefined, "i.json")]],
    [
      "no known section",
      '{\n  "pages": []\n}',
      [
        { file: "i.json", line: 2, message: 'unknown sections ignored: "pages"', severity: "warning" },
        error(1, 'expected an object with "routes", "modules" and/or "dependencies"', undefined, "i.json"),
      ],
    ],
    ["only empty sections", '{"routes": [], "modules": []}', [error(1, "no rows", undefined, "i.json")]],
    [
      "a section that is not an array",
      '{\n  "routes": [{"path": "/"}],\n  "modules": "app.py"\n}',
      [error(3, '"modules" must be an array of objects', undefined, "i.json")],
    ],
  ])("inventory: %s", async (_, text, issues) => {
    const result = await parseJsonInventory({ path: "i.json", text });
    expect(result.issues).toEqual(issues);
  });
});

describe("normalizeRoutePattern", () => {
  test.each([
    ["/", "/"],
    ["", "/"],
    ["users", "/users"],
    ["/users/", "/users"],
    ["//users//list/", "/users/list"],
    ["/users/:id", "/users/<id>"],
    ["/users/:id?", "/users/<id>"],
    ["/users/:user_id/posts/:postId", "/users/<user_id>/posts/<postId>"],
    ["/files/:name.:ext", "/files/<name>.<ext>"],
    ["/flights/:from-:to", "/flights/<from>-<to>"],
    ["/items/:id(\\d+)", "/items/<int:id>"],
    ["/items/:id([a-z]+)", "/items/<id>"],
    ["/users/{id}", "/users/<id>"],
    ["/users/{id?}", "/users/<id>"],
    ["/files/{file_path:path}", "/files/<path:file_path>"],
    ["/items/{item_id:int}", "/items/<int:item_id>"],
    ["/items/{name:str}", "/items/<string:name>"],
    ["/orders/{id:guid}", "/orders/<uuid:id>"],
    ["/years/{year:[0-9]+}", "/years/<int:year>"],
    ["/users/<int:id>", "/users/<int:id>"],
    ["/users/<id>", "/users/<id>"],
    ["/blog/<slug:slug>/", "/blog/<slug:slug>"],
    ["/x/<str:name>", "/x/<string:name>"],
    ["/lang/<any(en, fr):lang>", "/lang/<lang>"],
    ["/docs/*path", "/docs/<path:path>"],
    ["/users/:id(.:format)", "/users/<id>"],
    ["/posts(/:page)", "/posts/<page>"],
    ["/search?q=shoes&page=2", "/search"],
    ["/about#team", "/about"],
    ["https://legacy.example.com/users/:id?tab=1", "/users/<id>"],
    ["/v1/projects:list", "/v1/projects:list"],
    ["/User/Settings", "/User/Settings"],
    ["^archive/(?P<year>[0-9]{4})/$", "^/archive/(?P<year>[0-9]{4})/$"],
    ["^/archive/$", "^/archive/$"],
  ])("%j → %j", async (input, expected) => {
    expect(normalizeRoutePattern(input)).toBe(expected);
    // The inventory re-normalises stored patterns: a canonical pattern must come back unchanged.
    expect(normalizeRoutePattern(expected)).toBe(expected);
  });
});
