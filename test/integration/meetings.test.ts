import { describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { addRelation, createItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { createDecision } from "@/lib/stewardship/decisions";
import {
  addAgendaEntry,
  createActionItem,
  createMeeting,
  getMeeting,
  listMeetings,
  removeAgendaEntry,
  reorderAgendaEntries,
  setActionItemDone,
  thisWeek,
  updateMeeting,
} from "@/lib/stewardship/meetings";

async function setup() {
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const pid = project.id;
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Sam Steward");
  const ann = await newMember(db, admin.organization.id, "ENGINEER", "Ann");
  const route = (path: string, trafficPerDay: number) =>
    createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path, trafficPerDay, complexity: 2, testCoverage: 80 });
  const home = await route("/", 90_000);
  const users = await route("/users/<int:id>", 4_000);
  const checkout = await route("/checkout", 800);
  await createItem(db, admin.ctx, pid, "MODULE", { path: "billing" });
  await addRelation(db, admin.ctx, pid, checkout.id, { targetKey: "billing" });
  return { db, ...admin, pid, steward, ann, home, users, checkout };
}

const kinds = (entries: { kind: string }[]) => entries.map((e) => e.kind);

describe("weekly meetings", () => {
  test("the agenda is proposed from the project's state; stewards add, reorder and remove entries", async () => {
    const { db, pid, steward, ann, users, checkout } = await setup();
    // A claim gone stale, a proposed decision, an overdue action item from an earlier meeting.
    await claimItem(db, ann.ctx, pid, users.id);
    await db.claim.updateMany({ where: { itemId: users.id }, data: { startedAt: new Date("2026-01-01"), expectedFinish: new Date("2026-01-15") } });
    await db.item.update({ where: { id: users.id }, data: { updatedAt: new Date("2026-01-01") } });
    await createDecision(db, steward.ctx, pid, { title: "Port auth via JWT", decision: "Both stacks accept a signed JWT." });
    const first = await createMeeting(db, steward.ctx, pid, { date: "2026-11-17" });
    await createActionItem(db, steward.ctx, pid, first.id, { text: "Ask ops for the nginx map", ownerId: ann.user.id, dueDate: "2026-11-20" });

    const meeting = await createMeeting(db, steward.ctx, pid, { date: "2026-11-24", time: "09:30" });
    expect(kinds(meeting.agenda)).toEqual(["OVERDUE_ACTION", "STALE_CLAIM", "DECISION", "BLOCKED", "TARGET", "TARGET"]);
    expect(meeting.agenda.map((e) => e.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(meeting.agenda[0].title).toContain("Ask ops for the nginx map");
    expect(meeting.agenda[1].itemIds).toEqual([users.id]);
    expect(meeting.agenda[3].itemIds[0]).toBe(checkout.id);
    expect(meeting.agenda[3].detail).toContain("billing");
    // The claimed route is not handed out again; the unclaimed top targets are, unblocking work included.
    expect(meeting.agenda.slice(4).map((e) => e.title)).toEqual(["Hand out: GET / — 94.9% of traffic", "Hand out: module billing — unblocks 0.8% of traffic"]);
    expect(meeting.agenda.filter((e) => e.kind === "TARGET").flatMap((e) => e.itemIds)).not.toContain(users.id);
    expect(meeting.startsAt.toISOString()).toBe("2026-11-24T09:30:00.000Z");
    expect(meeting.attendees.map((a) => a.user.name)).toEqual(["Sam Steward"]);

    const custom = await addAgendaEntry(db, steward.ctx, pid, meeting.id, { title: "Freeze window for Black Friday", itemIds: [checkout.id] });
    expect(custom).toMatchObject({ kind: "CUSTOM", position: 6 });
    const ids = [custom.id, ...meeting.agenda.map((e) => e.id)];
    const reordered = await reorderAgendaEntries(db, steward.ctx, pid, meeting.id, { entryIds: ids });
    expect(reordered.map((e) => e.id)).toEqual(ids);
    expect(await codeOf(reorderAgendaEntries(db, steward.ctx, pid, meeting.id, { entryIds: ids.slice(1) }))).toBe("invalid_input");
    await removeAgendaEntry(db, steward.ctx, pid, meeting.id, meeting.agenda[2].id);
    expect(kinds((await getMeeting(db, steward.ctx, pid, meeting.id)).agenda)).toEqual([
      "CUSTOM",
      "OVERDUE_ACTION",
      "STALE_CLAIM",
      "BLOCKED",
      "TARGET",
      "TARGET",
    ]);
    expect(await codeOf(createMeeting(db, steward.ctx, pid, { date: "2026-11-24" }))).toBe("conflict");
  });

  test("action items carry over until done; the owner closes theirs; this week's view", async () => {
    const { db, pid, steward, ann, checkout } = await setup();
    const m1 = await createMeeting(db, steward.ctx, pid, { date: "2026-11-10" });
    const a1 = await createActionItem(db, steward.ctx, pid, m1.id, {
      text: "Write the billing port plan",
      ownerId: ann.user.id,
      dueDate: "2026-11-30",
      itemIds: [checkout.id],
    });
    await createActionItem(db, steward.ctx, pid, m1.id, { text: "Book the freeze window" });
    const m2 = await createMeeting(db, steward.ctx, pid, { date: "2026-11-17" });
    expect((await getMeeting(db, steward.ctx, pid, m2.id)).carriedOver.map((a) => a.text)).toEqual(["Write the billing port plan", "Book the freeze window"]);
    // Ann closes her own; an engineer may not close another's.
    const other = await newMember(db, (await db.project.findUniqueOrThrow({ where: { id: pid } })).organizationId, "ENGINEER", "Bob");
    expect(await codeOf(setActionItemDone(db, other.ctx, pid, a1.id, { done: true }))).toBe("forbidden");
    await setActionItemDone(db, ann.ctx, pid, a1.id, { done: true });
    const m3 = await createMeeting(db, steward.ctx, pid, { date: "2026-11-24" });
    expect((await getMeeting(db, steward.ctx, pid, m3.id)).carriedOver.map((a) => a.text)).toEqual(["Book the freeze window"]);
    await createActionItem(db, steward.ctx, pid, m3.id, { text: "Send the notes", ownerId: ann.user.id, dueDate: "2026-11-24" });
    const week = await thisWeek(db, steward.ctx, pid, new Date("2026-11-25T12:00:00Z"));
    expect(week.meeting?.id).toBe(m3.id);
    // People first, then what nobody owns; one item is past its due day.
    expect(week.openByOwner.map((g) => [g.owner?.name ?? null, g.items.map((i) => i.text)])).toEqual([
      ["Ann", ["Send the notes"]],
      [null, ["Book the freeze window"]],
    ]);
    expect(week.overdue).toBe(1);
    const listed = await listMeetings(db, steward.ctx, pid, {});
    expect(listed.data.map((m) => m.date.toISOString().slice(0, 10))).toEqual(["2026-11-24", "2026-11-17", "2026-11-10"]);
  });

  test("notes and attendees; roles; bad input; another tenant", async () => {
    const { db, pid, steward, ann, organization } = await setup();
    const meeting = await createMeeting(db, steward.ctx, pid, { date: "2026-11-24" });
    const updated = await updateMeeting(db, steward.ctx, pid, meeting.id, {
      notes: "# Notes\n<script>alert(1)</script>",
      attendeeIds: [steward.user.id, ann.user.id],
    });
    expect(updated.attendees.map((a) => a.user.name).sort()).toEqual(["Ann", "Sam Steward"]);
    expect(await codeOf(createMeeting(db, ann.ctx, pid, { date: "2026-11-25" }))).toBe("forbidden");
    expect(await codeOf(createActionItem(db, ann.ctx, pid, meeting.id, { text: "x" }))).toBe("forbidden");
    const viewer = await newMember(db, organization.id, "VIEWER");
    expect(await codeOf(createActionItem(db, steward.ctx, pid, meeting.id, { text: "x", ownerId: viewer.user.id }))).toBe("invalid_input");
    expect(await codeOf(createMeeting(db, steward.ctx, pid, { date: "2026-02-30" }))).toBe("invalid_input");
    expect(await codeOf(updateMeeting(db, steward.ctx, pid, meeting.id, { attendeeIds: ["nobody"] }))).toBe("invalid_input");
    const other = await newAdmin(db, "Other");
    expect(await codeOf(getMeeting(db, other.ctx, pid, meeting.id))).toBe("not_found");
    const theirs = await newProject(db, other.ctx);
    expect(await codeOf(getMeeting(db, other.ctx, theirs.id, meeting.id))).toBe("not_found");
    expect(await db.actionItem.count({ where: { projectId: pid } })).toBe(0);
  });
});
