import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { conflict, invalid } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { RoutingLedger, Stickiness } from "./routing/types";
import { routeState } from "./states";
import type { ServedBy } from "@/lib/generated/prisma/enums";
import { runDueSwitches } from "./scheduled";

/** Separators no id, method, pattern or state contains (patterns hold no control characters). */
const US = "\u001f";
const RS = "\u001e";

/**
 * The version of what a project's routing configuration is made from: every switch writes an item
 * history row, which bumps the project's version (a trigger), and the cutover settings bump the
 * project's updatedAt. An ETag from these answers "unchanged" (304) without building anything.
 */
export async function routingVersion(db: Db, ctx: OrgContext, projectId: string, format: string): Promise<string> {
  const project = await projectInScope(db, ctx, projectId);
  // A proxy's pull is what carries out planned switches whose time has come (no worker needed).
  await runDueSwitches(db, ctx, project.id);
  const row = await db.project.findFirstOrThrow({
    where: { id: project.id, organizationId: ctx.organizationId },
    select: { updatedAt: true, version: { select: { version: true } } },
  });
  const tag = createHash("sha256")
    .update(`${project.id}:${row.version?.version ?? 0}:${row.updatedAt.getTime()}:${format}`)
    .digest("base64url")
    .slice(0, 27);
  return `"${tag}"`;
}

/** The project's cutover ledger as the routing export reads it. 409 while an upstream is missing. */
export async function loadRoutingLedger(db: Db, ctx: OrgContext, projectId: string): Promise<RoutingLedger> {
  const scoped = await projectInScope(db, ctx, projectId);
  await runDueSwitches(db, ctx, scoped.id);
  const project = await db.project.findFirstOrThrow({
    where: { id: scoped.id, organizationId: ctx.organizationId },
    select: {
      id: true,
      slug: true,
      legacyUpstream: true,
      newUpstream: true,
      mirrorUpstream: true,
      legacyRetired: true,
      stickinessBy: true,
      stickinessName: true,
    },
  });
  if (!project.legacyUpstream || !project.newUpstream) {
    throw conflict("The project has no legacy and new upstreams yet: set them under Cutover → Settings.", {
      fields: { legacyUpstream: ["Required."], newUpstream: ["Required."] },
    });
  }
  // One delimited text rather than 50,000 rows through the driver (as the ranking loads its inputs).
  const [{ text }] = await db.$queryRaw<{ text: string | null }[]>`
    SELECT string_agg(concat_ws(${US}, id, COALESCE(method, 'ANY'), COALESCE(path, substr(key, strpos(key, ' ') + 1)), "servedBy", COALESCE("canaryPercent"::text, '')), ${RS} ORDER BY id) AS text
    FROM "Item"
    WHERE "projectId" = ${project.id} AND "organizationId" = ${ctx.organizationId} AND kind = 'ROUTE' AND "deletedAt" IS NULL`;
  const routes = (text ? text.split(RS) : []).map((line) => {
    const parts = line.split(US);
    if (parts.length !== 5) throw invalid(`The route ${parts[0]} has a control character in its path: a proxy cannot be configured for it. Correct its path.`);
    const [id, method, path, servedBy, percent] = parts;
    return { id, method, path, servedBy: servedBy as ServedBy, canaryPercent: percent ? Number(percent) : null };
  });
  const stickiness: Stickiness =
    project.stickinessBy === "cookie" || project.stickinessBy === "header"
      ? { by: project.stickinessBy, name: project.stickinessName ?? "waypoint" }
      : { by: "address" };
  return {
    project: { id: project.id, slug: project.slug },
    upstreams: {
      legacy: { url: project.legacyUpstream },
      new: { url: project.newUpstream },
      mirror: project.mirrorUpstream ? { url: project.mirrorUpstream } : null,
    },
    legacyRetired: project.legacyRetired,
    stickiness,
    routes: routes.map((r) => ({ id: r.id, method: r.method, pattern: r.path, state: routeState(r) })),
  };
}
