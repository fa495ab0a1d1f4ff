import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { cursorNotInList, idSchema } from "@/lib/validation/common";
import { stateLabel } from "./states";

export const switchListQuerySchema = z
  .object({
    item: idSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: idSchema.optional(),
  })
  .strict();

/** The switches of a project (or one route), latest first: the Cutover page's and the item's history. */
export async function listSwitches(db: Db, ctx: OrgContext, projectId: string, raw: unknown = {}) {
  const query = parseInput(switchListQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const where: Prisma.TrafficSwitchWhereInput = { projectId: project.id, organizationId: ctx.organizationId, ...(query.item ? { itemId: query.item } : {}) };
  if (query.cursor && !(await db.trafficSwitch.findFirst({ where: { AND: [where, { id: query.cursor }] }, select: { id: true } }))) throw cursorNotInList();
  const rows = await db.trafficSwitch.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      itemId: true,
      fromState: true,
      fromPercent: true,
      toState: true,
      toPercent: true,
      reason: true,
      kind: true,
      batchId: true,
      actorId: true,
      frozenWindowId: true,
      overrideReason: true,
      at: true,
      item: { select: { key: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  const actors = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set(page.map((r) => r.actorId).filter((a): a is string => Boolean(a)))] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return {
    data: page.map((r) => ({
      id: r.id,
      itemId: r.itemId,
      key: r.item.key,
      at: r.at.toISOString(),
      kind: r.kind,
      batchId: r.batchId,
      reason: r.reason,
      from: stateLabel({ servedBy: r.fromState, canaryPercent: r.fromPercent }),
      to: stateLabel({ servedBy: r.toState, canaryPercent: r.toPercent }),
      actor: r.actorId ? (actors.get(r.actorId) ?? "a removed member") : "a token or the command line",
      override: r.frozenWindowId ? { windowId: r.frozenWindowId, reason: r.overrideReason } : null,
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

/** How many routes are in each state, and their traffic: the Cutover page's headline. */
export async function cutoverSummary(db: Db, ctx: OrgContext, projectId: string) {
  const project = await projectInScope(db, ctx, projectId);
  const groups = await db.item.groupBy({
    by: ["servedBy", "canaryPercent"],
    where: { projectId: project.id, organizationId: ctx.organizationId, kind: "ROUTE", deletedAt: null },
    _count: { _all: true },
    _sum: { trafficPerDay: true },
  });
  const total = groups.reduce((n, g) => n + (g._sum.trafficPerDay ?? 0), 0);
  const byState = groups
    .map((g) => ({ state: stateLabel(g), routes: g._count._all, trafficPerDay: g._sum.trafficPerDay ?? 0 }))
    .sort((a, b) => a.state.localeCompare(b.state));
  const onNew = groups.filter((g) => g.servedBy === "NEW").reduce((n, g) => n + (g._sum.trafficPerDay ?? 0), 0);
  const canaryShare = groups.filter((g) => g.servedBy === "CANARY").reduce((n, g) => n + (g._sum.trafficPerDay ?? 0) * ((g.canaryPercent ?? 0) / 100), 0);
  return { byState, trafficPerDay: total, newShare: total ? (onNew + canaryShare) / total : 0 };
}
