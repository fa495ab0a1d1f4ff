import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { conflict } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { RoutingLedger, Stickiness } from "./routing/types";
import { routeState } from "./states";

/**
 * The version of what a project's routing configuration is made from: every switch writes an item
 * history row, which bumps the project's version (a trigger), and the cutover settings bump the
 * project's updatedAt. An ETag from these answers "unchanged" (304) without building anything.
 */
export async function routingVersion(db: Db, ctx: OrgContext, projectId: string, format: string): Promise<string> {
  const project = await projectInScope(db, ctx, projectId);
  const row = await db.project.findFirstOrThrow({ where: { id: project.id, organizationId: ctx.organizationId }, select: { updatedAt: true, version: { select: { version: true } } } });
  const tag = createHash("sha256").update(`${project.id}:${row.version?.version ?? 0}:${row.updatedAt.getTime()}:${format}`).digest("base64url").slice(0, 27);
  return `"${tag}"`;
}

/** The project's cutover ledger as the routing export reads it. 409 while an upstream is missing. */
export async function loadRoutingLedger(db: Db, ctx: OrgContext, projectId: string): Promise<RoutingLedger> {
  const scoped = await projectInScope(db, ctx, projectId);
  const project = await db.project.findFirstOrThrow({
    where: { id: scoped.id, organizationId: ctx.organizationId },
    select: { id: true, slug: true, legacyUpstream: true, newUpstream: true, mirrorUpstream: true, legacyRetired: true, stickinessBy: true, stickinessName: true },
  });
  if (!project.legacyUpstream || !project.newUpstream) {
    throw conflict("The project has no legacy and new upstreams yet: set them under Cutover → Settings.", { fields: { legacyUpstream: ["Required."], newUpstream: ["Required."] } });
  }
  const routes = await db.item.findMany({
    where: { projectId: project.id, organizationId: ctx.organizationId, kind: "ROUTE", deletedAt: null },
    select: { id: true, method: true, path: true, key: true, servedBy: true, canaryPercent: true },
    orderBy: { id: "asc" },
  });
  const stickiness: Stickiness = project.stickinessBy === "cookie" || project.stickinessBy === "header" ? { by: project.stickinessBy, name: project.stickinessName ?? "waypoint" } : { by: "address" };
  return {
    project: { id: project.id, slug: project.slug },
    upstreams: { legacy: { url: project.legacyUpstream }, new: { url: project.newUpstream }, mirror: project.mirrorUpstream ? { url: project.mirrorUpstream } : null },
    legacyRetired: project.legacyRetired,
    stickiness,
    routes: routes.map((r) => ({ id: r.id, method: r.method ?? "ANY", pattern: r.path ?? r.key.slice(r.key.indexOf(" ") + 1), state: routeState(r) })),
  };
}
