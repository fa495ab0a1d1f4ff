import { describe, expect, test } from "vitest";
import { DEMO_EMAIL, DEMO_ORG_SLUG, DEMO_PASSWORD, DEMO_PROJECT_SLUG, seedDemo } from "@/lib/demo/seed-demo";
import { verifyPassword } from "@/lib/auth/password";
import { orgContextFor } from "@/lib/orgs/membership";
import { projectStatusCounts } from "@/lib/projects/overview";
import { testDb } from "../helpers/db";

describe("demo seed", () => {
  test("creates a realistic PHP → Python project once, with history for what is ported", async () => {
    const db = await testDb();
    expect(await seedDemo(db)).toEqual({ created: true });
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
  });
});
