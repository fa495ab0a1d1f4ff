import { describe, expect, test } from "vitest";
import { DEMO_EMAIL, DEMO_ORG_SLUG, DEMO_PASSWORD, DEMO_PROJECT_SLUG, seedDemo } from "@/lib/demo/seed-demo";
import { verifyPassword } from "@/lib/auth/password";
import { orgContextFor } from "@/lib/orgs/membership";
import { projectStatusCounts } from "@/lib/projects/overview";
import { testDb } from "../helpers/db";
import { addDays, dayKey } from "@/lib/time/days";

describe("demo seed", () => {
  test("creates a realistic PHP → Python project once, with history for what is ported", async () => {
    const db = await testDb();
    const now = new Date();
    expect(await seedDemo(db, now)).toEqual({ created: true });
    expect(await seedDemo(db)).toEqual({ created: false });
    expect(await db.organization.count({ where: { slug: DEMO_ORG_SLUG } })).toBe(1);

    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL }, select: { id: true, passwordHash: true } });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
    const ctx = await orgContextFor(db, user.id, DEMO_ORG_SLUG);
    expect(ctx.role).toBe("ADMIN");

    const project = await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId, slug: DEMO_PROJECT_SLUG } });
    expect(project.fromStack).toMatch(/PHP/);
    const counts = await projectStatusCounts(db, ctx, project.id);
    expect(counts.ROUTE.total).toBe(60);
    expect(counts.MODULE.total).toBeGreaterThanOrEqual(10);
    expect(counts.DEPENDENCY.total).toBeGreaterThanOrEqual(10);
    const portedRoutes = counts.ROUTE.PORTED + counts.ROUTE.VERIFIED;
    expect(portedRoutes).toBeGreaterThan(3);
    expect(portedRoutes).toBeLessThan(20);

    // Every route uses its module; every status change of a ported item has a history row.
    const routes = await db.item.findMany({ where: { projectId: project.id, kind: "ROUTE" }, include: { uses: true, changes: true } });
    expect(routes.every((r) => r.uses.length >= 1)).toBe(true);
    for (const r of routes.filter((r) => r.status === "VERIFIED")) {
      expect(r.changes.filter((c) => c.field === "status").map((c) => c.toValue)).toEqual(["IN_PROGRESS", "PORTED", "VERIFIED"]);
      expect(r.changes.filter((c) => c.field === "created")).toHaveLength(1);
    }
    const pilot = routes.find((r) => r.key === "GET /about");
    expect(pilot).toMatchObject({ status: "VERIFIED", complexity: 1 });

    // The history is coherent: replayed row by row it ends where every item is.
    const items = await db.item.findMany({ where: { projectId: project.id }, include: { changes: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
    const problems: string[] = [];
    for (const item of items) {
      const bad = (what: string) => problems.push(`${item.key}: ${what}`);
      if (item.changes.filter((c) => c.field === "created").length !== 1 || item.changes[0]?.field !== "created") bad("not exactly one created row, first");
      if (item.changes[0]?.at.getTime() !== item.createdAt.getTime()) bad("created row not at createdAt");
      let status: string | null = null;
      let deletedAt: Date | null = null;
      const values = new Map<string, string | null>();
      for (const c of item.changes) {
        if (c.at > now) bad(`${c.field} in the future`);
        if (deletedAt && c.field !== "restored") bad(`${c.field} while deleted`);
        if (c.field === "created") status = c.toValue;
        else if (c.field === "status" || c.field === "deleted") {
          if (c.fromValue !== status) bad(`${c.field} from ${c.fromValue} while ${status}`);
          if (c.field === "status") status = c.toValue;
          else deletedAt = c.at;
        } else if (c.field === "restored") {
          if (!deletedAt || c.toValue !== status) bad("restored badly");
          deletedAt = null;
        } else {
          if (values.has(c.field) && values.get(c.field) !== c.fromValue) bad(`${c.field} does not chain`);
          values.set(c.field, c.toValue);
        }
      }
      if (status !== item.status) bad(`history ends at ${status}, item is ${item.status}`);
      if (deletedAt?.getTime() !== item.deletedAt?.getTime()) bad("deletedAt disagrees with the history");
      const current: Record<string, string | null> = {
        owner: item.ownerTeamId ? `team:${item.ownerTeamId}` : null,
        trafficPerDay: String(item.trafficPerDay),
        notes: item.notes,
        readiness: item.readiness,
        statusReason: item.statusReason,
      };
      for (const [field, value] of values) if (field in current && current[field] !== value) bad(`${field} ends at ${value}, item has ${current[field]}`);
    }
    expect(problems).toEqual([]);

    // The story: three imports grow the scope; one rollback, one deletion, a retired route.
    const changes = items.flatMap((i) => i.changes.map((c) => ({ ...c, kind: i.kind, key: i.key })));
    expect(new Set(changes.filter((c) => c.field === "created").map((c) => c.at.toISOString())).size).toBe(3);
    expect(changes.filter((c) => c.field === "status" && c.fromValue === "PORTED" && c.toValue === "IN_PROGRESS").map((c) => c.key)).toEqual(["POST /login"]);
    expect(items.filter((i) => i.deletedAt).map((i) => i.key)).toEqual(["GET /index.php"]);
    expect(routes.filter((r) => r.status === "RETIRED").map((r) => r.key)).toEqual(["GET /healthz"]);
    // The story spans the last 16 weeks of calendar days in the project's zone, whatever the hour.
    const firstDay = addDays(dayKey(now, project.timeZone), -16 * 7);
    expect(changes.filter((c) => dayKey(c.at, project.timeZone) < firstDay)).toEqual([]);
    expect(changes.some((c) => dayKey(c.at, project.timeZone) === firstDay)).toBe(true);
    // Something was ported in each of the last six weeks (weeks counted back from today, as the forecast does).
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const done = (s: string | null) => (s === "PORTED" || s === "VERIFIED" || s === "RETIRED" ? 1 : 0);
    for (let w = 0; w < 6; w++) {
      const inWeek = changes.filter(
        (c) =>
          ["created", "status", "deleted", "restored"].includes(c.field) &&
          c.at.getTime() >= today - (7 * w + 6) * 86_400_000 &&
          c.at.getTime() < today - (7 * w - 1) * 86_400_000,
      );
      expect(
        inWeek.reduce((n, c) => n + done(c.toValue) - done(c.fromValue), 0),
        `week ${w}`,
      ).toBeGreaterThan(0);
    }
    // Several status changes on one day, and a target date about ten weeks ahead.
    const perDay = new Map<string, number>();
    for (const c of changes.filter((c) => c.field === "status"))
      perDay.set(c.at.toISOString().slice(0, 10), (perDay.get(c.at.toISOString().slice(0, 10)) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeGreaterThanOrEqual(3);
    const weeksAhead = (project.targetDate!.getTime() - now.getTime()) / (7 * 86_400_000);
    expect(weeksAhead).toBeGreaterThan(8);
    expect(weeksAhead).toBeLessThan(12);
  });

  test("a stewardship group at work: a meeting with an open action item, the decision log, office hours", async () => {
    const db = await testDb();
    await seedDemo(db);
    const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "demo" } } });
    const decisions = await db.decision.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } });
    expect(decisions.map((d) => [d.number, d.status])).toEqual([
      [1, "SUPERSEDED"],
      [2, "ACCEPTED"],
      [3, "PROPOSED"],
    ]);
    expect(decisions[0].supersededById).toBe(decisions[1].id);
    const meetings = await db.meeting.findMany({ where: { projectId: project.id }, include: { agenda: true, actionItems: true } });
    expect(meetings).toHaveLength(1);
    expect(meetings[0].agenda.map((e) => e.kind).sort()).toEqual(["BLOCKED", "DECISION", "TARGET"]);
    expect(meetings[0].actionItems.filter((a) => a.doneAt === null)).toHaveLength(1);
    expect(await db.officeHourSlot.count({ where: { projectId: project.id } })).toBe(1);
  });
});
