// Over 400 lines: CSV and JSON are brought to one row shape and checked by one set of column rules; splitting would separate the rules from the shape.
import { HTTP_METHODS } from "@/lib/inventory/http-methods";
/**
 * Inventory tables: CSV (RFC 4180) or JSON, one row per route, module or dependency.
 *
 * Both formats are first brought to the same shape — rows of cells keyed by the documented
 * column name, each cell with its line — and then validated by one set of rules, so a CSV and a
 * JSON file saying the same thing give the same records and the same messages.
 *
 * A row with any error gives no record (the import is rejected anyway, and a half-read row in
 * the preview would mislead); every error is reported, not just the first.
 */
import type { ItemKindName, ParseIssue, ParseResult, PortStatusName, ReadinessName, ServedByName, SourceFile, TableRecord } from "../types";
import { jsonSyntaxIssue, parseJsonWithLines } from "../text";
import { normalizeRoutePattern } from "./route-pattern-normalize";
import { isSafeLink, LINK_RULE, MAX_LINKS } from "@/lib/validation/links";
import { readCsv } from "./csv-reader";
import { MAX_CELL_CHARS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from "./table-limits";
import { yieldToEventLoop } from "@/lib/event-loop";

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

const COLUMNS: Record<ItemKindName, readonly string[]> = {
  ROUTE: [
    "method",
    "path",
    "handler",
    "module",
    "traffic_per_day",
    "complexity",
    "size",
    "test_coverage",
    "owner",
    "status",
    "status_reason",
    "served_by",
    "notes",
    "links",
    "modules",
  ],
  MODULE: ["path", "size", "complexity", "test_coverage", "owner", "status", "status_reason", "notes", "links", "dependencies"],
  DEPENDENCY: ["name", "current_version", "target_version", "readiness", "replacement", "owner", "notes", "links"],
};
const REQUIRED: Record<ItemKindName, string> = { ROUTE: "path", MODULE: "path", DEPENDENCY: "name" };
const NOUN: Record<ItemKindName, string> = { ROUTE: "route", MODULE: "module", DEPENDENCY: "dependency" };
const SECTIONS: Record<string, ItemKindName> = { routes: "ROUTE", modules: "MODULE", dependencies: "DEPENDENCY" };

/** Free-text columns and the field each fills. */
const TEXT_FIELDS: Record<string, "handler" | "module" | "owner" | "statusReason" | "notes" | "currentVersion" | "targetVersion" | "replacement"> = {
  handler: "handler",
  module: "module",
  owner: "owner",
  status_reason: "statusReason",
  notes: "notes",
  current_version: "currentVersion",
  target_version: "targetVersion",
  replacement: "replacement",
};

const METHODS: readonly string[] = HTTP_METHODS;

/** Spellings people use, after lower-casing, dropping apostrophes and turning "_"/"-"/spaces into one space. */
const STATUS: Record<string, PortStatusName> = {
  "not started": "NOT_STARTED",
  "in progress": "IN_PROGRESS",
  ported: "PORTED",
  verified: "VERIFIED",
  retired: "RETIRED",
  "wont port": "WONT_PORT",
};
const STATUS_NAMES = "not started, in progress, ported, verified, retired, won't port";
const SERVED_BY: Record<string, ServedByName> = { legacy: "LEGACY", new: "NEW", shadow: "SHADOW" };
const READINESS: Record<string, ReadinessName> = {
  unknown: "UNKNOWN",
  compatible: "COMPATIBLE",
  "upgrade needed": "UPGRADE_NEEDED",
  replace: "REPLACE",
  "replace with": "REPLACE",
  remove: "REMOVE",
  // "Done" was a readiness once; it means the dependency works on the new stack (and so is ported).
  done: "COMPATIBLE",
};
const READINESS_NAMES = "unknown, compatible, upgrade needed, replace, remove, done";
const COVERAGE_WORDS: Record<string, number> = { none: 0, some: 40, good: 80 };

/** "Traffic Per Day", "traffic-per-day", "trafficPerDay" → "traffic_per_day". */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

type Cell = { value: unknown; line: number };
type Row = { line: number; cells: Map<string, Cell> };

export async function parseCsvTable(file: SourceFile, kind: ItemKindName): Promise<ParseResult<TableRecord>> {
  const issues: ParseIssue[] = [];
  const fail = (message: string, line?: number, field?: string): ParseResult<TableRecord> => {
    issues.push(issue(file.path, message, "error", line, field));
    return { records: [], issues };
  };

  const csv = await readCsv(file.text);
  if (!csv.ok) return fail(csv.message, csv.line);
  if (!csv.rows.length) return fail("no rows");

  const [header, ...body] = csv.rows;
  // Hand-typed headers vary in case and separators; Excel's "Traffic Per Day" is traffic_per_day.
  const names = header.cells.map((raw) => normalizeColumnName(raw));
  const known = new Set(COLUMNS[kind]);
  const unknown = [...new Set(names.filter((n) => !known.has(n)))];
  if (unknown.length) {
    issues.push(issue(file.path, `unknown columns ignored: ${unknown.map((n) => `"${n}"`).join(", ")}`, "warning", header.line));
  }
  let headerOk = true;
  // One pass with a map (a search per column was quadratic: 10 s for 100,000 columns).
  const firstIndex = new Map<string, number>();
  const reported = new Set<string>();
  names.forEach((name, index) => {
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else if (known.has(name) && !reported.has(name)) {
      reported.add(name);
      issues.push(issue(file.path, `column "${name}" appears more than once (columns ${first + 1} and ${index + 1})`, "error", header.line, name));
      headerOk = false;
    }
  });
  const required = REQUIRED[kind];
  if (!firstIndex.has(required)) {
    // One column whose name holds ";" or a tab: the file was saved with another separator.
    const hint = header.cells.length === 1 && /[;\t]/.test(header.cells[0]) ? " (only commas separate columns here)" : "";
    issues.push(issue(file.path, `missing required column "${required}"${hint}`, "error", header.line, required));
    headerOk = false;
  }
  if (!headerOk) return { records: [], issues };

  const rows: Row[] = [];
  // Spreadsheets export their formatted-but-empty rows as ",,,,": nothing to read there.
  const filled = body.filter(({ cells }) => cells.some((c) => c.trim() !== ""));
  if (!filled.length) return fail("no rows", header.line);
  for (const { line, cells } of filled) {
    if (cells.length !== names.length) {
      issues.push(issue(file.path, `has ${cells.length} fields, the header has ${names.length}`, "error", line));
      continue;
    }
    const row: Row = { line, cells: new Map() };
    names.forEach((name, index) => {
      if (known.has(name)) row.cells.set(name, { value: cells[index], line });
    });
    rows.push(row);
  }
  const records = await buildRecords(file.path, kind, rows, issues);
  return { records, issues: byLine(issues) };
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/**
 * An array of row objects. The inventory form `{ "routes": [...], ... }` is read too, taking the
 * section of this kind (with a warning when other sections are left unread).
 */
export async function parseJsonTable(file: SourceFile, kind: ItemKindName): Promise<ParseResult<TableRecord>> {
  const issues: ParseIssue[] = [];
  const json = parseJsonWithLines(file.text.replace(/^\uFEFF/, ""));
  if (!json.ok) return { records: [], issues: [jsonSyntaxIssue(file.path, json)] };

  let rows: unknown = json.value;
  const section = Object.keys(SECTIONS).find((s) => SECTIONS[s] === kind)!;
  if (isObject(rows) && section in rows) {
    const root = rows;
    const others = Object.keys(SECTIONS).filter((s) => s !== section && isNonEmptyArray(root[s]));
    if (others.length) {
      const ignored = others.map((s) => `"${s}"`).join(" and ");
      issues.push(issue(file.path, `only "${section}" is read here; ${ignored} ignored (import the file as an inventory to read every section)`, "warning", 1));
    }
    const line = json.lineOf(root, section);
    rows = root[section];
    if (!Array.isArray(rows)) {
      issues.push(issue(file.path, `"${section}" must be an array of objects`, "error", line));
      return { records: [], issues };
    }
  }
  if (!Array.isArray(rows)) {
    issues.push(issue(file.path, `expected an array of objects, or an object with "${section}"`, "error", 1));
    return { records: [], issues };
  }
  if (!rows.length) {
    issues.push(issue(file.path, "no rows", "error", 1));
    return { records: [], issues };
  }
  if (rows.length > MAX_TABLE_ROWS) return { records: [], issues: [...issues, tooManyRows(file.path, json.lineOf(rows, MAX_TABLE_ROWS))] };
  const records = await jsonRows(file.path, kind, rows, json.lineOf, issues);
  return { records, issues: byLine(issues) };
}

/** `{ "routes": [...], "modules": [...], "dependencies": [...] }`: every kind in one file. */
export async function parseJsonInventory(file: SourceFile): Promise<ParseResult<TableRecord>> {
  const issues: ParseIssue[] = [];
  const json = parseJsonWithLines(file.text.replace(/^\uFEFF/, ""));
  if (!json.ok) return { records: [], issues: [jsonSyntaxIssue(file.path, json)] };
  const root = json.value;
  const expected = `expected an object with "routes", "modules" and/or "dependencies"`;
  if (!isObject(root)) return { records: [], issues: [issue(file.path, expected, "error", 1)] };

  const unknown = Object.keys(root).filter((k) => !(k in SECTIONS));
  if (unknown.length) {
    issues.push(issue(file.path, `unknown sections ignored: ${unknown.map((k) => `"${k}"`).join(", ")}`, "warning", json.lineOf(root, unknown[0])));
  }
  const present = Object.keys(SECTIONS).filter((s) => s in root);
  if (!present.length) return { records: [], issues: [...issues, issue(file.path, expected, "error", 1)] };

  const records: TableRecord[] = [];
  let rowCount = 0;
  for (const section of present) {
    const rows = root[section];
    if (!Array.isArray(rows)) {
      issues.push(issue(file.path, `"${section}" must be an array of objects`, "error", json.lineOf(root, section)));
      continue;
    }
    if (rowCount + rows.length > MAX_TABLE_ROWS) {
      return { records: [], issues: [...issues, tooManyRows(file.path, json.lineOf(rows, MAX_TABLE_ROWS - rowCount))] };
    }
    rowCount += rows.length;
    // A loop, not push(...rows): spreading 100,000 arguments overflows the call stack.
    for (const record of await jsonRows(file.path, SECTIONS[section], rows, json.lineOf, issues)) records.push(record);
  }
  if (rowCount === 0 && !issues.some((i) => i.severity === "error")) issues.push(issue(file.path, "no rows", "error", 1));
  return { records, issues: byLine(issues) };
}

async function jsonRows(
  file: string,
  kind: ItemKindName,
  items: unknown[],
  lineOf: (container: object, key: string | number) => number | undefined,
  issues: ParseIssue[],
): Promise<TableRecord[]> {
  const known = new Set(COLUMNS[kind]);
  const unknown = new Map<string, number>();
  const rows: Row[] = [];
  items.forEach((item, index) => {
    const line = lineOf(items, index) ?? 1;
    if (!isObject(item)) {
      issues.push(issue(file, `expected an object for each ${NOUN[kind]}, found ${describeJson(item)}`, "error", line));
      return;
    }
    const entries = Object.entries(item);
    if (entries.length > MAX_TABLE_COLUMNS) {
      issues.push(issue(file, `has ${entries.length} fields; the limit is ${MAX_TABLE_COLUMNS}`, "error", line));
      return;
    }
    const row: Row = { line, cells: new Map() };
    const spelledAs = new Map<string, string>();
    let ok = true;
    for (const [key, value] of entries) {
      const name = normalizeColumnName(key);
      const cellLine = lineOf(item, key) ?? line;
      if (!known.has(name)) {
        if (!unknown.has(name)) unknown.set(name, cellLine);
        continue;
      }
      const earlier = spelledAs.get(name);
      if (earlier !== undefined) {
        issues.push(issue(file, `"${name}" is given twice (as "${earlier}" and "${key}")`, "error", cellLine, name));
        ok = false;
      }
      spelledAs.set(name, key);
      row.cells.set(name, { value, line: cellLine });
    }
    if (ok) rows.push(row);
  });
  if (unknown.size) {
    const names = [...unknown.keys()].map((n) => `"${n}"`).join(", ");
    issues.push(issue(file, `unknown fields ignored: ${names}`, "warning", [...unknown.values()][0]));
  }
  return buildRecords(file, kind, rows, issues);
}

// ---------------------------------------------------------------------------------------------
// Rows → records (shared by CSV and JSON)
// ---------------------------------------------------------------------------------------------

/** Rows validated between two turns of the event loop (a few milliseconds of work). */
const ROWS_PER_TURN = 2000;

async function buildRecords(file: string, kind: ItemKindName, rows: Row[], issues: ParseIssue[]): Promise<TableRecord[]> {
  const records: TableRecord[] = [];
  const keyLines = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await yieldToEventLoop();
    const read = readRow(file, kind, row, issues);
    for (const record of read) {
      const earlier = keyLines.get(record.key);
      if (earlier !== undefined) {
        issues.push(issue(file, `duplicate ${NOUN[kind]} "${record.key}" (also on line ${earlier})`, "error", row.line));
        continue;
      }
      keyLines.set(record.key, row.line);
      records.push(record);
    }
  }
  return records;
}

/** The records of one row: none when a cell is wrong, one per method for a multi-method route. */
function readRow(file: string, kind: ItemKindName, row: Row, issues: ParseIssue[]): TableRecord[] {
  const fields: TableRecord["fields"] = {};
  let uses: string[] | undefined;
  let methods = ["GET"];
  let ok = true;
  const error = (column: string, line: number, message: string) => {
    issues.push(issue(file, message, "error", line, column));
    ok = false;
  };

  const required = REQUIRED[kind];
  const requiredCell = row.cells.get(required);
  if (!requiredCell || isEmpty(requiredCell.value)) {
    error(required, requiredCell?.line ?? row.line, `"${required}" is ${requiredCell ? "empty" : "missing"}`);
  }

  for (const [column, { value, line }] of row.cells) {
    if (isEmpty(value)) continue; // an empty cell is "not set": it must not overwrite the inventory
    const size = textSize(value);
    if (size > MAX_CELL_CHARS) {
      error(column, line, `is ${size.toLocaleString("en")} characters long; the limit is ${MAX_CELL_CHARS.toLocaleString("en")}`);
      continue;
    }
    const result = readCell(column, value);
    if ("error" in result) {
      error(column, line, result.error);
      continue;
    }
    const v = result.value;
    if (column === "method") methods = v as string[];
    else if (column === "path") fields.path = kind === "ROUTE" ? normalizeRoutePattern(v as string) : (v as string);
    else if (column === "name") fields.name = v as string;
    else if (column in TEXT_FIELDS) fields[TEXT_FIELDS[column]] = v as string;
    else if (column === "traffic_per_day") fields.trafficPerDay = v as number;
    else if (column === "complexity") fields.complexity = v as number;
    else if (column === "size") fields.size = v as number;
    else if (column === "test_coverage") fields.testCoverage = v as number;
    else if (column === "status") fields.status = v as PortStatusName;
    else if (column === "served_by") fields.servedBy = v as ServedByName;
    else if (column === "readiness") fields.readiness = v as ReadinessName;
    else if (column === "links") fields.links = v as string[];
    else if (column === "modules") uses = v as string[];
    // A dependency's key is its lower-cased name, so a module's references to it are too.
    else if (column === "dependencies") uses = (v as string[]).map((d) => d.toLowerCase());
  }
  if (!ok) return [];

  const base = { kind, file, line: row.line, ...(uses ? { uses } : {}) };
  if (kind === "ROUTE") {
    return methods.map((method) => ({ ...base, key: `${method} ${fields.path}`, fields: { method, ...fields } }));
  }
  const key = kind === "MODULE" ? fields.path! : fields.name!.toLowerCase();
  return [{ ...base, key, fields }];
}

type CellResult = { value: string | number | string[] } | { error: string };

function readCell(column: string, raw: unknown): CellResult {
  if (column === "links" || column === "modules" || column === "dependencies") return readList(column, raw);
  if (column === "method" && Array.isArray(raw)) return readMethods(raw);
  if (typeof raw !== "string" && typeof raw !== "number") return { error: `${column} must be text or a number, not ${describeJson(raw)}` };
  const text = String(raw).trim();

  switch (column) {
    case "method":
      return readMethods(text.split(/[|,]/));
    case "path":
    case "name":
      return { value: text };
    case "complexity": {
      const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
      return n >= 1 && n <= 5 ? { value: n } : { error: `complexity must be a whole number from 1 to 5, not "${text}"` };
    }
    case "traffic_per_day":
    case "size": {
      // Digits, optionally in groups of three ("12,345", "12_345"); "12,5" is refused, not read as 125.
      const n = /^[0-9]+$|^[0-9]{1,3}(?:,[0-9]{3})+$|^[0-9]{1,3}(?:_[0-9]{3})+$/.test(text) ? Number(text.replace(/[,_]/g, "")) : NaN;
      return Number.isSafeInteger(n)
        ? { value: n }
        : { error: `${column} must be a whole number of 0 or more (digits, optionally grouped as 12,345), not "${text}"` };
    }
    case "test_coverage": {
      const word = COVERAGE_WORDS[text.toLowerCase()];
      if (word !== undefined) return { value: word };
      const percent = /^([0-9]+(?:\.[0-9]+)?)\s*%?$/.exec(text);
      const n = percent ? Number(percent[1]) : NaN;
      return n <= 100 ? { value: Math.round(n) } : { error: `test_coverage must be none, some, good or a percentage from 0 to 100, not "${text}"` };
    }
    case "status":
      return readEnum(column, text, STATUS, STATUS_NAMES);
    case "served_by":
      return readEnum(column, text, SERVED_BY, "legacy, new, shadow");
    case "readiness":
      return readEnum(column, text, READINESS, READINESS_NAMES);
    default:
      return { value: text };
  }
}

function readMethods(parts: unknown[]): CellResult {
  const methods: string[] = [];
  for (const part of parts) {
    const method = typeof part === "string" ? part.trim().toUpperCase() : "";
    if (!METHODS.includes(method)) {
      return { error: `unknown method ${JSON.stringify(typeof part === "string" ? part.trim() : part)} (expected one of: ${METHODS.join(", ")})` };
    }
    if (!methods.includes(method)) methods.push(method);
  }
  return { value: methods };
}

function readEnum(column: string, text: string, values: Record<string, string>, names: string): CellResult {
  const normalized = text
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[\s_-]+/g, " ")
    .trim();
  const value = values[normalized];
  return value ? { value } : { error: `unknown ${column} "${text}" (expected one of: ${names})` };
}

/** ";"-separated text (CSV) or an array of text (JSON); links may also be separated by spaces. */
function readList(column: string, raw: unknown): CellResult {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === "string") items = raw.split(column === "links" ? /[;\s]+/ : /[;\n]/);
  else return { error: `${column} must be a list, not ${describeJson(raw)}` };
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== "string" && typeof item !== "number") return { error: `${column} must be a list of text, not ${describeJson(item)} items` };
    const value = String(item).trim();
    if (value && !out.includes(value)) out.push(value);
  }
  if (column === "links") {
    // The app's one link rule, as the item form and the API apply it.
    const bad = out.find((link) => !isSafeLink(link));
    if (bad !== undefined) return { error: `${JSON.stringify(bad.slice(0, 100))} is not a link: ${LINK_RULE}` };
    if (out.length > MAX_LINKS) return { error: `at most ${MAX_LINKS} links, not ${out.length}` };
  }
  return { value: out };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function tooManyRows(file: string, line: number | undefined): ParseIssue {
  return issue(file, `has more than ${MAX_TABLE_ROWS.toLocaleString("en")} rows; split it into several imports`, "error", line ?? 1);
}

/** The characters of a cell: its text, or the texts of a list added up. */
function textSize(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + (typeof v === "string" ? v.length : 0), 0);
  return 0;
}

/** Issues in file order (a stable sort: the issues of one line keep the order of the columns). */
function byLine(issues: ParseIssue[]): ParseIssue[] {
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

function isNonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function issue(file: string, message: string, severity: ParseIssue["severity"], line?: number, field?: string): ParseIssue {
  return { file, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}), message, severity };
}
