import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { addRelation, createItem, updateItem } from "@/lib/inventory/items";
import { addTeamMember, createTeam } from "@/lib/teams/teams";
import { claimItem } from "@/lib/claims/claims";
import { listActiveClaims } from "@/lib/claims/queries";
import { projectRanking } from "@/lib/ranking/project-ranking";
import { updateClaimSettings, updateRankingWeights } from "@/lib/projects/project-settings";

/**
 * A small project: four routes, a module two of them use, and a dependency the module needs.
 * Nothing is ported, so the list opens with a pilot.
 */
async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const { ctx } = admin;
  const route = (path: string, fields: Record<string, unknown> = {}) => createItem(db, ctx, pid, "ROUTE", { method: "GET", path, ...fields });
  const home = await route("/", { trafficPerDay: 90_000, complexity: 1, testCoverage: 90 });
  const about = await route("/about", { trafficPerDay: 40, complexity: 1, testCoverage: 90 });
  const users = await route("/users/<int:id>", { trafficPerDay: 4_000, complexity: 2, testCoverage: 40 });
  const checkout = await route("/checkout", { trafficPerDay: 800, complexity: 5, testCoverage: 0 });
  const billing = await createItem(db, ctx, pid, "MODULE", { path: "billing", complexity: 3 });
  const stripe = await createItem(db, ctx, pid, "DEPENDENCY", { name: "stripe", readiness: "UPGRADE_NEEDED" });
  await addRelation(db, ctx, pid, checkout.id, { targetKey: "billing" });
  await addRelation(db, ctx, pid, users.id, { targetKey: "billing" });
  await addRelation(db, ctx, pid, billing.id, { targetKey: "stripe" });
  return { db, ...admin, pid, items: { home, about, users, checkout, billing, stripe } };
}

const keysOf = (r: { items: { key: string }[] }) => r.items.map((i) => i.key);

describe("a project's ranking from the database", () => {
  test("a pilot first while nothing is ported; blocked items held back naming their blocker; unblocking work ranked", async () => {
    const { db, ctx, pid } = await setup();
    const ranking = await projectRanking(db, ctx, pid, {});
    expect(ranking.hasPortedRoute).toBe(false);
    expect(ranking.items[0]).toMatchObject({ key: "GET /about", tier: "pilot", position: 1 });
    const checkout = ranking.items.find((i) => i.key === "GET /checkout")!;
    expect(checkout.tier).toBe("blocked");
    expect(checkout.blockedBy.map((b) => b.key)).toEqual(["billing"]);
    // The dependency that blocks the module blocks both routes' traffic through it.
    const stripe = ranking.items.find((i) => i.key === "stripe")!;
    expect(stripe.tier).toBe("unblocker");
    expect(stripe.unblocks).toMatchObject({ routes: 2, trafficPerDay: 4_800 });
    expect(ranking.total).toBe(6);
    expect(ranking.customWeights).toBe(false);
  });

  test("once a route is ported there is no pilot; done items are not ranked", async () => {
    const { db, ctx, pid, items } = await setup();
    await updateItem(db, ctx, pid, "ROUTE", items.about.id, { status: "PORTED" });
    const ranking = await projectRanking(db, ctx, pid, {});
    expect(ranking.hasPortedRoute).toBe(true);
    expect(ranking.items.map((i) => i.tier)).not.toContain("pilot");
    expect(keysOf(ranking)).not.toContain("GET /about");
    expect(ranking.items[0].key).toBe("GET /");
  });

  test("filters by kind, owner and team keep the positions of the whole list", async () => {
    const { db, ctx, pid, organization, items } = await setup();
    const ann = await newMember(db, organization.id, "ENGINEER", "Ann");
    const teamId = await createTeam(db, ctx, { name: "Payments" });
    await addTeamMember(db, ctx, { teamId, userId: ann.user.id });
    await updateItem(db, ctx, pid, "ROUTE", items.users.id, { owner: `user:${ann.user.id}` });
    await updateItem(db, ctx, pid, "MODULE", items.billing.id, { owner: `team:${teamId}` });
    const all = await projectRanking(db, ctx, pid, {});
    const positionOf = (key: string) => all.items.find((i) => i.key === key)!.position;

    const deps = await projectRanking(db, ctx, pid, { kind: "DEPENDENCY" });
    expect(keysOf(deps)).toEqual(["stripe"]);
    expect(deps.items[0].position).toBe(positionOf("stripe"));
    expect(deps.total).toBe(1);

    const team = await projectRanking(db, ctx, pid, { team: teamId });
    expect(keysOf(team).sort()).toEqual(["GET /users/<int:id>", "billing"]);
    expect(team.items.map((i) => i.position)).toEqual(team.items.map((i) => positionOf(i.key)));

    const annOnly = await projectRanking(db, ctx, pid, { owner: `user:${ann.user.id}` });
    expect(keysOf(annOnly)).toEqual(["GET /users/<int:id>"]);
    const unowned = await projectRanking(db, ctx, pid, { owner: "none" });
    expect(keysOf(unowned).sort()).toEqual(["GET /", "GET /about", "GET /checkout", "stripe"]);
    expect(unowned.items.every((i) => i.unowned)).toBe(true);

    const limited = await projectRanking(db, ctx, pid, { limit: "2" });
    expect(limited.items).toHaveLength(2);
    expect(limited.total).toBe(6);
  });

  test("bad queries are refused naming the field; another organisation's team or project is not found", async () => {
    const { db, ctx, pid } = await setup();
    const bad = await projectRanking(db, ctx, pid, { limit: "0", kind: "PAGE", owner: "bob" }).catch((e) => e);
    expect(bad.code).toBe("invalid_input");
    expect(Object.keys(bad.details.fields).sort()).toEqual(["kind", "limit", "owner"]);
    expect(await codeOf(projectRanking(db, ctx, pid, { colour: "red" }))).toBe("invalid_input");
    const other = await newAdmin(db, "Other");
    const otherTeam = await createTeam(db, other.ctx, { name: "Theirs" });
    const foreignTeam = await projectRanking(db, ctx, pid, { team: otherTeam }).catch((e) => e);
    expect(foreignTeam.details.fields).toEqual({ team: ["No such team."] });
    expect(await codeOf(projectRanking(db, other.ctx, pid, {}))).toBe("not_found");
  });

  test("a cached ranking follows every change: a claim, a status, a relation", async () => {
    const { db, ctx, pid, organization, items } = await setup();
    const key = (r: { items: { key: string; claimedBy: string | null; tier: string }[] }, k: string) => r.items.find((i) => i.key === k);
    const version = async () => (await db.projectVersion.findUnique({ where: { projectId: pid } }))?.version ?? 0n;
    const before = await projectRanking(db, ctx, pid, {});
    const v0 = await version();
    // Unchanged: the same prepared ranking is reused (same positions, no new version).
    expect((await projectRanking(db, ctx, pid, {})).items.map((i) => i.id)).toEqual(before.items.map((i) => i.id));
    expect(await version()).toBe(v0);
    const ann = await newMember(db, organization.id, "ENGINEER", "Ann");
    await claimItem(db, ann.ctx, pid, items.users.id);
    expect(await version()).toBeGreaterThan(v0);
    expect(key(await projectRanking(db, ctx, pid, {}), "GET /users/<int:id>")!.claimedBy).toBe("Ann");
    await updateItem(db, ctx, pid, "ROUTE", items.home.id, { status: "PORTED" });
    const afterPort = await projectRanking(db, ctx, pid, {});
    expect(key(afterPort, "GET /")).toBeUndefined();
    expect(afterPort.hasPortedRoute).toBe(true);
    await addRelation(db, ctx, pid, items.about.id, { targetKey: "billing" });
    expect(key(await projectRanking(db, ctx, pid, {}), "GET /about")!.tier).toBe("blocked");
  });

  test("the claim holder is shown on the ranked item", async () => {
    const { db, pid, organization, items } = await setup();
    const ann = await newMember(db, organization.id, "ENGINEER", "Ann");
    await claimItem(db, ann.ctx, pid, items.users.id);
    const ranking = await projectRanking(db, ann.ctx, pid, {});
    expect(ranking.items.find((i) => i.key === "GET /users/<int:id>")!.claimedBy).toBe("Ann");
    expect(ranking.items.find((i) => i.key === "GET /")!.claimedBy).toBeNull();
  });
});

describe("ranking weights in the project settings", () => {
  test("stored weights change the order; only non-default values are stored; null resets", async () => {
    const { db, ctx, pid } = await setup();
    await updateItem(db, ctx, pid, "ROUTE", (await projectRanking(db, ctx, pid, {})).items[0].id, { status: "PORTED" });
    const before = await projectRanking(db, ctx, pid, { kind: "ROUTE" });
    expect(before.items[0].key).toBe("GET /");
    // With traffic worth nothing and complexity everything, the home page no longer leads by traffic alone.
    const stored = await updateRankingWeights(db, ctx, pid, { traffic: 0, complexity: 10, tests: 1.5 });
    expect(stored).toEqual({ traffic: 0, complexity: 10 });
    const project = await db.project.findUniqueOrThrow({ where: { id: pid } });
    expect(project.rankingWeights).toEqual({ traffic: 0, complexity: 10 });
    const after = await projectRanking(db, ctx, pid, { kind: "ROUTE" });
    expect(after.customWeights).toBe(true);
    expect(after.weights.traffic).toBe(0);
    expect(after.items.find((i) => i.key === "GET /")!.factors[0].contribution).toBe(0);
    // A preview uses the weights it is given, not the stored ones.
    const preview = await projectRanking(db, ctx, pid, { kind: "ROUTE" }, { weights: {} });
    expect(keysOf(preview)).toEqual(keysOf(before));

    await updateRankingWeights(db, ctx, pid, null);
    expect((await db.project.findUniqueOrThrow({ where: { id: pid } })).rankingWeights).toBeNull();
    const reset = await projectRanking(db, ctx, pid, { kind: "ROUTE" });
    expect(reset.customWeights).toBe(false);
    expect(keysOf(reset)).toEqual(keysOf(before));
    const audit = await db.auditEvent.findMany({
      where: { targetId: pid, action: { startsWith: "project.ranking" } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(audit.map((a) => a.action)).toEqual(["project.ranking_weights", "project.ranking_weights_reset"]);
  });

  test("out-of-range or unknown weights are refused and nothing is stored; engineers may not tune", async () => {
    const { db, ctx, pid, organization } = await setup();
    const bad = await updateRankingWeights(db, ctx, pid, { traffic: 11, longTailMaxShare: -1, colour: 1 }).catch((e) => e);
    expect(bad.code).toBe("invalid_input");
    const engineer = await newMember(db, organization.id, "ENGINEER");
    expect(await codeOf(updateRankingWeights(db, engineer.ctx, pid, { traffic: 5 }))).toBe("forbidden");
    const steward = await newMember(db, organization.id, "STEWARD");
    expect(await codeOf(updateRankingWeights(db, steward.ctx, pid, { traffic: 5 }))).toBe("ok");
    const other = await newAdmin(db, "Other");
    expect(await codeOf(updateRankingWeights(db, other.ctx, pid, { traffic: 1 }))).toBe("not_found");
    expect((await db.project.findUniqueOrThrow({ where: { id: pid } })).rankingWeights).toEqual({ traffic: 5 });
  });
});

describe("claim settings and staleness", () => {
  test("claim settings are validated field by field and change nothing when refused", async () => {
    const { db, ctx, pid, organization } = await setup();
    const bad = await updateClaimSettings(db, ctx, pid, { claimLimit: 0, claimDays: 400, staleAfterDays: "soon" }).catch((e) => e);
    expect(bad.code).toBe("invalid_input");
    expect(Object.keys(bad.details.fields).sort()).toEqual(["claimDays", "claimLimit", "staleAfterDays"]);
    const steward = await newMember(db, organization.id, "STEWARD");
    expect(await codeOf(updateClaimSettings(db, steward.ctx, pid, { claimLimit: 5, claimDays: 7, staleAfterDays: 3 }))).toBe("forbidden");
    const unchanged = await db.project.findUniqueOrThrow({ where: { id: pid } });
    expect([unchanged.claimLimit, unchanged.claimDays, unchanged.staleAfterDays]).toEqual([3, 14, 10]);
    await updateClaimSettings(db, ctx, pid, { claimLimit: "5", claimDays: "7", staleAfterDays: "3" });
    const changed = await db.project.findUniqueOrThrow({ where: { id: pid } });
    expect([changed.claimLimit, changed.claimDays, changed.staleAfterDays]).toEqual([5, 7, 3]);
  });

  test("a claim goes stale past its expected finish, or when the item has not changed for the project's days", async () => {
    const { db, ctx, pid, organization, items } = await setup();
    await updateClaimSettings(db, ctx, pid, { claimLimit: 3, claimDays: 7, staleAfterDays: 3 });
    const ann = await newMember(db, organization.id, "ENGINEER", "Ann");
    const bob = await newMember(db, organization.id, "ENGINEER", "Bob");
    await claimItem(db, ann.ctx, pid, items.about.id);
    await claimItem(db, bob.ctx, pid, items.home.id);
    const day = 86_400_000;
    const fresh = await listActiveClaims(db, ctx, pid);
    expect(fresh.map((c) => [c.holder.name, c.staleness.stale])).toEqual([
      ["Ann", false],
      ["Bob", false],
    ]);
    // Four days on, both items are untouched for longer than 3 days.
    const later = await listActiveClaims(db, ctx, pid, { now: new Date(Date.now() + 4 * day) });
    expect(later.every((c) => c.staleness.stale)).toBe(true);
    // Eight days on, both are also past the expected finish (7 days).
    expect(later.map((c) => c.staleness.reasons)).toEqual([["no change for 4 days"], ["no change for 4 days"]]);
    const overdue = await listActiveClaims(db, ctx, pid, { now: new Date(Date.now() + 8 * day) });
    expect(overdue.map((c) => c.staleness.overdueDays)).toEqual([1, 1]);
    expect(overdue[0].staleness.reasons).toEqual(["1 day past its expected finish", "no change for 8 days"]);
    const annOnly = await listActiveClaims(db, ctx, pid, { holderId: ann.user.id });
    expect(annOnly.map((c) => c.item.key)).toEqual(["GET /about"]);
    expect(annOnly[0].nextStep).toBe("Start: set the status to in progress.");
    const other = await newAdmin(db, "Other");
    expect(await codeOf(listActiveClaims(db, other.ctx, pid))).toBe("not_found");
  });
});
