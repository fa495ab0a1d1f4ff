import zlib from "node:zlib";
import { Zip, ZipDeflate, ZipPassThrough, zipSync, type ZipInputFile } from "fflate";
import { describe, expect, test } from "vitest";
import { normalizeEntryPath, readZip } from "@/lib/import/archive";

const utf8 = (s: string) => new TextEncoder().encode(s);
const MB = 1024 * 1024;

/** A zip written entry by entry with fflate's streaming Zip: sizes go in data descriptors, as `zip -` does. */
function streamedZip(entries: [name: string, content: Uint8Array, compress?: boolean][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, content, compress = true] of entries) {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(content, true);
  }
  zip.end();
  return concat(chunks);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * A real zip bomb: one entry of `size` zero bytes. The zeros are deflated by zlib one megabyte
 * at a time and handed to fflate's streaming Zip as a pre-compressed entry, so neither the
 * zeros nor anything close to their size is ever held in memory (≈1 s for 500 MB).
 */
async function zipOfZeros(name: string, size: number): Promise<Uint8Array> {
  const deflated: Buffer[] = [];
  const deflate = zlib.createDeflateRaw({ level: 9 });
  deflate.on("data", (c: Buffer) => deflated.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const megabyte = Buffer.alloc(MB);
  let crc = 0;
  for (let left = size; left > 0; left -= MB) {
    const piece = left >= MB ? megabyte : megabyte.subarray(0, left);
    crc = zlib.crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;

  const out: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    out.push(data);
  });
  const entry: ZipInputFile = { filename: name, size, crc, compression: 8, terminate: () => {} };
  zip.add(entry);
  deflated.forEach((chunk, i) => entry.ondata!(null, new Uint8Array(chunk), i === deflated.length - 1));
  zip.end();
  return concat(out);
}

describe("readZip", () => {
  test("returns every file with its path and bytes, stored or deflated, central-directory zips and streamed ones", () => {
    const files = {
      "app/urls.py": utf8("urlpatterns = []\n"),
      "app/views.py": utf8("def home(request):\n    pass\n".repeat(50)),
      "README.md": utf8("# Legacy\n"),
      "empty.txt": new Uint8Array(0),
    };
    const expected = Object.entries(files).map(([path, bytes]) => ({ path, bytes }));
    const sorted = (r: ReturnType<typeof readZip>) => (r.ok ? [...r.files].sort((a, b) => a.path.localeCompare(b.path)) : r);
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);

    const central = readZip(zipSync(files), "legacy.zip");
    expect(sorted(central)).toEqual(expected.sort(byPath));
    expect(central).toMatchObject({ ok: true, issues: [] });

    const streamed = readZip(streamedZip(Object.entries(files).map(([n, b], i) => [n, b, i % 2 === 0])), "legacy.zip");
    expect(sorted(streamed)).toEqual(expected.sort(byPath));
  });

  test("skips directories and the folders that are never the application's code", () => {
    const zip = zipSync({
      "src/": new Uint8Array(0),
      "src/app.php": utf8("<?php"),
      "__MACOSX/src/._app.php": utf8("junk"),
      ".git/config": utf8("[core]"),
      "src/.git/HEAD": utf8("ref"),
      "node_modules/left-pad/index.js": utf8("x"),
      "web/node_modules/a.js": utf8("x"),
      "vendor/laravel/framework/src/x.php": utf8("x"),
      "src/vendor.php": utf8("a file called vendor is fine"),
    });
    const result = readZip(zip, "site.zip");
    expect(result.ok && result.files.map((f) => f.path)).toEqual(["src/app.php", "src/vendor.php"]);
  });

  test("skips paths that escape the archive, with a warning for each", () => {
    const zip = zipSync({ "ok.txt": utf8("fine"), "../evil.sh": utf8("rm -rf"), "a/../../evil2": utf8("x"), "/etc/passwd": utf8("x") });
    expect(readZip(zip, "evil.zip")).toEqual({
      ok: true,
      files: [{ path: "ok.txt", bytes: utf8("fine") }],
      issues: [
        { file: "evil.zip", message: 'skipped "../evil.sh": its path points outside the archive', severity: "warning" },
        { file: "evil.zip", message: 'skipped "a/../../evil2": its path points outside the archive', severity: "warning" },
        { file: "evil.zip", message: 'skipped "/etc/passwd": its path points outside the archive', severity: "warning" },
      ],
    });
  });

  test.each([
    ["app\\models\\user.rb", { value: "app/models/user.rb", unsafe: false, skip: false }],
    ["./src//a.py", { value: "src/a.py", unsafe: false, skip: false }],
    ["C:\\Windows\\x.dll", { value: "C:/Windows/x.dll", unsafe: true, skip: false }],
    ["..\\up.txt", { value: "../up.txt", unsafe: true, skip: false }],
    ["docs/", { value: "docs", unsafe: false, skip: true }],
    ["a/node_modules/b/c.js", { value: "a/node_modules/b/c.js", unsafe: false, skip: true }],
    ["a..b/c", { value: "a..b/c", unsafe: false, skip: false }],
  ])("entry path %j", (name, expected) => {
    expect(normalizeEntryPath(name)).toEqual(expected);
  });

  test("an empty archive is fine", () => {
    expect(readZip(zipSync({}), "empty.zip")).toEqual({ ok: true, files: [], issues: [] });
  });

  test.each([
    ["text", utf8("method,path\nGET,/\n"), "is not a zip archive"],
    ["an empty upload", new Uint8Array(0), "is not a zip archive"],
    ["a gzip file", zlib.gzipSync(Buffer.from("hello")), "is not a zip archive"],
    [
      "a truncated zip",
      zipSync({ "a.txt": utf8("hello world ".repeat(100)) }).subarray(0, 60),
      "is not a complete zip archive (it may have been cut off during upload)",
    ],
  ])("refuses %s", (_, input, message) => {
    expect(readZip(new Uint8Array(input), "upload.zip")).toEqual({ ok: false, issue: { file: "upload.zip", message, severity: "error" } });
  });

  test("refuses corrupt compressed data, naming the entry", () => {
    const zip = zipSync({ "a.txt": utf8("hello world, hello world, hello world".repeat(20)) });
    // The deflate stream starts right after the 30-byte local header and the name "a.txt".
    zip.fill(0xff, 35, 45);
    const result = readZip(zip, "broken.zip");
    expect(result).toMatchObject({ ok: false, issue: { file: "broken.zip", severity: "error" } });
    expect(!result.ok && result.issue.message).toMatch(/^"a\.txt" cannot be read \(.+\): the archive is corrupt or uses an unsupported compression$/);
  });

  test("refuses more entries than allowed", () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, utf8("x")]));
    expect(readZip(zipSync(files), "many.zip", { maxEntries: 10 })).toEqual({
      ok: false,
      issue: { file: "many.zip", message: "has more than 10 entries", severity: "error" },
    });
    expect(readZip(zipSync(files), "many.zip", { maxEntries: 11 }).ok).toBe(true);
  });

  test("refuses a file over the entry limit, even when its header does not say its size", () => {
    const big = new Uint8Array(3 * MB).fill(0x41);
    for (const zip of [zipSync({ "big.csv": big }), streamedZip([["big.csv", big]])]) {
      expect(readZip(zip, "big.zip", { maxEntryBytes: 2 * MB })).toEqual({
        ok: false,
        issue: { file: "big.zip", message: `"big.csv" is larger than ${2 * MB} bytes uncompressed`, severity: "error" },
      });
    }
  });

  test("refuses an archive over the total limit", () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`part${i}.txt`, randomText(MB)]));
    expect(readZip(zipSync(files), "parts.zip", { maxTotalBytes: 3 * MB })).toEqual({
      ok: false,
      issue: { file: "parts.zip", message: `expands to more than ${3 * MB} bytes`, severity: "error" },
    });
  });

  test("refuses an archive that expands more than maxRatio times its size", async () => {
    // Ten 1 MB entries of zeros: each is well under the entry limit, together they are a bomb.
    const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`z${i}.bin`, new Uint8Array(MB)]));
    const zip = zipSync(files, { level: 9 });
    expect(readZip(zip, "ratio.zip")).toEqual({
      ok: false,
      issue: { file: "ratio.zip", message: "expands more than 100 times its size (a zip bomb?)", severity: "error" },
    });
    // Under the 1 MB grace, a tiny archive of repetitive text is fine.
    expect(readZip(zipSync({ "a.csv": utf8("GET,/\n".repeat(100_000)) }), "small.zip").ok).toBe(true);
  });

  test("stops a 500 MB zip bomb while inflating it, with the default limits", async () => {
    const bomb = await zipOfZeros("zeros.bin", 500 * MB);
    expect(bomb.length).toBeLessThan(MB);
    const result = readZip(bomb, "bomb.zip");
    expect(result).toEqual({
      ok: false,
      issue: { file: "bomb.zip", message: `"zeros.bin" is larger than ${20 * MB} bytes uncompressed`, severity: "error" },
    });
    // The error comes from the running count while inflating: it stopped at 20 MB, not after 500.
  }, 60_000);
});

/** Incompressible-ish text, so size limits are reached before the ratio limit. */
function randomText(size: number): Uint8Array {
  const out = new Uint8Array(size);
  let seed = 42;
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x21 + (seed % 90);
  }
  return out;
}
