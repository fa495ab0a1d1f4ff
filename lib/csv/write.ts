/**
 * Writing CSV that a spreadsheet opens as data, never as formulas (OWASP "CSV Injection").
 *
 * Cells are typed, and the type decides — never the look of the text:
 * - a finite number (or bigint) is written raw, so spreadsheets keep it numeric;
 * - everything else is text: wrapped in double quotes (so a "," or ";" inside cannot start a new
 *   cell in any locale's separator), with every `"` doubled, and prefixed with `'` when it starts
 *   with a character that makes a spreadsheet read a formula: = + - @, tab, carriage return, line
 *   feed, NUL, or their full-width forms (which some spreadsheets fold to ASCII).
 * A text such as "-2+3+cmd|'/c calc'!A0" is therefore written as "'-2+3+cmd|'/c calc'!A0", even
 * though it starts like a negative number: a value meant as a number must be passed as a number.
 */

export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One text cell, escaped and quoted. */
export function csvText(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One cell: numbers raw, nothing for null/undefined (and NaN/Infinity), text escaped. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return csvText(value.toISOString());
  return csvText(String(value));
}

/** A whole CSV document: a header and rows, CRLF line ends (RFC 4180), ending with a line break. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvText).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return lines.join("\r\n") + "\r\n";
}
