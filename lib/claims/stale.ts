import { countOf } from "@/lib/format";
const DAY = 86_400_000;

export type ClaimTiming = { startedAt: Date; expectedFinish: Date };
export type Staleness = { stale: boolean; overdueDays: number; idleDays: number; ageDays: number; reasons: string[] };

const days = (ms: number) => Math.floor(ms / DAY);
const plural = (n: number, word: string) => countOf(n, word);

/**
 * Whether a claim has gone stale: past its expected finish, or its item unchanged for
 * `staleAfterDays`. Taking the claim counts as a change — a claim is never idle for longer than
 * it has existed.
 */
export function claimStaleness(claim: ClaimTiming, itemUpdatedAt: Date, staleAfterDays: number, now: Date): Staleness {
  const lastActivity = Math.max(itemUpdatedAt.getTime(), claim.startedAt.getTime());
  const overdueDays = Math.max(0, days(now.getTime() - claim.expectedFinish.getTime()));
  const overdue = now.getTime() > claim.expectedFinish.getTime();
  const idleDays = Math.max(0, days(now.getTime() - lastActivity));
  const reasons: string[] = [];
  if (overdue) reasons.push(overdueDays === 0 ? "past its expected finish today" : `${plural(overdueDays, "day")} past its expected finish`);
  if (idleDays >= staleAfterDays) reasons.push(`no change for ${plural(idleDays, "day")}`);
  return { stale: reasons.length > 0, overdueDays, idleDays, ageDays: Math.max(0, days(now.getTime() - claim.startedAt.getTime())), reasons };
}
