import { describe, expect, test } from "vitest";
import { csvCell, toCsv } from "@/lib/csv/write";

describe("CSV cells", () => {
  test.each([
    // OWASP's two examples: quoted, quotes doubled, a leading ' before the formula.
    ['=1+2";=1+2', `"'=1+2"";=1+2"`],
    [`=1+2'" ;,=1+2`, `"'=1+2'"" ;,=1+2"`],
    // Text that starts like a negative number is still text.
    ["-2+3+cmd|'/c calc'!A0", `"'-2+3+cmd|'/c calc'!A0"`],
    ["-1+cmd|' /C calc'!A0", `"'-1+cmd|' /C calc'!A0"`],
    ["-1", `"'-1"`],
    ["+44 20 7946 0000", `"'+44 20 7946 0000"`],
    ["@SUM(1+1)", `"'@SUM(1+1)"`],
    ["\t=1+1", `"'\t=1+1"`],
    ["\r=1+1", `"'\r=1+1"`],
    ["\n=1+1", `"'\n=1+1"`],
    ["\uFF1D1+1", `"'\uFF1D1+1"`],
    // Ordinary text: quoted, so that a "," or ";" inside never starts a new cell.
    ["Platform", `"Platform"`],
    ["a,=1+1", `"a,=1+1"`],
    ["a;=1+1", `"a;=1+1"`],
    ["2026-06-10", `"2026-06-10"`],
    ["", `""`],
  ])("21.9 text %j is written as %s", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  test.each([
    [-3, "-3"],
    [0, "0"],
    [0.7512, "0.7512"],
    [12345678, "12345678"],
    [10n, "10"],
    [Number.NaN, ""],
    [Number.POSITIVE_INFINITY, ""],
    [null, ""],
    [undefined, ""],
  ])("21.9 a number-typed %s is written raw as %j", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  test("21.9 a date is its ISO text; a document has a quoted header and CRLF line ends", () => {
    expect(csvCell(new Date("2026-06-10T12:00:00Z"))).toBe(`"2026-06-10T12:00:00.000Z"`);
    expect(
      toCsv(
        ["owner", "remaining"],
        [
          ["=team", 2],
          [null, -1],
        ],
      ),
    ).toBe(`"owner","remaining"\r\n"'=team",2\r\n,-1\r\n`);
  });
});
