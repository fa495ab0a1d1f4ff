import { beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { callRoute as call } from "../helpers/route";
import { createItem, updateItem } from "@/lib/inventory/items";
import { signIn } from "../helpers/session";

const dashboard = await import("@/app/api/v1/projects/[projectId]/progress/route");
const chart = await import("@/app/api/v1/projects/[projectId]/progress/[chart]/route");

beforeEach(() => {
  signIn(null);
});

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx, { name: "Billing port" });
  const route = await createItem(db, a.ctx, project.id, "ROUTE", { method: "GET", path: "/a", trafficPerDay: 300 });
  await createItem(db, a.ctx, project.id, "ROUTE", { method: "GET", path: "/b", trafficPerDay: 100 });
  await updateItem(db, a.ctx, project.id, "ROUTE", route.id, { status: "PORTED" });
  return { db, a, pid: project.id, headers: await tokenHeaders(db, a.ctx, project.id, "VIEWER", "read") };
}

describe("progress API", () => {
  test("the dashboard as JSON, one chart as JSON or as a CSV download", async () => {
    const { pid, headers } = await setup();
    const today = new Date().toISOString().slice(0, 10);
    const whole = await call(dashboard.GET, { projectId: pid }, { headers });
    expect(whole.status).toBe(200);
    const body = await whole.json();
    expect(body.series.burnUp.at(-1)).toEqual({ day: today, scope: 2, ported: 1, verified: 0 });
    expect(body.series.traffic.at(-1)).toMatchObject({ share: 0.75, countShare: 0.5 });
    expect(body).not.toHaveProperty("query");

    const json = await call(chart.GET, { projectId: pid, chart: "owners" }, { headers });
    expect(await json.json()).toEqual({ chart: "owners", data: [expect.objectContaining({ owner: "none", remaining: 1, total: 2 })] });

    const csv = await call(chart.GET, { projectId: pid, chart: "burnup" }, { headers, query: `?format=csv&from=${today}` });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="billing-port-burnup-${today}-${today}.csv"`);
    // Text is quoted (and escaped against formulas); numbers are bare.
    expect(await csv.text()).toBe(`"day","scope","ported","verified"\r\n"${today}",2,1,0\r\n`);
  });

  test("bad input is a 400 naming the field; an unknown chart, another tenant or no token are refused", async () => {
    const { db, pid, headers } = await setup();
    const bad = await call(dashboard.GET, { projectId: pid }, { headers, query: "?from=2026-13-01&kind=PAGE" });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.details.fields).sort()).toEqual(["from", "kind"]);
    const format = await call(chart.GET, { projectId: pid, chart: "burnup" }, { headers, query: "?format=xlsx" });
    expect(format.status).toBe(400);
    const unknown = await call(chart.GET, { projectId: pid, chart: "pie" }, { headers });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain('No chart "pie"');
    const other = await newAdmin(db, "B");
    const theirs = await newProject(db, other.ctx);
    expect((await call(dashboard.GET, { projectId: theirs.id }, { headers })).status).toBe(404);
    signIn(other.user.id);
    expect((await call(dashboard.GET, { projectId: pid })).status).toBe(404);
    signIn(null);
    expect((await call(dashboard.GET, { projectId: pid })).status).toBe(401);
  });
});
