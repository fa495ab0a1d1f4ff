import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { pinClock } from "../helpers/clock";
import { updateProgressSettings } from "@/lib/projects/project-settings";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { createItem } from "@/lib/inventory/items";
import { createDecision, getDecision, linkSupersededBy, listDecisions, updateDecision } from "@/lib/stewardship/decisions";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam Steward");
  const item = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/reports" });
  return { db, ...admin, pid: project.id, steward, item };
}

const jwt = {
  title: "Port auth via JWT between the two stacks",
  context: "Sessions live in PHP.",
  decision: "Both stacks accept a signed JWT cookie.",
  consequences: "A shared secret.",
};

describe("the decision log", () => {
  test.each([
    ["23:50 on New Year's Eve in Los Angeles (already 1 January in UTC)", "2028-01-01T07:50:00Z", "America/Los_Angeles", "2027-12-31"],
    ["00:30 in Auckland (still the day before in UTC)", "2027-04-03T11:30:00Z", "Pacific/Auckland", "2027-04-04"],
    ["noon in UTC", "2027-06-30T12:00:00Z", "UTC", "2027-06-30"],
  ])("a decision accepted at %s is decided on the project's calendar day", async (_, at, timeZone, expected) => {
    pinClock(at);
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    await updateProgressSettings(db, admin.ctx, project.id, { timeZone, forecastWeeks: 6 });
    const recorded = await createDecision(db, admin.ctx, project.id, { ...jwt, status: "ACCEPTED" });
    expect(recorded.decidedOn?.toISOString().slice(0, 10)).toBe(expected);
    const proposed = await createDecision(db, admin.ctx, project.id, { ...jwt, title: "Another" });
    const accepted = await updateDecision(db, admin.ctx, project.id, proposed.id, { status: "ACCEPTED" });
    expect(accepted.decidedOn?.toISOString().slice(0, 10)).toBe(expected);
    pinClock();
  });

  test("proposed decisions are edited with their history kept, then accepted; accepted ones are not rewritten", async () => {
    const { db, pid, steward, item, ctx } = await setup();
    const d = await createDecision(db, steward.ctx, pid, { ...jwt, peopleIds: [steward.user.id, ctx.userId], itemIds: [item.id] });
    expect(d).toMatchObject({ number: 1, status: "PROPOSED", decidedOn: null });
    expect(d.people.map((p) => p.user.name).sort()).toEqual(["Ada Admin", "Sam Steward"]);
    expect(d.items.map((i) => i.item.key)).toEqual(["GET /reports"]);
    await updateDecision(db, steward.ctx, pid, d.id, { decision: "Both stacks accept a signed JWT header." });
    const accepted = await updateDecision(db, steward.ctx, pid, d.id, { status: "ACCEPTED" });
    expect(accepted.status).toBe("ACCEPTED");
    expect(accepted.decidedOn).not.toBeNull();
    const rewrite = await updateDecision(db, steward.ctx, pid, d.id, { title: "Something else" }).catch((e) => e);
    expect(rewrite).toMatchObject({ code: "conflict" });
    expect(rewrite.message).toContain("Record a new decision that supersedes it");
    expect(await codeOf(updateDecision(db, steward.ctx, pid, d.id, { status: "PROPOSED" }))).toBe("conflict");
    const full = await getDecision(db, steward.ctx, pid, d.id);
    expect(full.revisions.map((r) => [r.field, r.fromValue, r.toValue])).toEqual([
      ["decision", "Both stacks accept a signed JWT cookie.", "Both stacks accept a signed JWT header."],
      ["status", "PROPOSED", "ACCEPTED"],
    ]);
    expect(full.title).toBe(jwt.title);
  });

  test("a new decision supersedes an accepted one; loops are refused; nothing changes on refusal", async () => {
    const { db, pid, steward } = await setup();
    const a = await createDecision(db, steward.ctx, pid, { ...jwt, status: "ACCEPTED" });
    const b = await createDecision(db, steward.ctx, pid, {
      title: "Keep reporting pages on the legacy stack",
      decision: "They stay.",
      status: "ACCEPTED",
      supersedesId: a.id,
    });
    expect(b.supersedes).toMatchObject({ id: a.id, number: 1 });
    const oldNow = await getDecision(db, steward.ctx, pid, a.id);
    expect(oldNow).toMatchObject({ status: "SUPERSEDED", supersededById: b.id });
    expect(oldNow.revisions.map((r) => r.toValue)).toEqual(["SUPERSEDED by D-2"]);
    // Superseding it again, or superseding a proposal, is refused.
    expect(await codeOf(createDecision(db, steward.ctx, pid, { title: "x", decision: "y", status: "ACCEPTED", supersedesId: a.id }))).toBe("conflict");
    // Only an accepted decision supersedes: a mere proposal would leave nothing in force if it failed.
    const proposed = await createDecision(db, steward.ctx, pid, { title: "x", decision: "y", supersedesId: b.id }).catch((e) => e);
    expect(proposed.details.fields).toEqual({ status: ["Accepted, to supersede."] });
    const proposal = await createDecision(db, steward.ctx, pid, { title: "Maybe", decision: "Perhaps" });
    expect(await codeOf(createDecision(db, steward.ctx, pid, { title: "x", decision: "y", status: "ACCEPTED", supersedesId: proposal.id }))).toBe("conflict");
    // B superseded by A would close the loop A → B → A.
    const loop = await linkSupersededBy(db, steward.ctx, pid, b.id, { supersededById: a.id }).catch((e) => e);
    expect(loop.code).toBe("invalid_input");
    expect(loop.message).toContain("D-2 Keep reporting pages on the legacy stack → D-1");
    const self = await linkSupersededBy(db, steward.ctx, pid, b.id, { supersededById: b.id }).catch((e) => e);
    expect(self.message).toContain("cannot supersede itself");
    expect((await getDecision(db, steward.ctx, pid, b.id)).status).toBe("ACCEPTED");
    expect(await db.decision.count({ where: { projectId: pid } })).toBe(3);
  });

  test("search by title and text, filters by status and item; roles; another tenant gets 404", async () => {
    const { db, pid, steward, item, organization } = await setup();
    await createDecision(db, steward.ctx, pid, { ...jwt, itemIds: [item.id], status: "ACCEPTED" });
    await createDecision(db, steward.ctx, pid, { title: "Reports stay on the legacy stack", decision: "No port for /reports." });
    const byText = await listDecisions(db, steward.ctx, pid, { q: "jwt" });
    expect(byText.data.map((d) => d.number)).toEqual([1]);
    expect((await listDecisions(db, steward.ctx, pid, { q: "legacy" })).data.map((d) => d.number)).toEqual([2]);
    expect((await listDecisions(db, steward.ctx, pid, { status: "PROPOSED" })).data.map((d) => d.number)).toEqual([2]);
    expect((await listDecisions(db, steward.ctx, pid, { item: item.id })).data.map((d) => d.number)).toEqual([1]);
    const paged = await listDecisions(db, steward.ctx, pid, { limit: "1" });
    expect([paged.data[0].number, paged.nextCursor]).toEqual([2, 2]);
    expect((await listDecisions(db, steward.ctx, pid, { limit: "1", cursor: "2" })).data.map((d) => d.number)).toEqual([1]);
    const engineer = await newMember(db, organization.id, "ENGINEER");
    expect(await codeOf(createDecision(db, engineer.ctx, pid, jwt))).toBe("forbidden");
    expect((await listDecisions(db, engineer.ctx, pid, {})).data).toHaveLength(2);
    const bad = await createDecision(db, steward.ctx, pid, { title: "", decision: "x", itemIds: ["nope"] }).catch((e) => e);
    expect(bad.code).toBe("invalid_input");
    const other = await newAdmin(db, "Other");
    const foreignItem = await createItem(db, other.ctx, (await newProject(db, other.ctx)).id, "ROUTE", { method: "GET", path: "/x" });
    const link = await createDecision(db, steward.ctx, pid, { ...jwt, itemIds: [foreignItem.id] }).catch((e) => e);
    expect(link.details.fields).toEqual({ itemIds: ["Every linked item must be in this project's inventory."] });
    expect(await codeOf(listDecisions(db, other.ctx, pid, {}))).toBe("not_found");
    expect(await db.decision.count({ where: { projectId: pid } })).toBe(2);
  });
});
