import { beforeEach, describe, expect, test, vi } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { signIn } from "../helpers/session";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createProjectAction, archiveProjectAction } = await import("@/app/orgs/[org]/projects/actions");
const { revokeTokenAction, createTokenAction } = await import("@/app/orgs/[org]/projects/[project]/tokens/actions");
const { changeRoleAction } = await import("@/app/orgs/[org]/members/actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

beforeEach(() => {
  signIn(null);
});

describe("server actions", () => {
  test("without a session nothing happens and the form says so", async () => {
    const db = await testDb();
    const { organization } = await newAdmin(db);
    const state = await createProjectAction(null, form({ org: organization.slug, name: "X", fromStack: "a", toStack: "b" }));
    expect(state?.error).toMatch(/Sign in again/);
    expect(await db.project.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  test("a forged organisation in the form answers not found and changes nothing", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    const bProject = await newProject(db, b.ctx);
    const { token } = await createApiToken(db, b.ctx, { projectId: bProject.id, name: "theirs" });
    signIn(a.user.id);

    expect((await createProjectAction(null, form({ org: b.organization.slug, name: "Sneaky", fromStack: "a", toStack: "b" })))?.error).toBe(
      "No such organisation.",
    );
    expect((await archiveProjectAction(null, form({ org: b.organization.slug, projectId: bProject.id, archived: "true" })))?.error).toBe(
      "No such organisation.",
    );
    // Their own organisation in the form, another tenant's ids in the fields: still not found.
    expect((await archiveProjectAction(null, form({ org: a.organization.slug, projectId: bProject.id, archived: "true" })))?.error).toBe("No such project.");
    expect((await revokeTokenAction(null, form({ org: a.organization.slug, projectId: bProject.id, tokenId: token.id })))?.error).toBe("No such active token.");

    expect(await db.project.count({ where: { organizationId: b.organization.id } })).toBe(1);
    expect((await db.project.findUniqueOrThrow({ where: { id: bProject.id } })).archivedAt).toBeNull();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });

  test("roles are enforced on the server: a viewer's posted form is refused", async () => {
    const db = await testDb();
    const { organization, ctx } = await newAdmin(db);
    const project = await newProject(db, ctx);
    const viewer = await newMember(db, organization.id, "VIEWER");
    signIn(viewer.user.id);
    expect((await createTokenAction(null, form({ org: organization.slug, projectId: project.id, name: "x" })))?.error).toMatch(/Viewer/);
    expect((await changeRoleAction(null, form({ org: organization.slug, membershipId: viewer.membership.id, role: "ADMIN" })))?.error).toMatch(/Viewer/);
    expect(await db.apiToken.count({ where: { projectId: project.id } })).toBe(0);
    expect((await db.membership.findUniqueOrThrow({ where: { id: viewer.membership.id } })).role).toBe("VIEWER");
  });

  test("field errors come back with the typed values (but never the password)", async () => {
    const db = await testDb();
    const { organization, user } = await newAdmin(db);
    signIn(user.id);
    const state = await createProjectAction(null, form({ org: organization.slug, name: "Keep me", fromStack: "", toStack: "b", targetDate: "2026-13-01" }));
    expect(state?.fields).toHaveProperty("fromStack");
    expect(state?.fields).toHaveProperty("targetDate");
    expect(state?.values).toMatchObject({ name: "Keep me", toStack: "b" });
  });
});
