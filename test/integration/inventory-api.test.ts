import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";
import { signIn } from "../helpers/session";

const list = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
const one = await import("@/app/api/v1/projects/[projectId]/[kind]/[itemId]/route");
const bulk = await import("@/app/api/v1/projects/[projectId]/[kind]/bulk/route");
const imports = await import("@/app/api/v1/projects/[projectId]/imports/route");
const commit = await import("@/app/api/v1/projects/[projectId]/imports/[importId]/commit/route");

beforeEach(() => {
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  const headers = await tokenHeaders(db, a.ctx, project.id, "ENGINEER", "ci");
  const viewerHeaders = await tokenHeaders(db, a.ctx, project.id, "VIEWER", "read");
  return { db, a, pid: project.id, headers, viewerHeaders };
}

describe("inventory API", () => {
  test("create, get with relations and history, patch, list with filters, delete", async () => {
    const { pid, headers } = await setup();
    const mod = await call(list.POST, { projectId: pid, kind: "modules" }, { method: "POST", headers, body: JSON.stringify({ path: "app/users" }) });
    expect(mod.status).toBe(201);
    const route = await call(
      list.POST,
      { projectId: pid, kind: "routes" },
      { method: "POST", headers, body: JSON.stringify({ method: "GET", path: "/users/{id}", trafficPerDay: 500 }) },
    );
    expect(route.body).toMatchObject({ key: "GET /users/<id>", kind: "ROUTE", trafficPerDay: 500, owner: null, blocked: false });

    const patched = await call(
      one.PATCH,
      { projectId: pid, kind: "routes", itemId: route.body.id },
      { method: "PATCH", headers, body: JSON.stringify({ status: "IN_PROGRESS", complexity: 2 }) },
    );
    expect(patched.body).toMatchObject({ status: "IN_PROGRESS", complexity: 2 });
    const detail = await call(one.GET, { projectId: pid, kind: "routes", itemId: route.body.id }, { headers });
    expect(detail.body.history.map((h: { field: string }) => h.field).sort()).toEqual(["complexity", "created", "status"]);

    const page = await call(list.GET, { projectId: pid, kind: "routes" }, { headers, query: "?status=IN_PROGRESS&sort=traffic" });
    expect(page.body).toMatchObject({ total: 1, nextCursor: null, prevCursor: null });
    expect((await call(list.GET, { projectId: pid, kind: "routes" }, { headers, query: "?status=PORTED" })).body.total).toBe(0);

    const gone = await call(one.DELETE, { projectId: pid, kind: "routes", itemId: route.body.id }, { method: "DELETE", headers });
    expect(gone.status).toBe(204);
    expect((await call(one.GET, { projectId: pid, kind: "routes", itemId: route.body.id }, { headers })).status).toBe(404);
  });

  test("a module id asked for as a route, an unknown kind, another tenant's project: 404", async () => {
    const { db, pid, headers } = await setup();
    const mod = await call(list.POST, { projectId: pid, kind: "modules" }, { method: "POST", headers, body: JSON.stringify({ path: "app/x" }) });
    expect((await call(one.GET, { projectId: pid, kind: "routes", itemId: mod.body.id }, { headers })).status).toBe(404);
    expect((await call(list.GET, { projectId: pid, kind: "widgets" }, { headers })).status).toBe(404);
    const b = await newAdmin(db, "B");
    const theirs = await newProject(db, b.ctx);
    expect((await call(list.GET, { projectId: theirs.id, kind: "routes" }, { headers })).status).toBe(404);
    expect(
      (await call(list.POST, { projectId: theirs.id, kind: "routes" }, { method: "POST", headers, body: JSON.stringify({ method: "GET", path: "/" }) })).status,
    ).toBe(404);
    expect(await db.item.count({ where: { projectId: theirs.id } })).toBe(0);
  });

  test("bad input: malformed JSON, unknown fields, wrong types → 400 naming the field; viewers → 403", async () => {
    const { db, pid, headers, viewerHeaders } = await setup();
    const post = (body: string, h = headers) => call(list.POST, { projectId: pid, kind: "routes" }, { method: "POST", headers: h, body });
    expect((await post("{nope")).status).toBe(400);
    const unknown = await post(JSON.stringify({ method: "GET", path: "/", priority: "high" }));
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.details.fields)).toContain("_");
    const typed = await post(JSON.stringify({ method: "GET", path: "/", trafficPerDay: -5 }));
    expect(Object.keys(typed.body.error.details.fields)).toContain("trafficPerDay");
    expect((await post(JSON.stringify({ method: "GET", path: "/" }), viewerHeaders)).status).toBe(403);
    expect(await db.item.count({ where: { projectId: pid } })).toBe(0);
  });

  test("bulk update by API", async () => {
    const { pid, headers } = await setup();
    const ids = [];
    for (const path of ["/a", "/b", "/c"])
      ids.push((await call(list.POST, { projectId: pid, kind: "routes" }, { method: "POST", headers, body: JSON.stringify({ method: "GET", path }) })).body.id);
    const res = await call(
      bulk.PATCH,
      { projectId: pid, kind: "routes" },
      { method: "PATCH", headers, body: JSON.stringify({ ids, set: { status: "PORTED" } }) },
    );
    expect(res.body).toEqual({ matched: 3, changed: 3 });
    expect((await call(list.GET, { projectId: pid, kind: "routes" }, { headers, query: "?status=PORTED" })).body.total).toBe(3);
  });
});

describe("import API", () => {
  test("upload a raw file → preview (201); commit → applied; the same file again → unchanged", async () => {
    const { db, pid, headers } = await setup();
    const upload = () =>
      call(
        imports.POST,
        { projectId: pid },
        {
          method: "POST",
          headers: { ...headers, "Content-Type": "text/plain" },
          body: "flask==3.0.3\nrequests==2.32.3\n",
          query: "?format=requirements&fileName=requirements.txt",
        },
      );
    const first = await upload();
    expect(first.status).toBe(201);
    expect(first.body.summary).toMatchObject({ new: 2, changed: 0 });
    const done = await call(commit.POST, { projectId: pid, importId: first.body.id }, { method: "POST", headers });
    expect(done.body.status).toBe("COMMITTED");
    expect(await db.item.count({ where: { projectId: pid, kind: "DEPENDENCY" } })).toBe(2);
    const second = await upload();
    expect(second.body.summary).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
  });

  test("multipart with several files; bad parameters and bad files are 400 with issues", async () => {
    const { pid, headers } = await setup();
    const form = new FormData();
    form.append("file", new Blob(["path,complexity\napp/a,2\n"]), "a.csv");
    form.append("file", new Blob(["path,complexity\napp/b,9\n"]), "b.csv");
    const { "Content-Type": _json, ...auth } = headers;
    const res = await call(imports.POST, { projectId: pid }, { method: "POST", headers: auth, body: form, query: "?format=csv&kind=modules" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ file: "b.csv", line: 2, field: "complexity", severity: "error" })]);
    const noFormat = await call(imports.POST, { projectId: pid }, { method: "POST", headers, body: "x", query: "?format=excel" });
    expect(noFormat.status).toBe(400);
    expect(Object.keys(noFormat.body.error.details.fields)).toContain("format");
  });
});
