import { afterEach, describe, expect, test, vi } from "vitest";
import { testDb } from "../helpers/db";
import { pinClock, TEST_START } from "../helpers/clock";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createLease } from "../helpers/agent-fixtures";
import { createItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { expireLeases } from "@/lib/agents/expire-leases";
import { HANDLERS } from "@/lib/jobs/handlers";
import { QUEUES } from "@/lib/jobs/queues";
import { sweepClaims } from "@/lib/notifications/reminders";

afterEach(() => {
  vi.useRealTimers();
});

const HOUR = 3_600_000;

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const ann = await newMember(db, admin.organization.id, "ENGINEER", "Ann");
  const route = (path: string) => createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path });
  const where = (itemId: string) => ({ organizationId: admin.organization.id, projectId: project.id, itemId, holderId: ann.user.id });
  return { db, admin, pid: project.id, ann, route, where };
}

describe("agent lease expiry", () => {
  test("with a pinned clock: a lapsed lease ends EXPIRED, frees the item, writes history and tells the owner; a live one and a person's claim stay", async () => {
    pinClock(TEST_START);
    const { db, admin, pid, ann, route, where } = await setup();
    const lapsing = await route("/lapsing");
    const live = await route("/live");
    const person = await route("/person");
    const start = new Date(TEST_START.getTime() + 60_000);
    const lease = await createLease(db, where(lapsing.id), { startedAt: start, leaseExpiresAt: new Date(start.getTime() + 2 * HOUR) });
    await createLease(db, where(live.id), { startedAt: start, leaseExpiresAt: new Date(start.getTime() + 3 * HOUR) });
    await claimItem(db, admin.ctx, pid, person.id);

    expect(await expireLeases(db)).toBe(0); // not yet
    pinClock(new Date(start.getTime() + 2 * HOUR + 1_000));
    expect(await expireLeases(db)).toBe(1);

    expect(await db.claim.findUniqueOrThrow({ where: { id: lease.id } })).toMatchObject({ endReason: "EXPIRED", activeItemId: null, endedById: null });
    expect(await db.claim.findUnique({ where: { activeItemId: lapsing.id } })).toBeNull();
    expect(await db.claim.findUnique({ where: { activeItemId: live.id } })).not.toBeNull();
    expect(await db.claim.findUnique({ where: { activeItemId: person.id } })).not.toBeNull();
    const history = await db.itemChange.findMany({ where: { itemId: lapsing.id, field: "claim" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(history.map((h) => [h.fromValue, h.toValue, h.actorId])).toEqual([
      [null, `user:${ann.user.id}`, ann.user.id],
      [`user:${ann.user.id}`, null, null],
    ]);
    const inbox = await db.notification.findMany({ where: { userId: ann.user.id } });
    expect(inbox.map((n) => [n.kind, n.title])).toEqual([["lease.expired", "Your agent's lease on GET /lapsing expired"]]);

    // The item is free: a person claims it; running again ends nothing more and tells no one twice.
    await claimItem(db, ann.ctx, pid, lapsing.id);
    expect(await expireLeases(db)).toBe(0);
    expect(await db.notification.count({ where: { userId: ann.user.id } })).toBe(1);
  });

  test("a lease extended by a heartbeat before the run is kept", async () => {
    pinClock(TEST_START);
    const { db, route, where } = await setup();
    const item = await route("/beating");
    const lease = await createLease(db, where(item.id), { leaseExpiresAt: new Date(TEST_START.getTime() + HOUR) });
    pinClock(new Date(TEST_START.getTime() + HOUR - 60_000));
    await db.claim.update({ where: { id: lease.id }, data: { leaseExpiresAt: new Date(Date.now() + 2 * HOUR) } });
    pinClock(new Date(TEST_START.getTime() + 2 * HOUR));
    expect(await expireLeases(db)).toBe(0);
    expect((await db.claim.findUniqueOrThrow({ where: { id: lease.id } })).endedAt).toBeNull();
  });

  test("the job runs every minute and calls the same function", async () => {
    pinClock(TEST_START);
    const { db, route, where } = await setup();
    const item = await route("/job");
    await createLease(db, where(item.id), { leaseExpiresAt: new Date(TEST_START.getTime() + 1_000) });
    pinClock(new Date(TEST_START.getTime() + 5_000));
    expect(QUEUES.agentLeaseExpiry.cron).toBe("* * * * *");
    expect(await HANDLERS.agentLeaseExpiry(db, {})).toEqual({ expired: 1 });
  });

  test("the claim reminders leave agents' leases alone: a lease about to lapse is no 'claim reaches its expected finish', a person's claim is", async () => {
    pinClock(TEST_START);
    const { db, admin, pid, ann, route, where } = await setup();
    const leased = await route("/leased");
    const claimed = await route("/claimed");
    await createLease(db, where(leased.id), { leaseExpiresAt: new Date(TEST_START.getTime() + HOUR) });
    await claimItem(db, admin.ctx, pid, claimed.id, { holderId: ann.user.id, expectedFinish: new Date(TEST_START.getTime() + HOUR).toISOString() });
    await db.claim.updateMany({ where: { itemId: leased.id }, data: { expectedFinish: new Date(TEST_START.getTime() + HOUR) } });
    await sweepClaims(db);
    const titles = (await db.notification.findMany({ where: { userId: ann.user.id }, select: { kind: true, title: true } })).map(
      (n) => `${n.kind}: ${n.title}`,
    );
    expect(titles.some((t) => t.includes("GET /claimed"))).toBe(true);
    expect(titles.filter((t) => t.includes("GET /leased"))).toEqual([]);
  });
});
