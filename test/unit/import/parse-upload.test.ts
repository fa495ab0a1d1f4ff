import { describe, expect, test } from "vitest";
import { zipSync } from "fflate";
import { parseUpload, type UploadedFile } from "@/lib/import/pipeline/parse-upload";

const file = (name: string, text: string): UploadedFile => ({ name, bytes: new TextEncoder().encode(text) });

/** A zip whose entry claims compression method 99 (AES, as a password-protected zip does). */
function encryptedZip(): Uint8Array {
  const zip = zipSync({ "secret.txt": new TextEncoder().encode("hidden") }, { level: 0 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint16(i + 8, 99, true); // local file header: method
    if (sig === 0x02014b50) view.setUint16(i + 10, 99, true); // central directory: method
  }
  return zip;
}

const APP = file("server.js", "const express = require('express');\nconst app = express();\napp.get('/users', list);\n");

describe("importing a whole repository folder", () => {
  test("a password-protected zip in the folder is skipped with a warning; the routes are still read", async () => {
    const plan = await parseUpload("source", [APP, { name: "fixtures-data/protected.zip", bytes: encryptedZip() }], { fileName: "shop" });
    expect(plan.upserts.filter((u) => u.kind === "ROUTE").map((u) => u.key)).toEqual(["GET /users"]);
    expect(plan.issues).toEqual([
      expect.objectContaining({ file: "fixtures-data/protected.zip", severity: "warning", message: expect.stringMatching(/^skipped: .*cannot be read/) }),
    ]);
  });

  test("a zip uploaded on its own that cannot be read is still an error", async () => {
    const plan = await parseUpload("source", [{ name: "protected.zip", bytes: encryptedZip() }]);
    expect(plan.issues.filter((i) => i.severity === "error").map((i) => i.file)).toEqual(["protected.zip"]);
  });

  test("a minified bundle with a very long line is skipped with a warning", async () => {
    const plan = await parseUpload("source", [APP, file("vendor.bundle.js", "x".repeat(1024 * 1024 + 10))]);
    expect(plan.issues).toEqual([
      expect.objectContaining({ file: "vendor.bundle.js", severity: "warning", message: expect.stringMatching(/^skipped: line 1 is/) }),
    ]);
    expect(plan.upserts.some((u) => u.key === "GET /users")).toBe(true);
  });

  test("tests, snippets and docs are not read, and are listed as skipped; --include-skipped reads them", async () => {
    const files = [
      APP,
      file("test/api.spec.js", "const app = require('express')();\napp.get('/only-in-tests', h);\n"),
      file("data/static/codefixes/fix_1.ts", "app.get('/snippet', h)\n"),
      file("test/files/protected.zip", "PK\u0003\u0004 not even a zip"),
    ];
    const plan = await parseUpload("source", files);
    expect(plan.upserts.filter((u) => u.kind === "ROUTE").map((u) => u.key)).toEqual(["GET /users"]);
    expect(plan.skipped).toEqual([
      { folder: "data/static", reason: "static files", files: 1 },
      { folder: "test", reason: "tests", files: 1 },
    ]);
    expect(plan.issues).toEqual([]);
    const all = await parseUpload("source", files.slice(0, 3), { includeSkipped: true });
    expect(
      all.upserts
        .filter((u) => u.kind === "ROUTE")
        .map((u) => u.key)
        .sort(),
    ).toEqual(["GET /only-in-tests", "GET /snippet", "GET /users"]);
    expect(all.skipped).toBeUndefined();
  });

  test("the plan names the framework and folder of the routes", async () => {
    const plan = await parseUpload("source", [{ ...APP, name: "api/server.js" }, file("README.md", "# shop")]);
    expect(plan.frameworks).toEqual([{ framework: "express", folder: "api", routes: 1 }]);
  });

  test("no routes: the error names the folder, each framework tried and why, and what was skipped", async () => {
    const plan = await parseUpload(
      "source",
      [file(".github/FUNDING.yml", "github: x"), file("tool.py", "print(1)\n"), file("tests/test_x.py", "from flask import Flask\n")],
      { fileName: "legacy" },
    );
    const errors = plan.issues.filter((i) => i.severity === "error");
    expect(errors).toEqual([
      {
        file: "legacy",
        severity: "error",
        message:
          "No routes found in legacy (1 source file(s) read). Tried flask: no Flask(), Blueprint(), FastAPI() or APIRouter() in 1 Python file(s); django: no urlpatterns in 1 Python file(s); express: no JavaScript or TypeScript files; rails: no config/routes.rb; laravel: no routes/*.php. 1 source file(s) in tests, examples, docs or static folders were skipped; import them too with --include-skipped (CLI) or includeSkipped=true (API).",
      },
    ]);
  });
});
