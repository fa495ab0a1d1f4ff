import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport } from "@/lib/import/pipeline/preview-and-commit";
import { MAX_SAMPLE_LENGTH } from "@/lib/import/access-log/samples";
import { sortedSamples } from "@/lib/import/request-samples";

const text = (name: string, body: string) => ({ name, bytes: new TextEncoder().encode(body) });
const line = (target: string, method = "GET") => `203.0.113.9 - - [01/Jun/2026:10:00:00 +0000] "${method} ${target} HTTP/1.1" 200 512 "-" "curl/8"`;

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const routes = await previewUpload(db, admin.ctx, pid, {
    format: "csv",
    kind: "ROUTE",
    fileName: "routes.csv",
    source: { files: [text("routes.csv", "method,path\nGET,/books/<int:id>\nGET,/search\nPOST,/login\n")] },
  });
  await commitImport(db, admin.ctx, pid, routes.id);
  const importLog = async (lines: string[]) => {
    const p = await previewUpload(db, admin.ctx, pid, {
      format: "access-log",
      fileName: "access.log",
      source: { files: [text("access.log", lines.join("\n") + "\n")] },
    });
    await commitImport(db, admin.ctx, pid, p.id);
  };
  const samples = async (key: string) => {
    const item = await db.item.findFirstOrThrow({ where: { projectId: pid, key } });
    const row = await db.itemRequestSample.findUnique({ where: { itemId: item.id } });
    return sortedSamples(row?.samples, 20).map((r) => [r.path, r.count] as const);
  };
  return { db, pid, importLog, samples };
}

describe("logged request samples from an access-log import", () => {
  test("each matched route keeps up to 20 distinct requests as logged, counted; known ones are counted after the 20th", async () => {
    const { importLog, samples } = await setup();
    const lines: string[] = [];
    for (let i = 1; i <= 30; i++) lines.push(line(`/books/${i}`));
    for (let n = 0; n < 5; n++) lines.push(line("/books/1")); // a known one, after the 20 are full
    lines.push(line("/search?q=dune&page=2"), line("/search?q=dune&page=2"), line("/search?q=emma"));
    lines.push(line("/nowhere"));
    await importLog(lines);
    const books = await samples("GET /books/<int:id>");
    expect(books).toHaveLength(20);
    expect(books[0]).toEqual(["/books/1", 6]);
    expect(books.slice(1).every(([, count]) => count === 1)).toBe(true);
    // The first 20 distinct ones seen; /books/21 and later were only counted as traffic.
    expect(books.map(([p]) => p)).not.toContain("/books/21");
    expect(await samples("GET /search")).toEqual([
      ["/search?q=dune&page=2", 2],
      ["/search?q=emma", 1],
    ]);
    expect(await samples("POST /login")).toEqual([]);
  });

  test("a re-import replaces the samples; a very long target is cut", async () => {
    const { db, pid, importLog, samples } = await setup();
    await importLog([line("/books/1"), line("/search?q=a")]);
    const long = `/search?q=${"x".repeat(2000)}`;
    await importLog([line("/books/2"), line("/books/2"), line(long)]);
    expect(await samples("GET /books/<int:id>")).toEqual([["/books/2", 2]]);
    const search = await samples("GET /search");
    expect(search).toHaveLength(1);
    expect(search[0][0]).toBe(long.slice(0, MAX_SAMPLE_LENGTH));
    expect(await db.itemRequestSample.count({ where: { projectId: pid } })).toBe(2);
  });
});
