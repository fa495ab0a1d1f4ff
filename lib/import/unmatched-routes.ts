import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { itemKey } from "@/lib/inventory/keys";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { addUnmatchedSchema } from "./unmatched-paths";
import { normalizeRoutePattern } from "./parsers/route-pattern-normalize";
import { compileRouteMatcher } from "./route-matcher";
import { diffPlan } from "./pipeline/diff-plan";
import { applyDiff } from "./pipeline/apply-diff";
import type { ImportSummary } from "./pipeline/preview-and-commit";
import type { Upsert } from "./pipeline/plan";

/**
 * Adds routes for paths an access-log import could not match, in one transaction, through the
 * import pipeline (so a key that exists is updated, a deleted one restored, and history written).
 * Only paths the import reported are accepted, each pattern must match its path, and the traffic
 * of paths that share a pattern is added up, per day of the log.
 */
export async function addUnmatchedRoutes(db: Db, ctx: OrgContext, projectId: string, importId: string, raw: unknown) {
  assertCan(ctx.role, "inventory:import");
  const input = parseInput(addUnmatchedSchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const batch = await db.importBatch.findFirst({
    where: { id: importId, projectId, organizationId: ctx.organizationId },
    select: { fileName: true, summary: true },
  });
  if (!batch) throw notFound("No such import.");
  const traffic = (batch.summary as unknown as ImportSummary).traffic;
  if (!traffic) throw invalid("Only an access-log import has unmatched paths.");
  const reported = new Map(traffic.unmatched.map((u) => [`${u.method} ${u.path}`, u.count]));

  const byKey = new Map<string, { method: string; path: string; requests: number; line: number }>();
  const fields: Record<string, string[]> = {};
  input.routes.forEach((route, i) => {
    const count = reported.get(`${route.method} ${route.path}`);
    if (count === undefined) {
      fields[`routes.${i}.path`] = [`${route.method} ${route.path} is not among this import's unmatched paths.`];
      return;
    }
    const pattern = normalizeRoutePattern(route.pattern);
    const matcher = compileRouteMatcher([{ method: route.method, path: pattern }]);
    if (matcher.unusable.length || matcher.match(route.method, route.path.split("?")[0]) !== 0) {
      fields[`routes.${i}.pattern`] = [`The pattern ${pattern} does not match ${route.path}.`];
      return;
    }
    const key = itemKey("ROUTE", { method: route.method, path: pattern });
    const entry = byKey.get(key) ?? { method: route.method, path: pattern, requests: 0, line: i + 1 };
    entry.requests += count;
    byKey.set(key, entry);
  });
  if (Object.keys(fields).length) throw invalid("Some paths cannot be added; nothing was added.", fields);

  const days = Math.max(1, traffic.days);
  const upserts: Upsert[] = [...byKey].map(([key, r]) => ({
    kind: "ROUTE",
    key,
    fields: { method: r.method, path: r.path, trafficPerDay: Math.round(r.requests / days) },
    file: batch.fileName,
    line: r.line,
  }));
  const scope = { organizationId: project.organizationId, projectId };
  return db.$transaction(
    async (tx) => {
      // These rows name no owner, so no team can be created whatever the role.
      const diff = await diffPlan(tx, { ...scope, mayCreateTeams: false }, { upserts, issues: [], files: 1 });
      await applyDiff(tx, { ...scope, actorId: ctx.userId }, diff);
      const count = (k: "new" | "changed" | "restored") => diff.counts.ROUTE[k];
      return { added: count("new"), restored: count("restored"), updated: count("changed"), unchanged: diff.unchanged, keys: [...byKey.keys()] };
    },
    { timeout: 60_000 },
  );
}
