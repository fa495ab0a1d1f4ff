import { describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { testDb } from "../helpers/db";

const STATUS_FIELDS = ["created", "status", "deleted", "restored"];
const DONE = ["PORTED", "VERIFIED", "RETIRED"];

/**
 * Replays a project's history item by item and lists what does not add up: one "created" row,
 * first; status rows that chain from the status of the moment; "deleted" / "restored" rows that
 * carry that status and agree with deletedAt; no change while deleted; other fields that chain
 * and end at the item's current value; nothing in the future.
 */
async function historyProblems(db: Db, projectId: string, now: Date) {
  const items = await db.item.findMany({ where: { projectId } });
  const changes = await db.itemChange.findMany({ where: { projectId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const byItem = new Map<string, typeof changes>();
  for (const c of changes) byItem.set(c.itemId, [...(byItem.get(c.itemId) ?? []), c]);
  const problems: string[] = [];
  const stats = { rollbacks: 0, restored: 0 };
  for (const item of items) {
    const rows = byItem.get(item.id) ?? [];
    const bad = (what: string) => problems.push(`${item.key}: ${what}`);
    if (rows.filter((r) => r.field === "created").length !== 1 || rows[0]?.field !== "created") bad("not exactly one created row, first");
    if (rows[0] && rows[0].at.getTime() !== item.createdAt.getTime()) bad("created row not at createdAt");
    let status: string | null = null;
    let deletedAt: Date | null = null;
    let wasDone = false;
    const values = new Map<string, string | null>();
    for (const r of rows) {
      if (r.at > now) bad(`${r.field} row in the future`);
      if (deletedAt && r.field !== "restored") bad(`${r.field} row while deleted`);
      if (r.field === "created") status = r.toValue;
      else if (r.field === "status") {
        if (r.fromValue !== status) bad(`status from ${r.fromValue} while ${status}`);
        if (wasDone && DONE.includes(status!) && !DONE.includes(r.toValue!)) stats.rollbacks++;
        status = r.toValue;
      } else if (r.field === "deleted") {
        if (r.fromValue !== status) bad(`deleted from ${r.fromValue} while ${status}`);
        deletedAt = r.at;
      } else if (r.field === "restored") {
        if (!deletedAt || r.toValue !== status) bad(`restored to ${r.toValue} (deleted: ${Boolean(deletedAt)}, status ${status})`);
        deletedAt = null;
        stats.restored++;
      } else {
        if (values.has(r.field) && values.get(r.field) !== r.fromValue) bad(`${r.field} from ${r.fromValue}, was ${values.get(r.field)}`);
        if (r.fromValue === r.toValue) bad(`${r.field} changed to the same value`);
        values.set(r.field, r.toValue);
      }
      if (DONE.includes(status ?? "")) wasDone = true;
    }
    if (status !== item.status) bad(`history ends at ${status}, item is ${item.status}`);
    if (deletedAt?.getTime() !== item.deletedAt?.getTime())
      bad(`deleted at ${deletedAt?.toISOString()} in the history, ${item.deletedAt?.toISOString()} on the item`);
    if ((item.status === "WONT_PORT") !== Boolean(item.statusReason)) bad("won't port without a reason (or a reason without won't port)");
    const current: Record<string, string | null> = {
      owner: item.ownerTeamId ? `team:${item.ownerTeamId}` : item.ownerUserId ? `user:${item.ownerUserId}` : null,
      trafficPerDay: String(item.trafficPerDay),
      complexity: String(item.complexity),
      notes: item.notes,
      statusReason: item.statusReason,
      readiness: item.readiness,
    };
    for (const [field, value] of values) if (field in current && current[field] !== value) bad(`${field} ends at ${value}, item has ${current[field]}`);
  }
  return { problems, items, changes, stats };
}

describe("synthetic project generator", () => {
  const now = new Date("2026-06-15T12:00:00.000Z");
  const size = { routes: 300, modules: 60, dependencies: 20, history: 3000, seed: 11, now };

  test("writes a coherent history: one creation per item, status chains ending at the current status, deletions that agree", async () => {
    const db = await testDb();
    const result = await seedSyntheticProject(db, { ...size, organizationSlug: "synth-a" });
    expect(result.items).toBe(380);
    const { problems, items, changes, stats } = await historyProblems(db, result.projectId, now);
    expect(problems).toEqual([]);
    expect(changes).toHaveLength(3000);
    expect(result.history).toBe(3000);

    // Routes are found over the first year: the scope grows.
    const routes = items.filter((i) => i.kind === "ROUTE");
    const firstYear = now.getTime() - 365 * 86_400_000;
    expect(routes.every((r) => r.createdAt.getTime() < firstYear)).toBe(true);
    expect(new Set(routes.map((r) => r.createdAt.toISOString().slice(0, 7))).size).toBeGreaterThan(10);
    // Every kind of move is there: deletions, rollbacks, other fields the charts ignore.
    expect(items.filter((i) => i.deletedAt).length).toBeGreaterThan(0);
    expect(stats.rollbacks).toBeGreaterThan(0);
    const fields = new Set(changes.map((c) => c.field));
    for (const f of ["created", "status", "deleted", "owner", "trafficPerDay", "complexity", "notes"]) expect(fields.has(f), f).toBe(true);

    // The sum of the status rows (+1 at to, −1 at from) is today's count of each status.
    const sums = new Map<string, number>();
    for (const c of changes.filter((c) => STATUS_FIELDS.includes(c.field))) {
      if (c.toValue) sums.set(c.toValue, (sums.get(c.toValue) ?? 0) + 1);
      if (c.fromValue) sums.set(c.fromValue, (sums.get(c.fromValue) ?? 0) - 1);
    }
    const counts = new Map<string, number>();
    for (const i of items.filter((i) => !i.deletedAt)) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
    for (const [status, n] of sums) expect(n, status).toBe(counts.get(status) ?? 0);

    // Porting goes on (at this size not every week: a few hundred items port about one a week),
    // slowly at first: a burn-up shaped like an S.
    const portedBetween = (fromDays: number, toDays: number) =>
      changes.filter(
        (c) =>
          c.field === "status" &&
          c.toValue === "PORTED" &&
          c.at.getTime() > now.getTime() - fromDays * 86_400_000 &&
          c.at.getTime() <= now.getTime() - toDays * 86_400_000,
      ).length;
    expect(portedBetween(42, 0)).toBeGreaterThan(0);
    expect(portedBetween(730, 548)).toBeLessThan(portedBetween(365, 183));
  });

  test("is deterministic for a seed, and writes the chains even when asked for fewer rows", async () => {
    const db = await testDb();
    const a = await seedSyntheticProject(db, { ...size, organizationSlug: "synth-b" });
    const b = await seedSyntheticProject(db, { ...size, organizationSlug: "synth-b" });
    const shape = async (projectId: string) => {
      const items = await db.item.findMany({
        where: { projectId },
        select: { id: true, key: true, status: true, deletedAt: true, trafficPerDay: true, ownerTeamId: true, notes: true },
        orderBy: { key: "asc" },
      });
      const keys = new Map(items.map((i) => [i.id, i.key]));
      const changes = await db.itemChange.findMany({ where: { projectId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
      return {
        items: items.map(({ id: _, ...rest }) => rest),
        changes: changes.map((c) => [keys.get(c.itemId), c.field, c.fromValue, c.toValue, c.at.toISOString()]),
      };
    };
    expect(await shape(b.projectId)).toEqual(await shape(a.projectId));

    const small = await seedSyntheticProject(db, { ...size, history: 10, organizationSlug: "synth-b" });
    const { problems, changes } = await historyProblems(db, small.projectId, now);
    expect(problems).toEqual([]);
    expect(small.history).toBe(changes.length);
    expect(small.history).toBeGreaterThan(380);
    expect(changes.every((c) => ["created", "status", "deleted", "restored", "statusReason", "readiness"].includes(c.field))).toBe(true);
  });
});
