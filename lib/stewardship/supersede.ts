import type { DecisionStatus } from "@/lib/generated/prisma/enums";

/**
 * The rules of the decision log. Accepted decisions are not rewritten: a change is a new decision
 * that supersedes the old one, so the log keeps what was decided and why, and what replaced it.
 * `X.supersededById = Y` reads "Y supersedes X"; following supersededById walks to the newest.
 */

export type { DecisionStatus };

/**
 * The cycle that `decisionId.supersededById = newSupersededById` would make, or null if none:
 * the ids in order along supersededById, starting at decisionId and not repeating it
 * (A→B→A is ["A", "B"]; a decision superseding itself is ["A"]).
 *
 * `decisions` are the project's decisions as they are now; decisionId's own current link is
 * ignored (it is the one being replaced). Ids not in the list end a chain. A cycle already in the
 * data that does not pass through decisionId is not the change's doing and is not reported — the
 * walk only stops on it.
 */
export function supersedeCycle(
  decisions: readonly { id: string; supersededById: string | null }[],
  decisionId: string,
  newSupersededById: string | null,
): string[] | null {
  if (newSupersededById === null) return null;
  const next = new Map<string, string | null>();
  for (const d of decisions) next.set(d.id, d.supersededById);
  next.set(decisionId, newSupersededById);

  const path = [decisionId];
  const seen = new Set(path);
  let at: string | null | undefined = newSupersededById;
  while (at != null) {
    if (at === decisionId) return path;
    if (seen.has(at)) return null;
    seen.add(at);
    path.push(at);
    at = next.get(at);
  }
  return null;
}

/**
 * A sentence for the refusal. `titles` turns ids into what people read ("D-3 Use Postgres");
 * ids it does not know are shown as they are.
 */
export function supersedeCycleMessage(cycle: readonly string[], titles: (id: string) => string | undefined = () => undefined): string {
  const name = (id: string) => titles(id) ?? id;
  if (cycle.length === 1) return `A decision cannot supersede itself (${name(cycle[0])}).`;
  const chain = [...cycle, cycle[0]].map(name).join(" → ");
  return `This would make a loop of decisions superseding each other: ${chain} (each superseded by the next). A decision cannot, even through others, supersede itself.`;
}

/** Only proposals are edited in place; an accepted decision changes by being superseded. */
export function canEditDecision(status: DecisionStatus): boolean {
  return status === "PROPOSED";
}

export type StatusChange = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether a decision may go from one status to another:
 *
 *   PROPOSED   → ACCEPTED | REJECTED
 *   ACCEPTED   → SUPERSEDED, only by recording a new decision that supersedes it
 *   REJECTED   → nothing (propose again as a new decision)
 *   SUPERSEDED → nothing (supersede its successor instead)
 *
 * Keeping a status is not a change and is allowed (an edit form sends it back unchanged).
 * `bySupersedingDecision` is set by the one code path that links a new decision to the old.
 */
export function nextStatusAllowed(from: DecisionStatus, to: DecisionStatus, options: { bySupersedingDecision?: boolean } = {}): StatusChange {
  if (from === to) return { allowed: true };
  const no = (reason: string): StatusChange => ({ allowed: false, reason });
  switch (from) {
    case "PROPOSED":
      if (to === "ACCEPTED" || to === "REJECTED") return { allowed: true };
      return no("A proposed decision is accepted or rejected; only an accepted one can be superseded.");
    case "ACCEPTED":
      if (to === "SUPERSEDED") {
        return options.bySupersedingDecision ? { allowed: true } : no("An accepted decision is superseded by recording the new decision that replaces it.");
      }
      return no("An accepted decision is not rewritten: record a new decision that supersedes it.");
    case "REJECTED":
      return no("A rejected decision stays rejected: propose it again as a new decision.");
    case "SUPERSEDED":
      return no("A superseded decision stays superseded: to change it again, supersede the decision that replaced it.");
  }
}
