import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";
import { getGuide, listGuideVersions, saveGuide, GUIDE_MAX_CHARS } from "@/lib/agents/guide";
import { GET as getRoute, PUT as putRoute } from "@/app/api/v1/projects/[projectId]/guide/route";
import { GET as versionsRoute } from "@/app/api/v1/projects/[projectId]/guide/versions/route";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam Steward");
  const engineer = await newMember(db, admin.organization.id, "ENGINEER", "Eve Engineer");
  return { db, admin, pid: project.id, steward, engineer };
}

describe("the porting guide", () => {
  test("each save is a version with its author; the same text again makes none; old versions stay readable; audited", async () => {
    const { db, admin, pid, steward } = await setup();
    expect(await getGuide(db, steward.ctx, pid)).toBeNull();
    const first = await saveGuide(db, steward.ctx, pid, { body: "# Guide\r\n\r\nUse blueprints." });
    expect(first).toMatchObject({ version: 1, created: true, body: "# Guide\n\nUse blueprints.", author: { name: "Sam Steward" } });
    expect(await saveGuide(db, steward.ctx, pid, { body: "# Guide\n\nUse blueprints." })).toMatchObject({ version: 1, created: false });
    const second = await saveGuide(db, admin.ctx, pid, { body: "# Guide\n\nUse blueprints. Never raw SQL." });
    expect(second).toMatchObject({ version: 2, created: true, author: { name: "Ada Admin" } });
    expect(await getGuide(db, steward.ctx, pid)).toMatchObject({ version: 2, body: "# Guide\n\nUse blueprints. Never raw SQL." });
    expect(await getGuide(db, steward.ctx, pid, { version: "1" })).toMatchObject({ version: 1, body: "# Guide\n\nUse blueprints." });
    expect(await codeOf(getGuide(db, steward.ctx, pid, { version: "9" }))).toBe("not_found");
    expect((await listGuideVersions(db, steward.ctx, pid)).map((v) => [v.version, v.author?.name, v.chars])).toEqual([
      [2, "Ada Admin", 39],
      [1, "Sam Steward", 24],
    ]);
    const audit = await db.auditEvent.findMany({ where: { organizationId: admin.organization.id, action: "project.guide" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => (a.data as { version: number }).version)).toEqual([1, 2]);
  });

  test("engineers and viewers read it but may not write it; agents never; too long is refused; another tenant's project is not found", async () => {
    const { db, admin, pid, engineer, steward } = await setup();
    expect(await codeOf(saveGuide(db, engineer.ctx, pid, { body: "x" }))).toBe("forbidden");
    expect(await codeOf(saveGuide(db, { ...steward.ctx, agent: { tokenId: "t", name: "bot", version: "1" } }, pid, { body: "x" }))).toBe("forbidden");
    expect(await codeOf(saveGuide(db, steward.ctx, pid, { body: "x".repeat(GUIDE_MAX_CHARS + 1) }))).toBe("invalid_input");
    expect(await codeOf(saveGuide(db, steward.ctx, pid, { body: "x", extra: 1 }))).toBe("invalid_input");
    await saveGuide(db, steward.ctx, pid, { body: "x".repeat(GUIDE_MAX_CHARS) });
    expect(await getGuide(db, engineer.ctx, pid)).toMatchObject({ version: 1 });
    const other = await newAdmin(db, "Olga Other");
    expect(await codeOf(getGuide(db, other.ctx, pid))).toBe("not_found");
    expect(await codeOf(saveGuide(db, other.ctx, pid, { body: "mine" }))).toBe("not_found");
    expect(await db.portingGuideVersion.count({ where: { projectId: pid } })).toBe(1);
    expect(admin.ctx.role).toBe("ADMIN");
  });

  test("over REST: GET, PUT and the versions", async () => {
    const { db, admin, pid } = await setup();
    const steward = await tokenHeaders(db, admin.ctx, pid, "STEWARD");
    const viewer = await tokenHeaders(db, admin.ctx, pid, "VIEWER");
    expect(await call(getRoute as never, { projectId: pid }, { headers: viewer })).toEqual({ status: 200, body: null });
    const saved = await call(putRoute as never, { projectId: pid }, { method: "PUT", headers: steward, json: { body: "Use blueprints." } });
    expect(saved).toMatchObject({ status: 200, body: { version: 1, created: true } });
    expect((await call(putRoute as never, { projectId: pid }, { method: "PUT", headers: viewer, json: { body: "no" } })).status).toBe(403);
    expect((await call(getRoute as never, { projectId: pid }, { headers: viewer, query: "?version=1" })).body).toMatchObject({ body: "Use blueprints." });
    expect((await call(versionsRoute as never, { projectId: pid }, { headers: viewer })).body).toMatchObject([{ version: 1 }]);
  });
});
