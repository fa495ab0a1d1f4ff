import { describe, expect, test } from "vitest";
import { proposeAgenda, reorderAgenda, type AgendaState } from "@/lib/stewardship/agenda";

type Target = AgendaState["targets"][number];
type Blocked = AgendaState["blocked"][number];

const empty: AgendaState = { targets: [], staleClaims: [], blocked: [], proposedDecisions: [], questions: [], overdueActions: [] };

const target = (n: number, over: Partial<Target> = {}): Target => ({
  id: `t${n}`,
  key: `GET /r${n}`,
  kind: "ROUTE",
  tier: "target",
  reasons: [`reason ${n}`],
  claimedBy: null,
  position: n,
  ...over,
});
const mod = (id: string) => ({ id, key: `app/${id}`, kind: "MODULE" as const });
const blockedItem = (id: string, trafficPerDay: number, blockedBy: Blocked["blockedBy"] = [mod("billing")]): Blocked => ({
  id,
  key: `GET /${id}`,
  kind: "ROUTE",
  trafficPerDay,
  blockedBy,
});

/** One of everything, given out of order, so that the agenda's order is its own. */
const full: AgendaState = {
  targets: [target(2), target(1, { claimedBy: "Ana" }), target(3, { tier: "blocked" }), target(4, { kind: "MODULE", key: "app/cart", trafficShare: 0.1 })],
  staleClaims: [{ itemId: "s1", itemKey: "GET /old", holderName: "Bo", reasons: ["3 days past its expected finish", "no change for 12 days"] }],
  blocked: [blockedItem("b1", 10), blockedItem("b2", 500, [mod("billing"), { id: "d1", key: "mcrypt", kind: "DEPENDENCY" }])],
  proposedDecisions: [
    { id: "d-new", title: "Use Postgres", createdAt: new Date("2026-11-05T12:00:00Z") },
    { id: "d-old", title: "Drop IE11", createdAt: new Date("2026-10-01T08:00:00Z") },
  ],
  questions: [{ id: "q1", topic: "How do sessions move?", askedBy: "Cy", itemId: "i9", itemKey: "GET /login", sessionDate: "2026-11-04" }],
  overdueActions: [
    { id: "a2", text: "Write the runbook", ownerName: null, dueDate: "2026-11-03", itemIds: [] },
    { id: "a1", text: "Ask ops for a canary", ownerName: "Di", dueDate: "2026-10-28", itemIds: ["i1", "i2"] },
  ],
};

describe("proposeAgenda", () => {
  test("an empty project proposes nothing", () => {
    expect(proposeAgenda(empty)).toEqual([]);
  });

  test("commitments first, then decisions, questions, blockers, and the targets to hand out", () => {
    expect(proposeAgenda(full).map((e) => [e.kind, e.refId ?? e.itemIds[0]])).toEqual([
      ["OVERDUE_ACTION", "a1"],
      ["OVERDUE_ACTION", "a2"],
      ["STALE_CLAIM", "s1"],
      ["DECISION", "d-old"],
      ["DECISION", "d-new"],
      ["QUESTION", "q1"],
      ["BLOCKED", "b2"],
      ["BLOCKED", "b1"],
      ["TARGET", "t2"],
      ["TARGET", "t4"],
    ]);
  });

  test.each([
    // Every entry kind, → its whole entry.
    ["OVERDUE_ACTION", 0, { title: "Overdue: Ask ops for a canary", detail: "Owned by Di, was due 2026-10-28.", itemIds: ["i1", "i2"], refId: "a1" }],
    ["OVERDUE_ACTION", 1, { title: "Overdue: Write the runbook", detail: "No owner, was due 2026-11-03.", itemIds: [], refId: "a2" }],
    [
      "STALE_CLAIM",
      2,
      { title: "Still on it? GET /old — Bo", detail: "Claimed by Bo: 3 days past its expected finish, no change for 12 days.", itemIds: ["s1"], refId: null },
    ],
    ["DECISION", 3, { title: "Decide: Drop IE11", detail: "Proposed on 2026-10-01.", itemIds: [], refId: "d-old" }],
    [
      "QUESTION",
      5,
      { title: "Question: How do sessions move?", detail: "Asked by Cy at office hours on 2026-11-04, about GET /login.", itemIds: ["i9"], refId: "q1" },
    ],
    [
      "BLOCKED",
      6,
      {
        title: "Unblock: GET /b2 — 500 requests a day",
        detail: "Blocked by module app/billing (also holds back 1 other blocked item), dependency mcrypt.",
        itemIds: ["b2", "billing", "d1"],
        refId: null,
      },
    ],
    ["TARGET", 8, { title: "Hand out: GET /r2", detail: "#2 in the ranking, target: reason 2.", itemIds: ["t2"], refId: null }],
    [
      "TARGET",
      9,
      { title: "Hand out: module app/cart — unblocks 10% of traffic", detail: "#4 in the ranking, target: reason 4.", itemIds: ["t4"], refId: null },
    ],
  ] as const)("%s entry #%i", (kind, index, entry) => {
    expect(proposeAgenda(full)[index]).toEqual({ kind, ...entry });
  });

  test.each([
    // targets, option → ids handed out
    [[target(1), target(2), target(3)], undefined, ["t1", "t2", "t3"]],
    // Only unclaimed, and never the blocked tier.
    [[target(1, { claimedBy: "Ana" }), target(2, { tier: "blocked" }), target(3, { tier: "pilot" })], undefined, ["t3"]],
    // Best first by position, whatever the input order; the cap keeps the best.
    [[target(9), target(3), target(5)], 2, ["t3", "t5"]],
    // The default cap is 5, counted after claimed ones are left out.
    [[1, 2, 3, 4, 5, 6, 7].map((n) => target(n, { claimedBy: n === 1 ? "Ana" : null })), undefined, ["t2", "t3", "t4", "t5", "t6"]],
    [[target(1)], 0, []],
    [[target(1), target(2)], Number.NaN, ["t1", "t2"]],
    [[target(1), target(2)], 1.9, ["t1"]],
  ])("targets %#: cap %s → %j", (targets, cap, ids) => {
    expect(proposeAgenda({ ...empty, targets }, { targets: cap }).map((e) => e.itemIds[0])).toEqual(ids);
  });

  test.each([
    // blocked, cap → ids, most traffic first; ties by key
    [[blockedItem("a", 5), blockedItem("b", 50), blockedItem("c", 20)], undefined, ["b", "c", "a"]],
    [[blockedItem("z", 7), blockedItem("m", 7), blockedItem("k", 9)], undefined, ["k", "m", "z"]],
    [["a", "b", "c", "d", "e", "f"].map((id, i) => blockedItem(id, i)), undefined, ["f", "e", "d", "c", "b"]],
    [[blockedItem("a", 5), blockedItem("b", 50)], 1, ["b"]],
  ])("blocked %#: cap %s → %j", (blocked, cap, ids) => {
    expect(proposeAgenda({ ...empty, blocked }, { blocked: cap }).map((e) => e.itemIds[0])).toEqual(ids);
  });

  test.each([
    // A shared blocker says how many others it holds back — over all blocked items, shown or not.
    [[blockedItem("a", 3), blockedItem("b", 2), blockedItem("c", 1)], 1, "Blocked by module app/billing (also holds back 2 other blocked items)."],
    [[blockedItem("a", 3)], 5, "Blocked by module app/billing."],
    [[blockedItem("a", 3, [])], 5, "Blocked; what blocks it is not recorded."],
  ])("blocked detail %#", (blocked, cap, detail) => {
    expect(proposeAgenda({ ...empty, blocked }, { blocked: cap })[0].detail).toBe(detail);
  });

  test("an item without traffic has no traffic in its title", () => {
    expect(proposeAgenda({ ...empty, blocked: [blockedItem("a", 0)] })[0].title).toBe("Unblock: GET /a");
  });

  test("long free text is cut in the title and kept whole in the detail", () => {
    const topic = `Why ${"very ".repeat(30)}slow?`;
    const [entry] = proposeAgenda({ ...empty, questions: [{ id: "q", topic, askedBy: "Ed", itemId: null, itemKey: null, sessionDate: "2026-11-04" }] });
    // 99 characters, the space before the cut trimmed, then "…".
    expect(entry.title).toBe(`Question: Why ${"very ".repeat(19).trimEnd()}…`);
    expect(entry.detail).toBe(`${topic}\nAsked by Ed at office hours on 2026-11-04.`);
    expect(entry.itemIds).toEqual([]);
  });

  test("ties keep the caller's order, and the same state gives the same agenda", () => {
    const sameDay = { dueDate: "2026-11-01", ownerName: null, itemIds: [] };
    const state = {
      ...empty,
      overdueActions: [
        { id: "x", text: "X", ...sameDay },
        { id: "y", text: "Y", ...sameDay },
      ],
    };
    expect(proposeAgenda(state).map((e) => e.refId)).toEqual(["x", "y"]);
    expect(proposeAgenda(full)).toEqual(proposeAgenda(structuredClone(full)));
  });

  test("does not change its input", () => {
    const copy = structuredClone(full);
    proposeAgenda(full);
    expect(full).toEqual(copy);
  });
});

describe("reorderAgenda", () => {
  const entries = ["a", "b", "c"];
  test.each([
    [
      [2, 0, 1],
      ["c", "a", "b"],
    ],
    [
      [0, 1, 2],
      ["a", "b", "c"],
    ],
  ])("%j → %j", (order, expected) => {
    expect(reorderAgenda(entries, order)).toEqual(expected);
  });

  test.each([[[0, 1]], [[0, 1, 1]], [[0, 1, 3]], [[0, 1, 2, 0]], [[0, 1, -1]], [[0, 1, 1.5]]])("refuses %j", (order) => {
    expect(() => reorderAgenda(entries, order)).toThrow("The new order must list every agenda entry exactly once.");
  });
});

describe("target details", () => {
  test.each([
    [
      "a reason that names the tier is not repeated",
      target(1, { tier: "pilot", reasons: ["pilot: a low-traffic route", "complexity 1/5"] }),
      "#1 in the ranking, pilot: a low-traffic route; complexity 1/5.",
    ],
    ["other reasons are kept as they are", target(2, { reasons: ["carries 4.2% of traffic"] }), "#2 in the ranking, target: carries 4.2% of traffic."],
    ["no reasons", target(3, { reasons: [] }), "#3 in the ranking, target."],
  ])("%s", (_name, t, detail) => {
    const [entry] = proposeAgenda({ targets: [t], staleClaims: [], blocked: [], proposedDecisions: [], questions: [], overdueActions: [] });
    expect(entry.detail).toBe(detail);
  });
});
