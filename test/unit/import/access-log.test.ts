import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import os from "node:os";
import { countAccessLog, countAccessLogChunks, countAccessLogFile, normalizeRequestPath, type AccessLogCount } from "@/lib/import/access-log";

const LOGS = path.resolve(import.meta.dirname, "../../fixtures/import/logs");
const fixture = (name: string) => fs.readFileSync(path.join(LOGS, name));

const ROUTES = [
  { method: "GET", path: "/" }, // 0
  { method: "GET", path: "/users/<int:id>" }, // 1
  { method: "GET", path: "/users/settings" }, // 2
  { method: "POST", path: "/login" }, // 3
  { method: "GET", path: "/café" }, // 4
  { method: "ANY", path: "/api/<path:rest>" }, // 5
  { method: "GET", path: "/files/<name>" }, // 6
  { method: "ANY", path: "^/archive/(?P<year>[0-9]{4})/$" }, // 7
];

/** The bytes as a stream of `size`-byte chunks: lines and gzip headers cut anywhere. */
async function* chunks(bytes: Uint8Array, size = 65_536): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const count = (bytes: Uint8Array, file = "access.log", options: { maxLineLength?: number; topUnmatched?: number; chunkSize?: number } = {}) =>
  countAccessLog(chunks(bytes, options.chunkSize), ROUTES, { file, ...options });

const log = (lines: string[]) => Buffer.from(lines.map((l) => l + "\n").join(""));
const goodLine = (n: number) => `10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /users/${n} HTTP/1.1" 200 1 "-" "-"`;

/** The counts the 16 requests of combined.log (and common.log, mixed.log) give. */
const COMBINED_COUNTS = {
  requests: 16,
  matched: 12,
  perRoute: [1, 4, 1, 1, 2, 1, 1, 1],
  unmatched: [
    { method: "GET", path: "/wp-login.php", count: 2 },
    { method: "GET", path: "/bad%E9", count: 1 },
    { method: "GET", path: "/login", count: 1 },
  ],
  firstAt: new Date("2000-10-10T20:55:36Z"),
  lastAt: new Date("2000-10-10T20:58:07Z"),
  malformed: 0,
  issues: [],
};

const errors = (result: AccessLogCount) => result.issues.filter((i) => i.severity === "error");

describe("counting a good log", () => {
  test.each([
    ["combined.log", 16],
    ["common.log", 16],
    ["mixed.log", 18], // combined and common lines, two blank lines, one CRLF line
    ["combined.log.gz", 16],
  ])("%s gives the exact counts", async (name, lines) => {
    const result = await countAccessLog(fs.createReadStream(path.join(LOGS, name)), ROUTES, { file: name });
    expect(result).toEqual({ lines, ...COMBINED_COUNTS });
  });

  test.each([1, 2, 7, 100])("chunks of %i bytes give the same counts, plain and gzipped", async (size) => {
    const plain = fixture("combined.log");
    expect(await count(plain, "a.log", { chunkSize: size })).toEqual({ lines: 16, ...COMBINED_COUNTS });
    expect(await count(gzipSync(plain), "a.log.gz", { chunkSize: size })).toEqual({ lines: 16, ...COMBINED_COUNTS });
  });

  test("a last line without a newline is counted", async () => {
    const text = fixture("combined.log").toString().trimEnd();
    expect((await count(Buffer.from(text))).requests).toBe(16);
  });

  test("firstAt and lastAt are the earliest and latest instants, whatever the zone offsets and line order", async () => {
    const result = await count(fixture("timezones.log"));
    expect(result.firstAt?.toISOString()).toBe("2024-02-29T12:00:00.000Z");
    expect(result.lastAt?.toISOString()).toBe("2026-03-01T03:00:00.000Z");
    expect(result.requests).toBe(5);
  });

  test("unmatched paths are listed most requested first; ties by path, then method; query and trailing slash ignored", async () => {
    const result = await count(fixture("unmatched.log"));
    expect(result.unmatched).toEqual([
      { method: "GET", path: "/a", count: 3 },
      { method: "POST", path: "/a", count: 2 },
      { method: "GET", path: "/c", count: 2 },
      { method: "GET", path: "/b", count: 1 },
    ]);
    expect(result.matched).toBe(1);
    expect((await count(fixture("unmatched.log"), "u.log", { topUnmatched: 2 })).unmatched.map((u) => u.count)).toEqual([3, 2]);
  });

  test("past 100,000 distinct unmatched paths only known ones are counted, with a warning", async () => {
    const lines = Array.from({ length: 100_010 }, (_, i) => goodLine(0).replace("/users/0", `/gone/${i}`));
    lines.push(goodLine(0).replace("/users/0", "/gone/0")); // known: still counted
    const result = await count(log(lines));
    expect(result.requests).toBe(100_011);
    expect(result.unmatched[0]).toEqual({ method: "GET", path: "/gone/0", count: 2 });
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/unmatched path counts are approximate/) })]);
  });
});

describe("request targets", () => {
  test.each([
    ["/users/42", "/users/42"],
    ["/users/42/", "/users/42"],
    ["/", "/"],
    ["/caf%C3%A9", "/café"],
    ["/caf\\xC3\\xA9", "/café"], // nginx and Apache escape non-ASCII bytes like this
    ["/bad%E9", "/bad%E9"], // not UTF-8: kept as written
    ["/50%", "/50%"],
    ["/a%2Fb", "/a%2Fb"], // an encoded slash must not create a segment
    ["http://www.example.com/users/9", "/users/9"],
    ["HTTPS://example.com", "/"],
    ["*", "*"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeRequestPath(raw)).toBe(expected);
  });
});

describe("malformed lines in a good log", () => {
  test("are counted and reported as warnings with their line numbers", async () => {
    const result = await count(fixture("malformed.log"));
    expect(result).toMatchObject({ lines: 9, requests: 4, matched: 4, malformed: 5 });
    expect(result.issues.map((i) => [i.severity, i.line, i.file])).toEqual([
      ["warning", 3, "access.log"], // TLS handshake bytes
      ["warning", 5, "access.log"], // "-"
      ["warning", 6, "access.log"], // not a log line
      ["warning", 8, "access.log"], // target without "/"
      ["warning", 9, "access.log"], // 31 February
    ]);
    expect(result.issues[0].message).toMatch(/^line 3 has no valid HTTP request/);
    expect(result.issues[2].message).toMatch(/^line 6 is not an access-log line/);
  });

  test("only the first 20 are listed, then one summary", async () => {
    const lines = [goodLine(1), ...Array.from({ length: 25 }, () => "garbage"), goodLine(2)];
    const result = await count(log(lines));
    expect(result.malformed).toBe(25);
    expect(result.issues).toHaveLength(21);
    expect(result.issues.slice(0, 20).map((i) => i.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(result.issues[20].message).toMatch(/^5 more malformed lines not listed \(25 in all\)/);
  });

  test("lines before the first log line are warnings too once the log is recognised", async () => {
    const result = await count(log(["# exported by logrotate", goodLine(1)]));
    expect(result.issues).toEqual([expect.objectContaining({ severity: "warning", line: 1 })]);
    expect(result.requests).toBe(1);
  });
});

describe("bad input is an error naming the file and the line", () => {
  test("a line longer than 65,536 bytes stops the reading there", async () => {
    const bytes = log([goodLine(1), "x".repeat(70_000), goodLine(2)]);
    for (const chunkSize of [1000, 65_536, bytes.length]) {
      const result = await count(bytes, "big.log", { chunkSize });
      expect(errors(result)).toEqual([
        {
          file: "big.log",
          line: 2,
          severity: "error",
          message: "line 2 is 70,000 bytes long; an access log line is at most 65,536 bytes — reading stopped there",
        },
      ]);
      expect(result.requests).toBe(1); // line 3 was not read
    }
  });

  test("a line too long to measure says 'more than', and the rest of the input is not pulled", async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield log([goodLine(1)]);
      for (;;) {
        pulled++;
        yield Buffer.alloc(1000, "y");
      }
    }
    const result = await countAccessLog(endless(), ROUTES, { file: "x.log", maxLineLength: 100 });
    expect(errors(result)).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^line 2 is more than 2,000 bytes long; an access log line is at most 100 bytes/) }),
    ]);
    // The input is endless: the count returned, so it stopped pulling — after the 2 chunks that
    // pass the measuring bound, and at most a few more read ahead.
    expect(pulled).toBeLessThan(10);
  });

  test.each([
    ["an empty stream", Buffer.alloc(0), "the log is empty"],
    ["an empty gzip", gzipSync(Buffer.alloc(0)), "the log is empty"],
    ["only blank lines", Buffer.from("\n  \n\r\n"), "the log has only blank lines"],
  ])("%s", async (_, bytes, message) => {
    const result = await count(bytes, "empty.log");
    expect(result.issues).toEqual([{ file: "empty.log", severity: "error", message }]);
  });

  test("a CSV is not a log: the first line that failed is named and quoted", async () => {
    const csv = Buffer.from("\nid,method,path\n1,GET,/users\n2,POST,/login\n");
    const result = await count(csv, "routes.csv");
    expect(result.issues).toEqual([
      {
        file: "routes.csv",
        line: 2,
        severity: "error",
        message:
          'line 2 is not an access-log line in Combined or Common Log Format: "id,method,path"; none of the first 3 non-empty lines is — is this really a web-server access log?',
      },
    ]);
  });

  test("after 1,000 non-empty lines that are not log lines, the reading stops", async () => {
    const lines = [...Array.from({ length: 1_500 }, (_, i) => `${i},row`), goodLine(1)];
    const result = await count(log(lines), "big.csv");
    expect(result.lines).toBe(1_000);
    expect(result.requests).toBe(0);
    expect(errors(result)).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/none of the first 1,000 non-empty lines/) })]);
  });

  test("random bytes: an error whose quote holds no control character", async () => {
    let seed = 42;
    const junk = Buffer.alloc(200_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    junk[0] = 0x00; // not the gzip magic
    const result = await count(junk, "upload.bin");
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue).toMatchObject({ file: "upload.bin", line: 1, severity: "error" });
    expect(issue.message).toMatch(/^line 1 is not an access-log line/);
    expect(issue.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(issue.message).toMatch(/\\x00/);
  });

  test("a truncated gzip: an error, and the lines before the cut are counted", async () => {
    const many = log(Array.from({ length: 5_000 }, (_, i) => goodLine(i)));
    const gz = gzipSync(many);
    const result = await count(gz.subarray(0, gz.length >> 1), "cut.log.gz", { chunkSize: 4096 });
    expect(errors(result)).toEqual([
      expect.objectContaining({ file: "cut.log.gz", severity: "error", message: expect.stringMatching(/^the gzip data is corrupt or truncated/) }),
    ]);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBeLessThan(5_000);
  });

  test("a corrupt gzip (right magic bytes, garbage after) is an error", async () => {
    const result = await count(Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("definitely not deflate data")]), "bad.gz");
    expect(errors(result)).toEqual([expect.objectContaining({ message: expect.stringMatching(/^the gzip data is corrupt or truncated/) })]);
  });
});

describe("a log file on disk", () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-log-"));
  /** ~1.5 MB of lines of varied lengths: many cross the 256 KiB boundaries of the file reader. */
  const bigLog = () =>
    log(
      Array.from({ length: 12_000 }, (_, i) => {
        const paths = [`/users/${i}`, `/files/${"x".repeat(i % 97)}`, `/api/${i % 13}/${"y".repeat(i % 211)}`, `/nowhere/${i % 50}`];
        return `10.0.${i % 256}.1 - - [10/Oct/2000:13:${String(i % 60).padStart(2, "0")}:36 -0700] "GET ${paths[i % 4]} HTTP/1.1" 200 1 "-" "-"`;
      }),
    );

  test.each(["combined.log", "common.log", "mixed.log", "combined.log.gz"])("%s gives the same counts as when streamed", async (name) => {
    const file = path.join(LOGS, name);
    expect(await countAccessLogFile(file, ROUTES, { file: name })).toEqual(await countAccessLog(fs.createReadStream(file), ROUTES, { file: name }));
  });

  test.each([
    ["plain", (b: Buffer) => b],
    ["gzipped", (b: Buffer) => gzipSync(b)],
  ] as const)("a %s file of several read buffers counts exactly what the same bytes count streamed in small chunks", async (_, encode) => {
    const bytes = encode(bigLog());
    const file = path.join(dir(), "big.log");
    fs.writeFileSync(file, bytes);
    const fromFile = await countAccessLogFile(file, ROUTES, { file: "big.log" });
    expect(fromFile.lines).toBe(12_000);
    expect(fromFile.requests).toBe(12_000);
    expect(fromFile).toEqual(await count(bytes, "big.log", { chunkSize: 1000 }));
  });

  test("the count keeps no view into a chunk once it asks for the next: one buffer, scribbled over, then refilled", async () => {
    const bytes = bigLog();
    async function* oneBuffer(size: number) {
      const buffer = Buffer.alloc(size);
      for (let at = 0; at < bytes.length; at += size) {
        buffer.fill(0x21); // whatever the previous chunk held is gone
        const n = bytes.copy(buffer, 0, at, at + size);
        yield buffer.subarray(0, n);
      }
    }
    for (const size of [333, 4096, 65_536]) {
      expect(await countAccessLogChunks(oneBuffer(size), ROUTES, { file: "big.log" })).toEqual(await count(bytes, "big.log", { chunkSize: size }));
    }
  });

  test("an over-long line past the first buffer stops the count with its line number", async () => {
    const lines = bigLog().toString().split("\n");
    lines.splice(7_000, 0, `10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /${"z".repeat(70_000)} HTTP/1.1" 200 1`);
    const file = path.join(dir(), "long.log");
    fs.writeFileSync(file, lines.join("\n"));
    const result = await countAccessLogFile(file, ROUTES, { file: "long.log" });
    expect(errors(result)).toEqual([expect.objectContaining({ file: "long.log", line: 7_001, message: expect.stringMatching(/^line 7,001 is 70,/) })]);
    expect(result.requests).toBe(7_000);
  });

  test("a missing file is an error from the file system", async () => {
    await expect(countAccessLogFile(path.join(dir(), "none.log"), ROUTES, { file: "none.log" })).rejects.toThrow(/ENOENT/);
  });
});

describe("visiting each request (the replay's sampling)", () => {
  test("each request line comes with its route index (-1: none), its method and its whole target, across chunk cuts and gzip", async () => {
    const bytes = log([
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /users/42?tab=posts&x=%C3%A9 HTTP/1.1" 200 5',
      '1.2.3.4 - - [10/Oct/2000:13:55:37 -0700] "PROPFIND /users/42 HTTP/1.1" 200 5',
      "not a log line",
      '1.2.3.4 - - [10/Oct/2000:13:55:38 -0700] "GET /nowhere HTTP/1.1" 404 5',
      '1.2.3.4 - - [10/Oct/2000:13:55:39 -0700] "POST /login HTTP/1.1" 302 5',
      '1.2.3.4 - - [10/Oct/2000:13:55:40 -0700] "GET /café HTTP/1.1" 200 5',
    ]);
    for (const input of [bytes, gzipSync(bytes)]) {
      const seen: [number, string, string][] = [];
      const result = await countAccessLog(chunks(input, 7), ROUTES, { file: "a.log", onRequest: (route, r) => seen.push([route, r.method(), r.target()]) });
      expect(seen).toEqual([
        [1, "GET", "/users/42?tab=posts&x=%C3%A9"],
        [-1, "PROPFIND", "/users/42"],
        [-1, "GET", "/nowhere"],
        [3, "POST", "/login"],
        [4, "GET", "/café"],
      ]);
      expect(result.requests).toBe(5);
    }
  });
});
