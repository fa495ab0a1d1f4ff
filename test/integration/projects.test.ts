import { describe, expect, test } from "vitest";
import { createProject, getProjectBySlug, listProjects, setProjectArchived, updateProject } from "@/lib/projects/projects";
import { projectStatusCounts } from "@/lib/projects/overview";
import { AppError } from "@/lib/errors";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";

describe("projects", () => {
  test("create, edit and archive, each audited", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const project = await createProject(db, ctx, {
      name: "Flask → Django",
      fromStack: "Flask",
      toStack: "Django",
      startDate: "2026-04-01",
      targetDate: "2026-09-30",
    });
    expect(project).toMatchObject({ slug: "flask-django", fromStack: "Flask" });
    const updated = await updateProject(db, ctx, {
      projectId: project.id,
      name: "Monolith → Django",
      slug: "django",
      fromStack: "Flask",
      toStack: "Django 5",
      description: "Weekly stewardship",
      startDate: "2026-04-01",
      targetDate: "",
    });
    expect(updated).toMatchObject({ slug: "django", toStack: "Django 5", targetDate: null });
    await setProjectArchived(db, ctx, { projectId: project.id, archived: true });
    expect(await listProjects(db, ctx)).toEqual([]);
    expect((await listProjects(db, ctx, { archived: "only" })).map((p) => p.slug)).toEqual(["django"]);
    const actions = (await db.auditEvent.findMany({ where: { targetId: project.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["project.created", "project.updated", "project.archived"]);
  });

  test("a slug used twice in one organisation is a conflict; another organisation may reuse it", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    await newProject(db, a.ctx, { slug: "port" });
    const error = await newProject(db, a.ctx, { slug: "port" }).catch((e: AppError) => e);
    expect((error as AppError).code).toBe("conflict");
    expect((error as AppError).details?.fields?.slug).toBeDefined();
    expect(await db.project.count({ where: { organizationId: a.organization.id } })).toBe(1);
    await expect(newProject(db, b.ctx, { slug: "port" })).resolves.toMatchObject({ slug: "port" });
  });

  test("engineers and viewers read projects but cannot create, edit or archive them", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const project = await newProject(db, ctx);
    for (const role of ["ENGINEER", "VIEWER", "STEWARD"] as const) {
      const member = await newMember(db, organization.id, role);
      expect(await listProjects(db, member.ctx)).toHaveLength(1);
      expect(await codeOf(newProject(db, member.ctx))).toBe("forbidden");
      expect(await codeOf(setProjectArchived(db, member.ctx, { projectId: project.id, archived: true }))).toBe("forbidden");
    }
    const manager = await newMember(db, organization.id, "MANAGER");
    expect(await codeOf(newProject(db, manager.ctx, { name: "Second" }))).toBe("ok");
  });

  test("another tenant's project is not found for every operation and stays unchanged", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    const theirs = await newProject(db, b.ctx, { slug: "secret" });
    expect(await codeOf(getProjectBySlug(db, a.ctx, "secret"))).toBe("not_found");
    expect(await codeOf(updateProject(db, a.ctx, { projectId: theirs.id, name: "pwned", slug: "pwned", fromStack: "x", toStack: "y" }))).toBe("not_found");
    expect(await codeOf(setProjectArchived(db, a.ctx, { projectId: theirs.id, archived: true }))).toBe("not_found");
    expect(await listProjects(db, a.ctx)).toEqual([]);
    expect(await db.project.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "PHP to Python", slug: "secret", archivedAt: null });
  });

  test("status counts: by kind and status, with the traffic on the new stack", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const project = await newProject(db, ctx);
    const scope = { organizationId: ctx.organizationId, projectId: project.id };
    await db.item.createMany({
      data: [
        { ...scope, kind: "ROUTE", key: "GET /", name: "GET /", status: "VERIFIED", trafficPerDay: 900 },
        { ...scope, kind: "ROUTE", key: "GET /a", name: "GET /a", status: "NOT_STARTED", trafficPerDay: 100 },
        { ...scope, kind: "ROUTE", key: "GET /b", name: "GET /b", status: "NOT_STARTED", trafficPerDay: 0 },
        { ...scope, kind: "MODULE", key: "app/x", name: "app/x", status: "IN_PROGRESS" },
      ],
    });
    const counts = await projectStatusCounts(db, ctx, project.id);
    expect(counts.ROUTE).toMatchObject({ VERIFIED: 1, NOT_STARTED: 2, total: 3, traffic: 1000, trafficDone: 900 });
    expect(counts.MODULE).toMatchObject({ IN_PROGRESS: 1, total: 1 });
    expect(counts.DEPENDENCY.total).toBe(0);
  });
});

describe("reserved slugs", () => {
  test("a project or organisation called New does not take the slug of the page that creates them", async () => {
    const db = await testDb();
    const { ctx, user } = await newAdmin(db);
    expect((await newProject(db, ctx, { name: "New" })).slug).toBe("new-project");
    expect(await codeOf(newProject(db, ctx, { name: "X", slug: "new" }))).toBe("invalid_input");
    const { createOrganization } = await import("@/lib/orgs/create-organization");
    expect((await createOrganization(db, user.id, { name: "New" })).slug).toBe("new-2");
  });
});
