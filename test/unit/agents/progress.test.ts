import { describe, expect, test } from "vitest";
import { agentProgress, median, medianDurations, outcomeShares, portedByWeek, rollbacksByOrigin, type SubmissionFacts } from "@/lib/agents/progress";

const at = (iso: string) => new Date(iso);
const H = 3_600_000;
const sub = (itemId: string, submittedAt: string, outcome: SubmissionFacts["outcome"], claimHours = 1, decideHours = 2): SubmissionFacts => ({
  itemId,
  claimedAt: new Date(at(submittedAt).getTime() - claimHours * H),
  submittedAt: at(submittedAt),
  outcome,
  decidedAt: outcome ? new Date(at(submittedAt).getTime() + decideHours * H) : null,
});

describe("items ported per week, agents against people", () => {
  test.each([
    {
      name: "a person's change counts for people; a confirmed submission (and its own change) for agents",
      changes: [
        { itemId: "p1", at: at("2026-06-09T10:00:00Z") },
        { itemId: "a1", at: at("2026-06-10T10:00:00.200Z") },
      ],
      submissions: [sub("a1", "2026-06-10T10:00:00Z", "CONFIRMED")],
      zone: "UTC",
      want: [{ week: "2026-06-08", agents: 1, people: 1, agentShare: 0.5 }],
    },
    {
      name: "awaiting and sent-back submissions count for no one; their status changes are not people's",
      changes: [
        { itemId: "a1", at: at("2026-06-10T10:00:00Z") },
        { itemId: "a2", at: at("2026-06-10T11:00:00Z") },
      ],
      submissions: [sub("a1", "2026-06-10T10:00:00Z", null), sub("a2", "2026-06-10T11:00:00Z", "SENT_BACK")],
      zone: "UTC",
      want: [],
    },
    {
      name: "after a send-back, a person porting the item later counts for people",
      changes: [
        { itemId: "a1", at: at("2026-06-10T10:00:00Z") },
        { itemId: "a1", at: at("2026-06-17T10:00:00Z") },
      ],
      submissions: [sub("a1", "2026-06-10T10:00:00Z", "SENT_BACK")],
      zone: "UTC",
      want: [{ week: "2026-06-15", agents: 0, people: 1, agentShare: 0 }],
    },
    {
      name: "the week is the project zone's: Sunday 23:30 in New York is Monday in UTC",
      changes: [{ itemId: "p1", at: at("2026-06-15T03:30:00Z") }],
      submissions: [],
      zone: "America/New_York",
      want: [{ week: "2026-06-08", agents: 0, people: 1, agentShare: 0 }],
    },
    {
      name: "weeks in order",
      changes: [
        { itemId: "p2", at: at("2026-06-20T10:00:00Z") },
        { itemId: "p1", at: at("2026-06-01T10:00:00Z") },
      ],
      submissions: [sub("a1", "2026-06-10T10:00:00Z", "CONFIRMED")],
      zone: "UTC",
      want: [
        { week: "2026-06-01", agents: 0, people: 1, agentShare: 0 },
        { week: "2026-06-08", agents: 1, people: 0, agentShare: 1 },
        { week: "2026-06-15", agents: 0, people: 1, agentShare: 0 },
      ],
    },
  ])("$name", ({ changes, submissions, zone, want }) => {
    expect(portedByWeek(changes, submissions, zone)).toEqual(want);
  });
});

describe("outcomes and durations", () => {
  test.each([
    { values: [], want: null },
    { values: [5], want: 5 },
    { values: [9, 1, 5], want: 5 },
    { values: [4, 1, 3, 2], want: 2.5 },
  ])("median of $values is $want", ({ values, want }) => {
    expect(median(values)).toBe(want);
  });

  test("confirmed as submitted against sent back; awaiting ones are neither", () => {
    expect(
      outcomeShares([
        sub("a", "2026-06-10T10:00:00Z", "CONFIRMED"),
        sub("b", "2026-06-10T10:00:00Z", "CONFIRMED"),
        sub("c", "2026-06-10T10:00:00Z", "SENT_BACK"),
        sub("d", "2026-06-10T10:00:00Z", null),
      ]),
    ).toEqual({
      confirmed: 2,
      sentBack: 1,
      awaiting: 1,
      confirmedShare: 2 / 3,
    });
    expect(outcomeShares([sub("d", "2026-06-10T10:00:00Z", null)]).confirmedShare).toBeNull();
  });

  test("claim → submitted over every submission, submitted → confirmed over the confirmed ones", () => {
    const rows = [
      sub("a", "2026-06-10T10:00:00Z", "CONFIRMED", 1, 2),
      sub("b", "2026-06-10T10:00:00Z", "CONFIRMED", 3, 6),
      sub("c", "2026-06-10T10:00:00Z", "SENT_BACK", 5, 100),
    ];
    expect(medianDurations(rows)).toEqual({ claimToSubmittedMs: 3 * H, submittedToConfirmedMs: 4 * H });
    expect(medianDurations([])).toEqual({ claimToSubmittedMs: null, submittedToConfirmedMs: null });
  });
});

describe("rollbacks after a switch, by origin", () => {
  const sw = (itemId: string, iso: string, fromState: string, toState: string, byAgent: boolean) => ({ itemId, at: at(iso), fromState, toState, byAgent });
  test.each([
    {
      name: "a route sent to new and back to legacy is a rollback; shadow → legacy is not",
      rows: [
        sw("a1", "2026-06-10T10:00:00Z", "LEGACY", "NEW", true),
        sw("a1", "2026-06-11T10:00:00Z", "NEW", "LEGACY", true),
        sw("a2", "2026-06-10T10:00:00Z", "LEGACY", "SHADOW", true),
        sw("a2", "2026-06-11T10:00:00Z", "SHADOW", "LEGACY", true),
        sw("p1", "2026-06-10T10:00:00Z", "LEGACY", "CANARY", false),
        sw("p2", "2026-06-10T10:00:00Z", "LEGACY", "CANARY", false),
        sw("p2", "2026-06-10T12:00:00Z", "CANARY", "LEGACY", false),
        sw("p2", "2026-06-12T12:00:00Z", "LEGACY", "NEW", false),
        sw("p2", "2026-06-12T13:00:00Z", "NEW", "LEGACY", false),
      ],
      want: [
        { origin: "agent", switchedRoutes: 1, rolledBackRoutes: 1, rollbackShare: 1 },
        { origin: "person", switchedRoutes: 2, rolledBackRoutes: 1, rollbackShare: 0.5 },
      ],
    },
    {
      name: "nothing switched: no share",
      rows: [],
      want: [
        { origin: "agent", switchedRoutes: 0, rolledBackRoutes: 0, rollbackShare: null },
        { origin: "person", switchedRoutes: 0, rolledBackRoutes: 0, rollbackShare: null },
      ],
    },
  ])("$name", ({ rows, want }) => {
    expect(rollbacksByOrigin(rows)).toEqual(want);
  });
});

test("no agent has worked yet: the panel's empty state", () => {
  expect(agentProgress({ changes: [{ itemId: "p", at: at("2026-06-10T10:00:00Z") }], submissions: [], switches: [], timeZone: "UTC" }).any).toBe(false);
});
