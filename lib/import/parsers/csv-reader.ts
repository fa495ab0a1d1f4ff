/**
 * Reading CSV (RFC 4180) into rows of text cells with their lines, through the maintained
 * `csv-parse` package, within the table limits (table-limits.ts).
 *
 * - Linear in the size of the file, and it never holds the server: the text is fed to the parser
 *   in slices and the event loop gets a turn after each one, so other requests are answered while
 *   a big file is read.
 * - Refuses early: a header with more columns than the limit is refused before anything is
 *   parsed (a 0.8 MB file of 100,000 columns used to take 10 s), and reading stops at the first
 *   row past the row or column limit.
 * - Lenient where nothing is lost: a quote inside an unquoted field is kept as it is; CRLF, LF
 *   and lone CR all end a record (and become LF inside quoted fields); blank lines are skipped.
 */
import { CsvError, Parser } from "csv-parse";
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from "./table-limits";
import { yieldToEventLoop } from "@/lib/event-loop";

export type CsvRow = { line: number; cells: string[] };
export type CsvRead = { ok: true; rows: CsvRow[] } | { ok: false; message: string; line?: number };

/** Characters fed to the parser before the event loop gets a turn. */
const SLICE = 64 * 1024;
/** The longest record in bytes (a quote never closed would otherwise swallow the whole file). */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

const countLineBreaks = (s: string) => {
  let count = 0;
  for (let at = s.indexOf("\n"); at !== -1; at = s.indexOf("\n", at + 1)) count++;
  return count;
};

export async function readCsv(input: string, limits = { rows: MAX_TABLE_ROWS, columns: MAX_TABLE_COLUMNS }): Promise<CsvRead> {
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const wide = wideHeader(text, limits.columns);
  if (wide) return wide;

  const rows: CsvRow[] = [];
  let stop: { message: string; line: number } | null = null;
  let lastEnd = 0;
  const parser = new Parser({
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (cells: string[], context: { lines: number }) => {
      // `lines` is where the record ends; a quoted field may span lines.
      let breaks = 0;
      for (const cell of cells) if (cell.includes("\n")) breaks += countLineBreaks(cell);
      const line = context.lines - breaks;
      lastEnd = context.lines;
      if (stop) return null;
      if (cells.length === 1 && cells[0].trim() === "") return null; // a line of spaces
      if (cells.length > limits.columns) stop = { message: `has ${cells.length.toLocaleString("en")} fields; the limit is ${limits.columns}`, line };
      else if (rows.length > limits.rows) stop = { message: `has more than ${limits.rows.toLocaleString("en")} rows; split it into several imports`, line };
      else rows.push({ line, cells });
      return null; // collected here: nothing is buffered in the stream
    },
  });
  let failure: CsvError | Error | null = null;
  parser.on("error", (error) => {
    failure = error;
  });
  parser.resume();

  for (let at = 0; at < text.length && !stop && !failure;) {
    let end = Math.min(at + SLICE, text.length);
    // Never cut a surrogate pair in two: the parser encodes each slice as UTF-8 on its own.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    parser.write(text.slice(at, end));
    at = end;
    await yieldToEventLoop();
  }
  if (!stop && !failure) {
    await new Promise<void>((resolve) => {
      parser.once("end", resolve);
      parser.once("error", () => resolve());
      parser.end();
    });
  } else {
    parser.destroy();
  }
  if (stop) return { ok: false, ...(stop as { message: string; line: number }) };
  if (failure) return describeFailure(failure, text, lastEnd);
  return { ok: true, rows };
}

/**
 * A header with more columns than the limit, refused from its commas alone. When the header has
 * quotes (a quoted name may hold commas) the count is left to the parser, which is exact.
 */
function wideHeader(text: string, maxColumns: number): CsvRead | null {
  let start = 0;
  let line = 1;
  // The header is the first line that is not blank.
  for (;;) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    if (text.slice(start, Math.min(end, start + 1024)).trim() !== "" || nl === -1) break;
    start = nl + 1;
    line++;
  }
  const nl = text.indexOf("\n", start);
  const end = nl === -1 ? text.length : nl;
  let columns = 1;
  for (let at = text.indexOf(",", start); at !== -1 && at < end; at = text.indexOf(",", at + 1)) columns++;
  if (columns <= maxColumns || text.slice(start, end).includes('"')) return null;
  return { ok: false, message: `has ${columns.toLocaleString("en")} columns; the limit is ${maxColumns}`, line };
}

/** The parser's error in the words of the other import messages, with its line. */
function describeFailure(error: CsvError | Error, text: string, lastEnd: number): CsvRead {
  const code = (error as CsvError).code;
  const line = typeof (error as CsvError & { lines?: number }).lines === "number" ? (error as CsvError & { lines: number }).lines : undefined;
  if (code === "CSV_QUOTE_NOT_CLOSED") {
    const opened = firstFilledLineAfter(text, lastEnd);
    return { ok: false, message: `a quoted field starting on line ${opened} is never closed`, line: opened };
  }
  if (code === "CSV_MAX_RECORD_SIZE") {
    const opened = firstFilledLineAfter(text, lastEnd);
    return {
      ok: false,
      message: `the row starting on line ${opened} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB (a quoted field never closed?)`,
      line: opened,
    };
  }
  return { ok: false, message: error.message.replace(/\s+at line \d+.*$/, ""), ...(line ? { line } : {}) };
}

/** The first line after `line` that is not blank: where the record that failed began. */
function firstFilledLineAfter(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n <= line && at !== -1; n++) at = text.indexOf("\n", at) + 1 || -1;
  let current = line + 1;
  while (at !== -1 && at < text.length) {
    const nl = text.indexOf("\n", at);
    if (text.slice(at, nl === -1 ? text.length : nl).trim() !== "") break;
    at = nl === -1 ? -1 : nl + 1;
    current++;
  }
  return current;
}
