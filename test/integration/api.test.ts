import { beforeEach, describe, expect, test } from "vitest";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { testDb } from "../helpers/db";
import { callRoute, type RouteHandler } from "../helpers/route";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { setProjectArchived } from "@/lib/projects/projects";
import { signIn } from "../helpers/session";

const { GET: listProjects, POST: postProject } = await import("@/app/api/v1/projects/route");
const { GET: getProject, PATCH: patchProject } = await import("@/app/api/v1/projects/[projectId]/route");
const { GET: unknownEndpoint } = await import("@/app/api/v1/[...rest]/route");

const call = async (handler: RouteHandler, path: string, init: RequestInit = {}, params: object = {}) => {
  const response = await callRoute(handler, params, { ...init, query: path.includes("?") ? path.slice(path.indexOf("?")) : "" });
  return { status: response.status, body: await response.json(), headers: response.headers };
};
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

beforeEach(() => {
  signIn(null);
});

async function twoTenants() {
  const db = await testDb();
  const a = await newAdmin(db, "Alice");
  const b = await newAdmin(db, "Bob");
  const aProject = await newProject(db, a.ctx, { name: "A port" });
  const aOther = await newProject(db, a.ctx, { name: "A second" });
  const bProject = await newProject(db, b.ctx, { name: "B port" });
  const { secret } = await createApiToken(db, a.ctx, { projectId: aProject.id, name: "CI" });
  return { db, a, b, aProject, aOther, bProject, token: secret };
}

describe("GET /api/v1/projects", () => {
  test("no credentials → 401 with the error format", async () => {
    const res = await call(listProjects, "/api/v1/projects");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("Sign in") } });
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  test.each([["garbage"], ["wpt_unknown"], ["Basic abc"]])("a bad token (%s) → 401", async (token) => {
    const res = await call(listProjects, "/api/v1/projects", { headers: { Authorization: token.startsWith("Basic") ? token : `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });

  test("a token sees only its own project, and its use is recorded", async () => {
    const { db, aProject, token } = await twoTenants();
    const res = await call(listProjects, "/api/v1/projects", bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { id: string }) => p.id)).toEqual([aProject.id]);
    expect(res.body.data[0]).toMatchObject({ name: "A port", organization: { name: "Alice Org" }, archived: false });
    expect(res.body.nextCursor).toBeNull();
    const stored = await db.apiToken.findFirstOrThrow({ where: { projectId: aProject.id } });
    expect(stored.lastUsedAt).not.toBeNull();
  });

  test("a session sees its organisations' projects only, paginated by cursor", async () => {
    const { a, aProject, aOther } = await twoTenants();
    signIn(a.user.id);
    const first = await call(listProjects, "/api/v1/projects?limit=1");
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    const second = await call(listProjects, `/api/v1/projects?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.data[0].id, second.body.data[0].id].sort()).toEqual([aProject.id, aOther.id].sort());
  });

  test("archived projects are left out unless asked for", async () => {
    const { db, a, aOther } = await twoTenants();
    await setProjectArchived(db, a.ctx, { projectId: aOther.id, archived: true });
    signIn(a.user.id);
    expect((await call(listProjects, "/api/v1/projects")).body.data).toHaveLength(1);
    expect((await call(listProjects, "/api/v1/projects?archived=only")).body.data.map((p: { id: string }) => p.id)).toEqual([aOther.id]);
  });

  test.each([
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?archived=maybe", "archived"],
    ["?orgId=x", "_"],
  ])("bad query %s → 400 naming %s", async (query, field) => {
    const { token } = await twoTenants();
    const res = await call(listProjects, `/api/v1/projects${query}`, bearer(token));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
  });
});

describe("GET /api/v1/projects/{id}", () => {
  test("returns the project to its token and to its members", async () => {
    const { db, a, aProject, token } = await twoTenants();
    expect((await call(getProject, `/api/v1/projects/${aProject.id}`, bearer(token), { projectId: aProject.id })).body.id).toBe(aProject.id);
    const viewer = await newMember(db, a.organization.id, "VIEWER");
    signIn(viewer.user.id);
    expect((await call(getProject, `/api/v1/projects/${aProject.id}`, {}, { projectId: aProject.id })).status).toBe(200);
  });

  test("another tenant's project, or another project than the token's, is 404 — same as an unknown id", async () => {
    const { a, aOther, bProject, token } = await twoTenants();
    for (const id of [bProject.id, aOther.id, "does-not-exist"]) {
      const res = await call(getProject, `/api/v1/projects/${id}`, bearer(token), { projectId: id });
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: "No such project." });
    }
    signIn(a.user.id);
    expect((await call(getProject, `/api/v1/projects/${bProject.id}`, {}, { projectId: bProject.id })).status).toBe(404);
  });

  test("a revoked token is refused at once", async () => {
    const { db, a, aProject, token } = await twoTenants();
    const stored = await db.apiToken.findFirstOrThrow({ where: { projectId: aProject.id } });
    await revokeApiToken(db, a.ctx, { projectId: aProject.id, tokenId: stored.id });
    const res = await call(getProject, `/api/v1/projects/${aProject.id}`, bearer(token), { projectId: aProject.id });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("revoked");
  });

  test("a token is not a session: sending a bad one fails even when signed in", async () => {
    const { a, aProject } = await twoTenants();
    signIn(a.user.id);
    expect((await call(getProject, `/api/v1/projects/${aProject.id}`, bearer("wpt_nope"), { projectId: aProject.id })).status).toBe(401);
  });
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("POST /api/v1/projects", () => {
  const valid = { name: "Py2 → Py3", fromStack: "Python 2.7", toStack: "Python 3.12", targetDate: "2027-03-31" };

  test("a signed-in admin creates a project in their organisation → 201", async () => {
    const { db, a } = await twoTenants();
    signIn(a.user.id);
    const res = await call(postProject, "/api/v1/projects", json({ organization: a.organization.slug, ...valid }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Py2 → Py3",
      slug: "py2-py3",
      targetDate: "2027-03-31",
      startDate: null,
      organization: { slug: a.organization.slug },
    });
    expect(await db.project.count({ where: { id: res.body.id, organizationId: a.organization.id } })).toBe(1);
  });

  test.each([
    ["{not json", "not valid JSON"],
    ["", "must be a JSON object"],
  ])("malformed JSON %j → 400 and nothing written", async (body, message) => {
    const { db, a } = await twoTenants();
    signIn(a.user.id);
    const before = await db.project.count();
    const res = await call(postProject, "/api/v1/projects", json(body));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(await db.project.count()).toBe(before);
  });

  test.each([
    [{ ...valid, organizationId: "forged" }, "_"],
    [{ ...valid, name: "x".repeat(121) }, "name"],
    [{ ...valid, targetDate: "next year" }, "targetDate"],
    [{ name: "No stacks" }, "fromStack"],
  ])("invalid body %# → 400 naming %s, nothing written", async (body, field) => {
    const { db, a } = await twoTenants();
    signIn(a.user.id);
    const before = await db.project.count();
    const res = await call(postProject, "/api/v1/projects", json({ organization: a.organization.slug, ...body }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
    expect(await db.project.count()).toBe(before);
  });

  test("another tenant's organisation → 404; a viewer → 403; a token → 403; a duplicate slug → 409", async () => {
    const { db, a, b, aProject, token } = await twoTenants();
    signIn(a.user.id);
    expect((await call(postProject, "/api/v1/projects", json({ organization: b.organization.slug, ...valid }))).status).toBe(404);
    expect((await call(postProject, "/api/v1/projects", json({ organization: a.organization.slug, ...valid, slug: aProject.slug }))).status).toBe(409);
    const viewer = await newMember(db, a.organization.id, "VIEWER");
    signIn(viewer.user.id);
    expect((await call(postProject, "/api/v1/projects", json({ organization: a.organization.slug, ...valid }))).status).toBe(403);
    signIn(null);
    expect(
      (await call(postProject, "/api/v1/projects", json({ organization: a.organization.slug, ...valid }, { Authorization: `Bearer ${token}` }))).status,
    ).toBe(403);
    expect(await db.project.count({ where: { organizationId: b.organization.id } })).toBe(1);
  });
});

describe("PATCH /api/v1/projects/{id}", () => {
  const patch = (body: unknown, headers: Record<string, string> = {}) => ({ ...json(body, headers), method: "PATCH" });

  test("changes only the fields sent; null clears a date; archived archives", async () => {
    const { a, aProject } = await twoTenants();
    signIn(a.user.id);
    await call(patchProject, "", patch({ targetDate: "2027-01-31", startDate: "2026-01-05" }), { projectId: aProject.id });
    const res = await call(patchProject, "", patch({ toStack: "Python 3.13", startDate: null, archived: true }), { projectId: aProject.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "A port", toStack: "Python 3.13", startDate: null, targetDate: "2027-01-31", archived: true });
  });

  test("a manager token may edit its own project only; an engineer token may not edit", async () => {
    const { db, a, aProject, aOther } = await twoTenants();
    const manager = (await createApiToken(db, a.ctx, { projectId: aProject.id, name: "m", role: "MANAGER" })).secret;
    const engineer = (await createApiToken(db, a.ctx, { projectId: aProject.id, name: "e", role: "ENGINEER" })).secret;
    expect((await call(patchProject, "", patch({ name: "Renamed" }, { Authorization: `Bearer ${manager}` }), { projectId: aProject.id })).body.name).toBe(
      "Renamed",
    );
    expect((await call(patchProject, "", patch({ name: "Nope" }, { Authorization: `Bearer ${engineer}` }), { projectId: aProject.id })).status).toBe(403);
    expect((await call(patchProject, "", patch({ name: "Nope" }, { Authorization: `Bearer ${manager}` }), { projectId: aOther.id })).status).toBe(404);
    expect((await db.project.findUniqueOrThrow({ where: { id: aOther.id } })).name).toBe("A second");
  });

  test("another tenant's project → 404 and unchanged; an empty or unknown field → 400", async () => {
    const { db, a, aProject, bProject } = await twoTenants();
    signIn(a.user.id);
    expect((await call(patchProject, "", patch({ name: "pwned" }), { projectId: bProject.id })).status).toBe(404);
    expect((await db.project.findUniqueOrThrow({ where: { id: bProject.id } })).name).toBe("B port");
    expect((await call(patchProject, "", patch({}), { projectId: aProject.id })).status).toBe(400);
    expect((await call(patchProject, "", patch({ organizationId: "x" }), { projectId: aProject.id })).status).toBe(400);
  });
});

describe("tokens", () => {
  test("only managers and admins create tokens; a token never carries the admin role", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const project = await newProject(db, ctx);
    const engineer = await newMember(db, organization.id, "ENGINEER");
    await expect(createApiToken(db, engineer.ctx, { projectId: project.id, name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiToken(db, ctx, { projectId: project.id, name: "x", role: "ADMIN" })).rejects.toMatchObject({ code: "invalid_input" });
    const { secret, token } = await createApiToken(db, ctx, { projectId: project.id, name: "x", role: "VIEWER" });
    expect(secret).toMatch(/^wpt_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(stored.tokenHash).toHaveLength(64);
    expect(stored.tokenHash).not.toContain(secret.slice(4));
  });

  test("a token cannot be created for, or revoked in, another tenant's project", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    const bProject = await newProject(db, b.ctx);
    await expect(createApiToken(db, a.ctx, { projectId: bProject.id, name: "x" })).rejects.toMatchObject({ code: "not_found" });
    const { token } = await createApiToken(db, b.ctx, { projectId: bProject.id, name: "theirs" });
    await expect(revokeApiToken(db, a.ctx, { projectId: bProject.id, tokenId: token.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });
});

test("an unknown API path answers 404 in the API's error format", async () => {
  const res = await call(unknownEndpoint, "/api/v1/nope");
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe("not_found");
});
