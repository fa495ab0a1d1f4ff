/**
 * Coding agents' tokens (issue 23): owned by a member who may claim, made by that member (or a
 * manager, or an operator) from the tokens page, never above Engineer, listed and revoked by
 * their owner.
 */
import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "@/lib/api-tokens/tokens";

async function world() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  const eng = await newMember(db, a.organization.id, "ENGINEER", "Eve");
  const other = await newMember(db, a.organization.id, "ENGINEER", "Olga");
  const manager = await newMember(db, a.organization.id, "MANAGER", "Max");
  const viewer = await newMember(db, a.organization.id, "VIEWER", "Vic");
  return { db, a, project, eng, other, manager, viewer };
}

describe("agent tokens", () => {
  test("an engineer makes one for themselves, never for someone else; a manager may name any member who can claim", async () => {
    const { db, project, eng, other, manager, viewer } = await world();
    const mine = await createApiToken(db, eng.ctx, { projectId: project.id, name: "my agent", scope: "AGENT", role: "MANAGER" });
    expect(mine.token).toMatchObject({ scope: "AGENT", role: "ENGINEER", createdById: eng.user.id });
    expect(await authenticateApiToken(db, mine.secret)).toMatchObject({ scope: "AGENT", role: "ENGINEER", ownerId: eng.user.id });
    await expect(createApiToken(db, eng.ctx, { projectId: project.id, name: "x", scope: "AGENT", ownerId: other.user.id })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createApiToken(db, eng.ctx, { projectId: project.id, name: "x", scope: "API" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiToken(db, viewer.ctx, { projectId: project.id, name: "x", scope: "AGENT" })).rejects.toMatchObject({ code: "forbidden" });
    const forOther = await createApiToken(db, manager.ctx, { projectId: project.id, name: "for Olga", scope: "AGENT", ownerId: other.user.id });
    expect(forOther.token.createdById).toBe(other.user.id);
    await expect(createApiToken(db, manager.ctx, { projectId: project.id, name: "x", scope: "AGENT", ownerId: viewer.user.id })).rejects.toThrow(
      /A viewer cannot own/,
    );
    await expect(createApiToken(db, manager.ctx, { projectId: project.id, name: "x", scope: "API", ownerId: other.user.id })).rejects.toThrow(
      /Only a coding agent's token has an owner/,
    );
    const outsider = await newAdmin(db, "B");
    await expect(createApiToken(db, manager.ctx, { projectId: project.id, name: "x", scope: "AGENT", ownerId: outsider.user.id })).rejects.toThrow(
      /must be a member of this organisation/,
    );
  });

  test("the owner lists and revokes their own agent tokens only; the token acts no higher than its owner now", async () => {
    const { db, a, project, eng, other } = await world();
    const mine = await createApiToken(db, eng.ctx, { projectId: project.id, name: "mine", scope: "AGENT" });
    const theirs = await createApiToken(db, other.ctx, { projectId: project.id, name: "theirs", scope: "AGENT" });
    await createApiToken(db, a.ctx, { projectId: project.id, name: "ci", scope: "EVIDENCE" });
    expect((await listApiTokens(db, eng.ctx, project.id)).map((t) => t.name)).toEqual(["mine"]);
    expect((await listApiTokens(db, a.ctx, project.id)).map((t) => t.name).sort()).toEqual(["ci", "mine", "theirs"]);
    await expect(revokeApiToken(db, eng.ctx, { projectId: project.id, tokenId: theirs.token.id })).rejects.toMatchObject({ code: "not_found" });
    await revokeApiToken(db, eng.ctx, { projectId: project.id, tokenId: mine.token.id });
    expect(await authenticateApiToken(db, mine.secret)).toBeNull();

    await db.membership.update({ where: { id: other.membership.id }, data: { role: "VIEWER" } });
    expect(await authenticateApiToken(db, theirs.secret)).toMatchObject({ role: "VIEWER" });
    await db.membership.delete({ where: { id: other.membership.id } });
    expect(await authenticateApiToken(db, theirs.secret)).toBeNull();
  });
});
