/**
 * The job queue's state as an organisation's admins see it: per queue, its jobs by state, and the
 * latest that failed or wait for a retry, with their error. pg-boss's tables belong to no tenant,
 * so every row is selected by the organisation its data names (`data->>'organizationId'`); jobs
 * without one (the hourly sweep, the daily digest) are counted for no organisation.
 */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import * as clock from "@/lib/time/clock";

const DAY_MS = 86_400_000;

export type JobCount = { queue: string; state: string; count: number };
export type JobProblem = { queue: string; state: string; retryCount: number; createdOn: Date; completedOn: Date | null; error: string };

export async function jobOverview(db: Db, ctx: OrgContext): Promise<{ counts: JobCount[]; problems: JobProblem[]; since: Date }> {
  assertCan(ctx.role, "org:manage");
  const since = new Date(clock.nowMs() - 7 * DAY_MS);
  const [counts, problems] = await Promise.all([
    db.$queryRaw<{ queue: string; state: string; count: number }[]>`
      SELECT name AS queue, state::text AS state, count(*)::int AS count FROM pgboss.job
      WHERE data->>'organizationId' = ${ctx.organizationId} AND created_on >= ${since}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<{ queue: string; state: string; retryCount: number; createdOn: Date; completedOn: Date | null; output: unknown }[]>`
      SELECT name AS queue, state::text AS state, retry_count AS "retryCount", created_on AS "createdOn", completed_on AS "completedOn", output
      FROM pgboss.job
      WHERE data->>'organizationId' = ${ctx.organizationId} AND state IN ('failed', 'retry') AND created_on >= ${since}
      ORDER BY created_on DESC LIMIT 20`,
  ]);
  return {
    since,
    counts,
    problems: problems.map(({ output, ...p }) => ({ ...p, error: errorText(output) })),
  };
}

/** pg-boss stores a failed job's error as its output: `{ message, stack }` or whatever was thrown. */
function errorText(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message).slice(0, 500);
  return output == null ? "" : JSON.stringify(output).slice(0, 500);
}
