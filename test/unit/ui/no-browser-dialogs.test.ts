import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

/** The browser's own confirm/alert/prompt boxes block the page and cannot be styled or labelled: dialogs are in-page. */
const BROWSER_DIALOG = /\b(?:window\.)?(?:confirm|alert|prompt)\s*\(/;

test("no page or component opens window.confirm, alert or prompt (ConfirmForm and ConfirmDialogButton instead)", () => {
  const files = ["app", "components"].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .map((f) => path.join(dir, f)),
  );
  expect(files.length).toBeGreaterThan(50);
  const offenders = files
    .flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((text, i) => ({ file, line: i + 1, text })),
    )
    .filter(({ text }) => BROWSER_DIALOG.test(text) && !text.trimStart().startsWith("//") && !text.trimStart().startsWith("*"))
    .map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`);
  expect(offenders).toEqual([]);
});
