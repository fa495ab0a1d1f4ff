import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { decodeText, firstInvalidUtf8, parseJsonWithLines } from "@/lib/import/text";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

describe("decodeText", () => {
  test.each([
    ["plain text", utf8("a,b\n1,2\n"), "a,b\n1,2\n"],
    ["an empty file", new Uint8Array(0), ""],
    ["a UTF-8 BOM is stripped", bytes([0xef, 0xbb, 0xbf], "name\n"), "name\n"],
    ["only a BOM", bytes([0xef, 0xbb, 0xbf]), ""],
    ["multi-byte characters", utf8("café,日本,🚀\r\n"), "café,日本,🚀\r\n"],
    ["tabs, form feeds and CRLF are text", utf8("a\tb\fc\r\n"), "a\tb\fc\r\n"],
  ])("%s", (_, input, text) => {
    expect(decodeText(input, "f.txt")).toEqual({ ok: true, text });
  });

  test.each([
    ["random bytes", new Uint8Array(randomBytes(4096))],
    ["a NUL byte in the first 8 KB", bytes("name\nx", [0], "y\n")],
    ["mostly control bytes", bytes("ab", [1, 2, 3, 4, 5, 6, 7, 8, 14, 15], "cd")],
  ])("refuses %s as binary", (_, input) => {
    expect(decodeText(input, "upload.bin")).toEqual({
      ok: false,
      issue: { file: "upload.bin", message: "looks like a binary file, not text", severity: "error" },
    });
  });

  test("a NUL byte after the first 8 KB is not sniffed as binary", () => {
    const input = bytes("x".repeat(9000), [0]);
    expect(decodeText(input, "f.txt")).toEqual({ ok: true, text: "x".repeat(9000) + "\0" });
  });

  test("30% control bytes is still text, 31% is not", () => {
    const text = (controls: number) => bytes(Array(controls).fill(1), "a".repeat(100 - controls));
    expect(decodeText(text(30), "f").ok).toBe(true);
    expect(decodeText(text(31), "f").ok).toBe(false);
  });

  test("UTF-16 gets its own message", () => {
    expect(decodeText(bytes([0xff, 0xfe], [0x61, 0, 0x0a, 0]), "export.csv")).toEqual({
      ok: false,
      issue: { file: "export.csv", message: "is UTF-16 text; save it as UTF-8 and upload it again", severity: "error" },
    });
  });

  test.each([
    ["Latin-1 é on line 3", bytes("name,city\nann,Paris\nbob,Montr", [0xe9], "al\n"), 3, 10, "e9"],
    ["a lone continuation byte at the start", bytes([0x80], "abc"), 1, 1, "80"],
    ["after multi-byte characters (column counts characters)", bytes("é日🚀", [0xff]), 1, 4, "ff"],
    ["an overlong encoding", bytes("ok\n", [0xc0, 0xaf]), 2, 1, "c0"],
    ["a surrogate", bytes("ok\nab", [0xed, 0xa0, 0x80]), 2, 3, "ed"],
    ["a sequence cut off at the end", bytes("abc", [0xe6, 0x97]), 1, 4, "e6"],
    ["a BOM does not shift the column", bytes([0xef, 0xbb, 0xbf], "ab", [0xfe]), 1, 3, "fe"],
  ])("refuses invalid UTF-8: %s", (_, input, line, column, byte) => {
    expect(decodeText(input, "t.csv")).toEqual({
      ok: false,
      issue: {
        file: "t.csv",
        line,
        message: `is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column} (save the file as UTF-8)`,
        severity: "error",
      },
    });
  });

  test("refuses a 20 MB single line, naming it and its length", () => {
    const input = new Uint8Array(20 * 1024 * 1024 + 2).fill(0x61);
    input[0] = 0x0a; // the long line is line 2
    input[input.length - 1] = 0x0a;
    expect(decodeText(input, "min.js")).toEqual({
      ok: false,
      issue: { file: "min.js", line: 2, message: "line 2 is 20971520 characters long; the limit is 1048576", severity: "error" },
    });
  });

  test("maxLineLength is an option; a CR before the line feed does not count", () => {
    expect(decodeText(utf8("abcd\r\nabc\n"), "f", { maxLineLength: 4 })).toEqual({ ok: true, text: "abcd\r\nabc\n" });
    expect(decodeText(utf8("abcd\r\nabcde"), "f", { maxLineLength: 4 })).toEqual({
      ok: false,
      issue: { file: "f", line: 2, message: "line 2 is 5 characters long; the limit is 4", severity: "error" },
    });
  });

  test("decodes 100 MB of text (speed: see the benchmarks)", () => {
    const line = utf8("GET /users/123/settings HTTP/1.1 200 1532 0.031 Mozilla/5.0 (X11; Linux x86_64) café\n");
    const input = new Uint8Array(100 * 1024 * 1024);
    for (let at = 0; at + line.length <= input.length; at += line.length) input.set(line, at);
    input.fill(0x20, input.length - (input.length % line.length));
    const result = decodeText(input, "access.log");
    expect(result.ok).toBe(true);
  });

  test("finds the bad byte at the end of 100 MB, with its line and column", () => {
    const input = new Uint8Array(100 * 1024 * 1024).fill(0x61);
    for (let at = 99; at < input.length; at += 100) input[at] = 0x0a;
    input[input.length - 50] = 0xff;
    const result = decodeText(input, "big.log");
    expect(result).toMatchObject({ ok: false, issue: { line: 1048576, message: expect.stringContaining("column 51") } });
  });
});

describe("firstInvalidUtf8", () => {
  test.each([
    [[0x61, 0x62], -1],
    [[0xf0, 0x9f, 0x9a, 0x80], -1], // 🚀
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xf0, 0x80, 0x80, 0x80], 0], // overlong 4-byte
    [[0x61, 0xc3], 1], // truncated
    [[0x61, 0xc3, 0x41], 1], // missing continuation
    [[0xf8, 0x88, 0x80, 0x80, 0x80], 0], // 5-byte form
  ])("%j → %i", (input, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(input))).toBe(at);
  });
});

describe("parseJsonWithLines", () => {
  test("gives the same value as JSON.parse, and the line of every member and element", () => {
    const text = '{\n  "a": [1,\n    {"b": "x\\n\\u00e9"}\n  ],\n  "__proto__": {"c": null},\n\n  "d": -1.5e3\n}';
    const result = parseJsonWithLines(text);
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toEqual(JSON.parse(text));
    const root = result.value as { a: [number, object]; __proto__: object };
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(result.lineOf(root, "a")).toBe(2);
    expect(result.lineOf(root, "d")).toBe(7);
    expect(result.lineOf(root.a, 0)).toBe(2);
    expect(result.lineOf(root.a, 1)).toBe(3);
    expect(result.lineOf(root.a[1], "b")).toBe(3);
    expect(result.lineOf(root, "nope")).toBeUndefined();
  });

  test.each([
    ["<!DOCTYPE html>", 1, 1, 'unexpected "<"'],
    ['{\n  "a": 1,\n  "b": 2\n  "c": 3\n}', 4, 3, 'expected "," or "}" after a property value, unexpected "\\""'],
    ['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes, unexpected "}"'],
    ["[1, 2", 1, 6, 'expected "," or "]" after an array element, unexpected end of file'],
    ['{"a": "line\nbreak"}', 1, 12, "a string contains a line break or control character"],
    ['{"a": "\\x"}', 1, 8, "invalid escape in a string"],
    ["[01]", 1, 3, 'expected "," or "]" after an array element, unexpected "1"'],
    ["{} {}", 1, 4, 'unexpected "{" after the end of the JSON value'],
    ["", 1, 1, "unexpected end of file"],
  ])("%j → line %i, column %i", (text, line, column, message) => {
    expect(parseJsonWithLines(text)).toEqual({ ok: false, line, column, message });
  });

  test("refuses absurd nesting instead of overflowing the stack", () => {
    expect(parseJsonWithLines("[".repeat(100_000))).toMatchObject({ ok: false, message: "nested more than 256 levels deep" });
  });
});
