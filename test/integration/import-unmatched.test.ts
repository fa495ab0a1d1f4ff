import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport } from "@/lib/import/pipeline/preview-and-commit";
import { addUnmatchedRoutes } from "@/lib/import/unmatched-routes";
import { createItem } from "@/lib/inventory/items";

const LOG = "test/fixtures/import/logs/combined.log";

/** A project with two routes and the fixture log committed: /wp-login.php (2 requests) and others are unmatched. */
async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  for (const path of ["/", "/users/<int:id>"]) await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path });
  const preview = await previewUpload(db, admin.ctx, project.id, {
    format: "access-log",
    fileName: "combined.log",
    source: { stream: fs.createReadStream(LOG) },
  });
  await commitImport(db, admin.ctx, project.id, preview.id);
  const counts = async () => ({
    items: await db.item.count({ where: { projectId: project.id } }),
    history: await db.itemChange.count({ where: { projectId: project.id } }),
  });
  return { db, ...admin, pid: project.id, importId: preview.id, unmatched: preview.summary.traffic!.unmatched, counts };
}

describe("adding the paths an access log matched to no route", () => {
  test("adds routes with their traffic per day and a history row; paths sharing a pattern add up", async () => {
    const { db, ctx, pid, importId, unmatched } = await setup();
    expect(unmatched).toEqual(
      expect.arrayContaining([
        { method: "GET", path: "/wp-login.php", count: 2 },
        { method: "DELETE", path: "/api/v1/items/3", count: 1 },
      ]),
    );
    const result = await addUnmatchedRoutes(db, ctx, pid, importId, {
      routes: [
        { method: "GET", path: "/wp-login.php", pattern: "/wp-login.php" },
        { method: "delete", path: "/api/v1/items/3", pattern: "/api/v1/items/:id" },
        { method: "GET", path: "/login", pattern: "/<page>" },
        { method: "GET", path: "/wp-login.php", pattern: "/<page>" },
      ],
    });
    expect(result).toMatchObject({ added: 3, restored: 0, updated: 0 });
    const added = await db.item.findMany({
      where: { projectId: pid, key: { in: result.keys } },
      select: { key: true, trafficPerDay: true, changes: { select: { field: true, actorId: true } } },
      orderBy: { key: "asc" },
    });
    expect(added.map((a) => [a.key, a.trafficPerDay])).toEqual([
      ["DELETE /api/v1/items/<id>", 1],
      ["GET /<page>", 3], // /login once + /wp-login.php twice
      ["GET /wp-login.php", 2],
    ]);
    expect(added.every((a) => a.changes.some((c) => c.field === "created" && c.actorId === ctx.userId))).toBe(true);
  });

  test("a path the import did not report, or a pattern that does not match its path: a clear error, nothing added", async () => {
    const { db, ctx, pid, importId, counts } = await setup();
    const before = await counts();
    const error = await addUnmatchedRoutes(db, ctx, pid, importId, {
      routes: [
        { method: "GET", path: "/wp-login.php", pattern: "/wp-login.php" },
        { method: "GET", path: "/not-in-the-log", pattern: "/not-in-the-log" },
        { method: "DELETE", path: "/api/v1/items/3", pattern: "/api/v1/things/<int:id>" },
      ],
    }).catch((e) => e);
    expect(error.code).toBe("invalid_input");
    expect(error.details.fields).toEqual({
      "routes.1.path": ["GET /not-in-the-log is not among this import's unmatched paths."],
      "routes.2.pattern": ["The pattern /api/v1/things/<int:id> does not match /api/v1/items/3."],
    });
    expect(await counts()).toEqual(before);
  });

  test("only importers may add; another organisation's import is not found; a non-log import has no unmatched paths", async () => {
    const { db, ctx, pid, importId, organization, counts } = await setup();
    const body = { routes: [{ method: "GET", path: "/wp-login.php", pattern: "/wp-login.php" }] };
    const viewer = await newMember(db, organization.id, "VIEWER");
    expect(await codeOf(addUnmatchedRoutes(db, viewer.ctx, pid, importId, body))).toBe("forbidden");
    const other = await newAdmin(db, "Other");
    expect(await codeOf(addUnmatchedRoutes(db, other.ctx, pid, importId, body))).toBe("not_found");
    const otherProject = await newProject(db, other.ctx);
    expect(await codeOf(addUnmatchedRoutes(db, other.ctx, otherProject.id, importId, body))).toBe("not_found");
    const csv = await previewUpload(db, ctx, pid, {
      format: "csv",
      kind: "ROUTE",
      fileName: "r.csv",
      source: { files: [{ name: "r.csv", bytes: new TextEncoder().encode("method,path\nGET,/a\n") }] },
    });
    expect(await codeOf(addUnmatchedRoutes(db, ctx, pid, csv.id, body))).toBe("invalid_input");
    const before = await counts();
    expect(before.items).toBe(2);
  });
});
