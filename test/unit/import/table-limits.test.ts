import { describe, expect, test } from "vitest";
import { parseCsvTable, parseJsonInventory, parseJsonTable } from "@/lib/import/parsers/table";
import { MAX_CELL_CHARS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from "@/lib/import/parsers/table-limits";

const csv = (text: string) => parseCsvTable({ path: "t.csv", text }, "MODULE");
const errors = (result: { issues: { severity: string }[] }) => result.issues.filter((i) => i.severity === "error");

describe("table limits: refused early with a clear message, never a stall or a crash", () => {
  test("21.11 One upload stalls the whole server: a 0.8 MB CSV with 100,000 columns is refused, naming the file, the line and the limit", async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",");
    const result = await csv(`${header}\n${"x,".repeat(99_999)}x\n`);
    expect(result.records).toEqual([]);
    expect(errors(result)).toEqual([{ file: "t.csv", line: 1, message: `has 100,000 columns; the limit is ${MAX_TABLE_COLUMNS}`, severity: "error" }]);
  });

  test("21.11 a data row with more fields than the column limit is refused by its line", async () => {
    const result = await csv(`path,notes\napp/a,x\n${"y,".repeat(MAX_TABLE_COLUMNS)}y\n`);
    expect(errors(result)).toEqual([
      { file: "t.csv", line: 3, message: `has ${MAX_TABLE_COLUMNS + 1} fields; the limit is ${MAX_TABLE_COLUMNS}`, severity: "error" },
    ]);
  });

  test("21.11 a CSV of more rows than the limit is refused at the first row past it", async () => {
    const result = await csv(`path\n${"app/a.py\n".repeat(MAX_TABLE_ROWS + 5)}`);
    expect(result.records).toEqual([]);
    expect(errors(result)).toEqual([
      {
        file: "t.csv",
        line: MAX_TABLE_ROWS + 2,
        message: `has more than ${MAX_TABLE_ROWS.toLocaleString("en")} rows; split it into several imports`,
        severity: "error",
      },
    ]);
  });

  test("21.11 a cell longer than the limit is an error naming its line and field; a cell at the limit is read", async () => {
    const ok = await csv(`path,notes\napp/a,${"n".repeat(MAX_CELL_CHARS)}\n`);
    expect(errors(ok)).toEqual([]);
    const long = await csv(`path,notes\napp/a,x\napp/b,"${"n".repeat(MAX_CELL_CHARS + 1)}"\n`);
    expect(errors(long)).toEqual([
      {
        file: "t.csv",
        line: 3,
        field: "notes",
        message: `is ${(MAX_CELL_CHARS + 1).toLocaleString("en")} characters long; the limit is ${MAX_CELL_CHARS.toLocaleString("en")}`,
        severity: "error",
      },
    ]);
    const json = parseJsonTable(
      { path: "t.json", text: JSON.stringify([{ path: "app/a" }, { path: "app/b", notes: "n".repeat(MAX_CELL_CHARS + 1) }]) },
      "MODULE",
    );
    expect(errors(await json)).toEqual([
      expect.objectContaining({ file: "t.json", line: 1, field: "notes", message: expect.stringContaining("the limit is") }),
    ]);
  });

  test("21.11 JSON tables: too many rows, or a row with too many keys, are refused", async () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => ({ path: `app/m${i}` }));
    const many = await parseJsonInventory({ path: "i.json", text: JSON.stringify({ modules: rows }) });
    expect(many.records).toEqual([]);
    expect(errors(many)).toEqual([
      { file: "i.json", line: 1, message: `has more than ${MAX_TABLE_ROWS.toLocaleString("en")} rows; split it into several imports`, severity: "error" },
    ]);
    const wide = Object.fromEntries(Array.from({ length: MAX_TABLE_COLUMNS + 1 }, (_, i) => [`k${i}`, "x"]));
    const result = await parseJsonTable({ path: "t.json", text: JSON.stringify([{ path: "app/a" }, { path: "app/b", ...wide }], null, 1) }, "MODULE");
    expect(errors(result)).toEqual([
      expect.objectContaining({ file: "t.json", message: `has ${MAX_TABLE_COLUMNS + 2} fields; the limit is ${MAX_TABLE_COLUMNS}` }),
    ]);
  });

  test("21.11 reading a big CSV lets other work run in between (it yields to the event loop)", async () => {
    let ran = 0;
    const tick = () => {
      ran++;
      if (ran < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    const rows = Array.from({ length: 20_000 }, (_, i) => `app/m${i}.py,${1 + (i % 5)},"a note, with a comma"`).join("\n");
    const result = await csv(`path,complexity,notes\n${rows}\n`);
    expect(result.records).toHaveLength(20_000);
    // Other callbacks ran while the file was read, not only after it.
    expect(ran).toBeGreaterThan(1);
  });
});
