import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";

const imports = await import("@/app/api/v1/projects/[projectId]/imports/route");

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  const { "Content-Type": _json, ...auth } = await tokenHeaders(db, a.ctx, project.id, "ENGINEER", "ci");
  const upload = (body: string, query: string) =>
    call(imports.POST, { projectId: project.id }, { method: "POST", headers: { ...auth, "Content-Type": "text/plain" }, body, query });
  return { db, pid: project.id, upload };
}

describe("big table uploads", () => {
  test("21.11 One upload stalls the whole server: a 200,000-row CSV preview answers 400 naming the limit, not 500 (Maximum call stack size exceeded)", async () => {
    const { db, pid, upload } = await setup();
    const rows = Array.from({ length: 200_000 }, (_, i) => `GET,/r/${i},${i % 1000}`).join("\n");
    const res = await upload(`method,path,traffic_per_day\n${rows}\n`, "?format=csv&kind=routes&fileName=big.csv");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("big.csv: 1 error(s); nothing was imported. Fix them and upload again.");
    expect(res.body.error.details.issues).toEqual([
      { file: "big.csv", line: 100_002, message: "has more than 100,000 rows; split it into several imports", severity: "error" },
    ]);
    expect(await db.importBatch.count()).toBe(0);
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0);
  });

  test("21.11 a 200,000-row JSON inventory answers 400, not 500", async () => {
    const { db, upload } = await setup();
    const modules = Array.from({ length: 200_000 }, (_, i) => ({ path: `app/m${i}.py` }));
    const res = await upload(JSON.stringify({ modules }, null, 1), "?format=json&fileName=inventory.json");
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({ file: "inventory.json", message: "has more than 100,000 rows; split it into several imports" }),
    ]);
    expect(await db.importBatch.count()).toBe(0);
  });

  test("21.11 several files together count against the row limit too", async () => {
    const { db, pid } = await setup();
    const { previewUpload } = await import("@/lib/import/pipeline/preview-upload");
    const { orgContextFor } = await import("@/lib/orgs/membership");
    const project = await db.project.findUniqueOrThrow({ where: { id: pid }, include: { organization: true } });
    const admin = await db.membership.findFirstOrThrow({ where: { organizationId: project.organizationId } });
    const ctx = await orgContextFor(db, admin.userId, project.organization.slug);
    const file = (name: string, from: number) => ({
      name,
      bytes: new TextEncoder().encode(`path\n${Array.from({ length: 60_000 }, (_, i) => `app/m${from + i}.py`).join("\n")}\n`),
    });
    const error = await previewUpload(db, ctx, pid, {
      format: "csv",
      kind: "MODULE",
      fileName: "2 files",
      source: { files: [file("a.csv", 0), file("b.csv", 60_000)] },
    }).catch((e) => e);
    expect(error.code).toBe("invalid_input");
    expect(error.details.issues).toEqual([
      { file: "2 files", message: "The upload has 120,000 rows; the limit is 100,000 per import. Split it into several imports.", severity: "error" },
    ]);
    expect(await db.importBatch.count()).toBe(0);
  });
});
