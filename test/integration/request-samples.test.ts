import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport, discardImport } from "@/lib/import/pipeline/preview-and-commit";
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
  const previewLog = (lines: string[]) =>
    previewUpload(db, admin.ctx, pid, { format: "access-log", fileName: "access.log", source: { files: [text("access.log", lines.join("\n") + "\n")] } });
  return { db, admin, pid, importLog, previewLog, samples };
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

  test("a preview keeps its samples beside its plan, a row per route; the commit moves them, a discard drops them, another batch's stay", async () => {
    const { db, admin, pid, previewLog, samples } = await setup();
    const first = await previewLog([line("/books/1"), line("/books/1"), line("/search?q=a"), line("/nowhere")]);
    const second = await previewLog([line("/books/9")]);
    const beside = (batchId: string) => db.importBatchSample.findMany({ where: { batchId }, orderBy: { key: "asc" } });
    expect((await beside(first.id)).map((r) => [r.key, r.samples])).toEqual([
      ["GET /books/<int:id>", [["/books/1", 2]]],
      ["GET /search", [["/search?q=a", 1]]],
    ]);
    // The stored plan says it was sampled and holds no samples itself.
    const stored = await db.importBatch.findUniqueOrThrow({ where: { id: first.id }, select: { payload: true } });
    const traffic = (stored.payload as { plan: { traffic: Record<string, unknown> } }).plan.traffic;
    expect(traffic.sampled).toBe(true);
    expect(traffic).not.toHaveProperty("samples");

    await commitImport(db, admin.ctx, pid, first.id);
    expect(await beside(first.id)).toEqual([]);
    expect(await samples("GET /books/<int:id>")).toEqual([["/books/1", 2]]);
    expect(await beside(second.id)).toHaveLength(1);
    await discardImport(db, admin.ctx, pid, second.id);
    expect(await beside(second.id)).toEqual([]);
    // The discarded preview changed nothing the commit had written.
    expect(await samples("GET /books/<int:id>")).toEqual([["/books/1", 2]]);
  });
});
