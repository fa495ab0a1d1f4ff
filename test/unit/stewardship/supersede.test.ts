import { describe, expect, test } from "vitest";
import { canEditDecision, nextStatusAllowed, supersedeCycle, supersedeCycleMessage, type DecisionStatus } from "@/lib/stewardship/supersede";

/** "A>B" means A.supersededById = B (B supersedes A). */
const log = (...links: string[]) =>
  links.map((l) => {
    const [id, by] = l.split(">");
    return { id, supersededById: by ?? null };
  });

describe("supersedeCycle", () => {
  test.each([
    // decisions, set decisionId.supersededBy = new → cycle
    [log("A", "B"), "A", "B", null],
    [log("A", "B"), "A", "A", ["A"]],
    [log("A", "B>A"), "A", "B", ["A", "B"]],
    [log("A", "B>C", "C>A"), "A", "B", ["A", "B", "C"]],
    [log("A", "B>C", "C>D", "D>A"), "A", "B", ["A", "B", "C", "D"]],
    // A chain that ends elsewhere is fine.
    [log("A", "B>C", "C>D", "D"), "A", "B", null],
    // Clearing a link never makes a cycle.
    [log("A>B", "B>A"), "A", null, null],
    // A's own current link is the one replaced: re-pointing A away from B breaks B→A→B.
    [log("A>B", "B>A", "C"), "A", "C", null],
    [log("A>C", "B>A", "C"), "A", "B", ["A", "B"]],
    // An id the list does not know ends the chain.
    [log("A"), "A", "ghost", null],
    // A cycle already in the data, not through A, stops the walk and is not A's doing.
    [log("A", "B>C", "C>B"), "A", "B", null],
  ])("%j: %s superseded by %s → %j", (decisions, id, by, cycle) => {
    expect(supersedeCycle(decisions, id, by)).toEqual(cycle);
  });

  test("a decision not yet in the list (being created) can still close a loop", () => {
    expect(supersedeCycle(log("B>N"), "N", "B")).toEqual(["N", "B"]);
  });
});

describe("supersedeCycleMessage", () => {
  const titles = (id: string) => ({ A: "D-1 Use Postgres", B: "D-2 Use MySQL" })[id];
  test.each([
    [["A"], "A decision cannot supersede itself (D-1 Use Postgres)."],
    [
      ["A", "B", "C"],
      "This would make a loop of decisions superseding each other: D-1 Use Postgres → D-2 Use MySQL → C → D-1 Use Postgres (each superseded by the next). A decision cannot, even through others, supersede itself.",
    ],
  ])("%j", (cycle, message) => {
    expect(supersedeCycleMessage(cycle, titles)).toBe(message);
  });
});

describe("decision status", () => {
  test.each([
    ["PROPOSED", true],
    ["ACCEPTED", false],
    ["REJECTED", false],
    ["SUPERSEDED", false],
  ] as const)("%s is edited in place: %s", (status, editable) => {
    expect(canEditDecision(status)).toBe(editable);
  });

  const ALL: DecisionStatus[] = ["PROPOSED", "ACCEPTED", "REJECTED", "SUPERSEDED"];
  /** The whole table: from → the statuses it may go to (besides staying). */
  const allowed: Record<DecisionStatus, DecisionStatus[]> = {
    PROPOSED: ["ACCEPTED", "REJECTED"],
    ACCEPTED: [],
    REJECTED: [],
    SUPERSEDED: [],
  };
  test.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    const result = nextStatusAllowed(from, to);
    expect(result.allowed).toBe(from === to || allowed[from].includes(to));
    if (!result.allowed) expect(result.reason).toMatch(/\.$/);
  });

  test.each([
    // from, to, by a superseding decision → allowed, reason
    ["ACCEPTED", "SUPERSEDED", true, true, undefined],
    ["ACCEPTED", "SUPERSEDED", false, false, "An accepted decision is superseded by recording the new decision that replaces it."],
    ["ACCEPTED", "REJECTED", false, false, "An accepted decision is not rewritten: record a new decision that supersedes it."],
    ["ACCEPTED", "PROPOSED", false, false, "An accepted decision is not rewritten: record a new decision that supersedes it."],
    ["PROPOSED", "SUPERSEDED", true, false, "A proposed decision is accepted or rejected; only an accepted one can be superseded."],
    ["REJECTED", "ACCEPTED", false, false, "A rejected decision stays rejected: propose it again as a new decision."],
    ["SUPERSEDED", "ACCEPTED", true, false, "A superseded decision stays superseded: to change it again, supersede the decision that replaced it."],
    ["SUPERSEDED", "SUPERSEDED", true, true, undefined],
  ] as const)("%s → %s (superseding: %s) → %s", (from, to, bySupersedingDecision, ok, reason) => {
    const result = nextStatusAllowed(from, to, { bySupersedingDecision });
    expect(result).toEqual(ok ? { allowed: true } : { allowed: false, reason });
  });
});
