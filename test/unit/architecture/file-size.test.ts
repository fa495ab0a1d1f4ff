import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const LIMIT = 400;
const REASON = /^\/\/ Over 400 lines: \S/;

test(`a file in lib/ over ${LIMIT} lines says why on its first line`, () => {
  const files = fs
    .readdirSync("lib", { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith(`generated${path.sep}`))
    .map((f) => path.join("lib", f));
  expect(files.length).toBeGreaterThan(100);
  const unexplained = files.filter((file) => {
    const text = fs.readFileSync(file, "utf8");
    return text.replace(/\n$/, "").split("\n").length > LIMIT && !REASON.test(text);
  });
  expect(unexplained).toEqual([]);
});
