import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import * as clock from "@/lib/time/clock";

const SOURCE_DIRS = ["lib", "app", "components"];
const READS_THE_PROCESS_CLOCK = /\bnew Date\(\s*\)|\bDate\.now\(\s*\)/;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.split(path.sep).includes("generated"))
    .map((f) => path.join(dir, f));
}

describe("the clock", () => {
  afterEach(() => clock.setClock(null));

  test("reads the process clock by default, which the tests pin", () => {
    expect(clock.now().getTime()).toBe(Date.now());
    expect(clock.nowMs()).toBe(Date.now());
  });

  test("can be replaced, and put back", () => {
    clock.setClock(() => new Date("2030-01-02T03:04:05Z"));
    expect(clock.now().toISOString()).toBe("2030-01-02T03:04:05.000Z");
    expect(clock.nowMs()).toBe(Date.parse("2030-01-02T03:04:05Z"));
    clock.setClock(null);
    expect(clock.nowMs()).toBe(Date.now());
  });

  test("is the only reader of the process clock in the application's code", () => {
    const offenders = SOURCE_DIRS.flatMap(sourceFiles)
      .filter((file) => file !== path.join("lib", "time", "clock.ts"))
      .flatMap((file) =>
        fs
          .readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ file, line: i + 1, text: line })),
      )
      .filter(({ text }) => READS_THE_PROCESS_CLOCK.test(text) && !text.trimStart().startsWith("//") && !text.trimStart().startsWith("*"))
      .map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`);
    expect(offenders).toEqual([]);
  });
});
