import { beforeEach, describe, expect, test, vi } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject, tokenHeaders } from "../helpers/factories";
import { call } from "../helpers/route";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUserId: async () => session.userId }));

const search = await import("@/app/api/v1/projects/[projectId]/items/search/route");

beforeEach(() => {
  session.userId = null;
});

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  const base = { organizationId: a.ctx.organizationId, projectId: project.id };
  await db.item.createMany({
    data: [
      { ...base, kind: "ROUTE", key: "GET /billing/invoices", name: "GET /billing/invoices" },
      { ...base, kind: "ROUTE", key: "POST /billing", name: "POST /billing" },
      { ...base, kind: "ROUTE", key: "GET /users/<id>/billing", name: "GET /users/<id>/billing" },
      { ...base, kind: "ROUTE", key: "GET /100%_off", name: "GET /100%_off" },
      { ...base, kind: "ROUTE", key: "GET /1000_off", name: "GET /1000_off" },
      { ...base, kind: "MODULE", key: "app/billing", name: "app/billing" },
      { ...base, kind: "DEPENDENCY", key: "billiard", name: "billiard" },
      { ...base, kind: "ROUTE", key: "GET /billing/old", name: "GET /billing/old", deletedAt: new Date("2026-01-01T00:00:00Z") },
    ],
  });
  return { db, a, pid: project.id };
}

const keys = (body: { data: { key: string }[] }) => body.data.map((d) => d.key);

describe("item search (the pickers' type-ahead)", () => {
  test("substring, case-insensitive; keys and paths starting with the text first; deleted items left out", async () => {
    const { a, pid } = await setup();
    session.userId = a.user.id;
    const res = await call(search.GET, { projectId: pid }, { query: "?q=BILLING" });
    expect(res.status).toBe(200);
    // "/billing…" paths and "billing…" keys start with it; the others only contain it.
    expect(keys(res.body)).toEqual(["POST /billing", "GET /billing/invoices", "app/billing", "GET /users/<id>/billing"]);
    expect(res.body.data[0]).toEqual({ id: expect.any(String), kind: "ROUTE", key: "POST /billing", status: "NOT_STARTED" });
  });

  test("kind filter and limit", async () => {
    const { a, pid } = await setup();
    session.userId = a.user.id;
    expect(keys((await call(search.GET, { projectId: pid }, { query: "?q=bill&kind=module,dependency" })).body)).toEqual(["billiard", "app/billing"]);
    expect((await call(search.GET, { projectId: pid }, { query: "?q=bill&limit=2" })).body.data).toHaveLength(2);
  });

  test("% and _ are literal characters, not wildcards", async () => {
    const { a, pid } = await setup();
    session.userId = a.user.id;
    expect(keys((await call(search.GET, { projectId: pid }, { query: `?q=${encodeURIComponent("100%_")}` })).body)).toEqual(["GET /100%_off"]);
  });

  test("any member may search: a viewer's token and a viewer's session", async () => {
    const { db, a, pid } = await setup();
    const headers = await tokenHeaders(db, a.ctx, pid, "VIEWER", "read");
    expect(keys((await call(search.GET, { projectId: pid }, { headers, query: "?q=invoices" })).body)).toEqual(["GET /billing/invoices"]);
    const viewer = await newMember(db, a.ctx.organizationId, "VIEWER");
    session.userId = viewer.user.id;
    expect((await call(search.GET, { projectId: pid }, { query: "?q=invoices" })).status).toBe(200);
  });

  test("bad input is a 400 naming the field", async () => {
    const { a, pid } = await setup();
    session.userId = a.user.id;
    const empty = await call(search.GET, { projectId: pid }, { query: "?q=" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields.q).toBeDefined();
    const kind = await call(search.GET, { projectId: pid }, { query: "?q=a&kind=WIDGET" });
    expect(kind.status).toBe(400);
    expect(Object.keys(kind.body.error.details.fields)[0]).toMatch(/^kind/);
    const limit = await call(search.GET, { projectId: pid }, { query: "?q=a&limit=500" });
    expect(limit.body.error.details.fields.limit).toBeDefined();
    const extra = await call(search.GET, { projectId: pid }, { query: "?q=a&sort=key" });
    expect(extra.status).toBe(400);
  });

  test("another tenant's project answers 404 and shows nothing; no session answers 401", async () => {
    const { db, pid } = await setup();
    const b = await newAdmin(db, "B");
    session.userId = b.user.id;
    const res = await call(search.GET, { projectId: pid }, { query: "?q=billing" });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("billing/");
    session.userId = null;
    expect((await call(search.GET, { projectId: pid }, { query: "?q=billing" })).status).toBe(401);
  });
});
