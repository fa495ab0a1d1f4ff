import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ServedBy } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan, assertNotAgent, can } from "@/lib/auth/permissions";
import { conflict, forbidden, invalid, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { writeHistory } from "@/lib/inventory/history";
import * as clock from "@/lib/time/clock";
import { activeFreeze } from "./freeze-rules";
import { bulkSwitchSchema, killSwitchSchema, switchSchema, type TrafficTarget } from "./schemas";
import { stateLabel, type TrafficState } from "./states";
import { assertSwitchAllowed } from "./switch-guard";
import { notifyRouteMoves } from "./switch-notify";

type Tx = Prisma.TransactionClient;
type RouteRow = { id: string; key: string; servedBy: ServedBy; canaryPercent: number | null };

export const columnsOf = (target: TrafficTarget): TrafficState => ({
  servedBy: target.to.toUpperCase() as ServedBy,
  canaryPercent: target.to === "canary" ? target.percent : null,
});
export const same = (a: TrafficState, b: TrafficState) => a.servedBy === b.servedBy && (a.canaryPercent ?? null) === (b.canaryPercent ?? null);

/**
 * The freeze window in force for this project (or its organisation), refused with 409 naming it —
 * unless an admin overrides it with a reason, which the switch then records. The kill switch never
 * asks: going back to legacy is always allowed.
 */
export async function checkFreeze(tx: Tx, ctx: OrgContext, projectId: string, override: { reason: string } | undefined) {
  const windows = await tx.freezeWindow.findMany({
    where: { organizationId: ctx.organizationId, deletedAt: null, OR: [{ projectId }, { projectId: null }] },
    select: { id: true, reason: true, timeZone: true, startsAt: true, endsAt: true, cron: true, durationMinutes: true },
  });
  const active = activeFreeze(windows, clock.now());
  if (!active) return { frozenWindowId: null, overrideReason: null };
  const window = { id: active.windowId, reason: active.reason, start: active.start.toISOString(), end: active.end.toISOString() };
  if (override) assertNotAgent(ctx, "override a freeze window");
  if (!override) {
    throw conflict(`Switches are frozen until ${window.end} (${active.reason}). An admin may override with a reason.`, { freezeWindow: window });
  }
  if (!can(ctx.role, "cutover:override-freeze")) throw forbidden(`Only an admin may switch during a freeze window (${active.reason}).`);
  return { frozenWindowId: active.windowId, overrideReason: override.reason };
}

/** Locks the routes (in id order, so two batches never wait on each other in a cycle). */
export async function lockRoutes(tx: Tx, ctx: OrgContext, projectId: string, ids: string[]): Promise<RouteRow[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<RouteRow[]>`
    SELECT id, key, "servedBy", "canaryPercent" FROM "Item"
    WHERE id IN (${Prisma.join(ids)}) AND "projectId" = ${projectId} AND "organizationId" = ${ctx.organizationId}
      AND kind = 'ROUTE' AND "deletedAt" IS NULL
    ORDER BY id FOR UPDATE`;
}

/** Moves routes to a state and records each move: a TrafficSwitch row and an item history row. */
export async function applySwitches(
  tx: Tx,
  ctx: OrgContext,
  project: { id: string; organizationId: string },
  routes: RouteRow[],
  to: TrafficState,
  record: {
    reason: string;
    kind: string;
    batchId: string | null;
    frozenWindowId: string | null;
    overrideReason: string | null;
    gateOverride?: string | null;
  },
) {
  const moving = routes.filter((r) => !same(r, to));
  if (moving.length === 0) return [];
  const at = clock.now();
  await tx.item.updateMany({
    where: { id: { in: moving.map((r) => r.id) }, organizationId: project.organizationId },
    data: { servedBy: to.servedBy, canaryPercent: to.canaryPercent },
  });
  await tx.trafficSwitch.createMany({
    data: moving.map((r) => ({
      organizationId: project.organizationId,
      projectId: project.id,
      itemId: r.id,
      fromState: r.servedBy,
      fromPercent: r.canaryPercent,
      toState: to.servedBy,
      toPercent: to.canaryPercent,
      reason: record.reason,
      kind: record.kind,
      batchId: record.batchId,
      actorId: ctx.userId,
      frozenWindowId: record.frozenWindowId,
      overrideReason: record.overrideReason,
      gateOverride: record.gateOverride ?? null,
      at,
    })),
  });
  await writeHistory(
    tx,
    { organizationId: project.organizationId, projectId: project.id, actorId: ctx.userId, at },
    moving.map((r) => ({
      itemId: r.id,
      field: "servedBy",
      fromValue: stateLabel(r),
      toValue: stateLabel(to),
    })),
  );
  await notifyRouteMoves(tx, ctx.userId, project, moving, to, at, record.reason);
  return moving;
}

const kindOf = (to: TrafficState) => (to.servedBy === "LEGACY" ? "rollback" : "switch");

/**
 * Switches one route. Two people switching the same route at once: the row lock orders them, and
 * `expected` (the state the person decided on) turns the second into a 409 instead of a surprise.
 */
export async function switchRoute(db: Db, ctx: OrgContext, projectId: string, itemId: string, raw: unknown) {
  assertCan(ctx.role, "cutover:switch");
  assertNotAgent(ctx, "switch traffic");
  const input = parseInput(switchSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const [route] = await lockRoutes(tx, ctx, projectId, [itemId]);
    if (!route) throw notFound("No such route.");
    if (input.expected && stateLabel(route) !== input.expected) {
      throw conflict(`${route.key} was switched meanwhile: it is now ${stateLabel(route)}, not ${input.expected}. Look again and decide.`, {
        current: stateLabel(route),
      });
    }
    const to = columnsOf(input.target);
    if (same(route, to)) return { itemId: route.id, key: route.key, state: stateLabel(route), changed: false };
    const freeze = await checkFreeze(tx, ctx, projectId, input.overrideFreeze);
    const gate = await assertSwitchAllowed(tx, ctx, project, [route], to, { overrideGate: input.overrideGate });
    await applySwitches(tx, ctx, project, [route], to, { reason: input.reason, kind: kindOf(to), batchId: null, ...freeze, ...gate });
    return { itemId: route.id, key: route.key, state: stateLabel(to), changed: true };
  });
}

/** Switches the selected routes together (all or nothing), with one reason and one batch id. */
export async function bulkSwitch(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "cutover:switch");
  assertNotAgent(ctx, "switch traffic");
  const input = parseInput(bulkSwitchSchema, raw);
  const ids = [...new Set(input.itemIds)];
  return db.$transaction(
    async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const routes = await lockRoutes(tx, ctx, projectId, ids);
      if (routes.length !== ids.length)
        throw invalid(`${ids.length - routes.length} of the selected items are not routes of this project (deleted, or not yours).`, {
          itemIds: ["Not all are routes of this project."],
        });
      const to = columnsOf(input.target);
      const freeze = await checkFreeze(tx, ctx, projectId, input.overrideFreeze);
      const gate = await assertSwitchAllowed(
        tx,
        ctx,
        project,
        routes.filter((r) => !same(r, to)),
        to,
        { overrideGate: input.overrideGate },
      );
      const moved = await applySwitches(tx, ctx, project, routes, to, { reason: input.reason, kind: "bulk", batchId: newBatchId(), ...freeze, ...gate });
      return { selected: routes.length, switched: moved.length, state: stateLabel(to) };
    },
    { timeout: 60_000 },
  );
}

const newBatchId = () => `b_${randomBytes(9).toString("base64url")}`;

/**
 * Sends routes back to legacy at once: one route, a module's routes, a team's, or the whole
 * project — never refused by a freeze window. Answers how many moved and their batch id.
 */
export async function killSwitch(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "cutover:switch");
  assertNotAgent(ctx, "switch traffic, even back to legacy");
  const { scope, reason } = parseInput(killSwitchSchema, raw);
  return db.$transaction(
    async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const base = { projectId, organizationId: ctx.organizationId, kind: "ROUTE" as const, deletedAt: null, servedBy: { not: "LEGACY" as const } };
      const where: Prisma.ItemWhereInput =
        scope.kind === "route"
          ? { ...base, id: scope.itemId }
          : scope.kind === "module"
            ? { ...base, uses: { some: { toId: scope.moduleId } } }
            : scope.kind === "team"
              ? { ...base, ownerTeamId: scope.teamId }
              : base;
      if (
        scope.kind === "module" &&
        !(await tx.item.findFirst({ where: { id: scope.moduleId, projectId, organizationId: ctx.organizationId, kind: "MODULE" }, select: { id: true } }))
      )
        throw notFound("No such module.");
      if (scope.kind === "team" && !(await tx.team.findFirst({ where: { id: scope.teamId, organizationId: ctx.organizationId }, select: { id: true } })))
        throw notFound("No such team.");
      if (
        scope.kind === "route" &&
        !(await tx.item.findFirst({
          where: { id: scope.itemId, projectId, organizationId: ctx.organizationId, kind: "ROUTE", deletedAt: null },
          select: { id: true },
        }))
      )
        throw notFound("No such route.");
      const ids = (await tx.item.findMany({ where, select: { id: true } })).map((r) => r.id);
      const routes = await lockRoutes(tx, ctx, projectId, ids);
      const batchId = newBatchId();
      const moved = await applySwitches(
        tx,
        ctx,
        project,
        routes,
        { servedBy: "LEGACY", canaryPercent: null },
        { reason, kind: "kill-switch", batchId, frozenWindowId: null, overrideReason: null },
      );
      return { switched: moved.length, batchId, keys: moved.map((r) => r.key).sort() };
    },
    { timeout: 60_000 },
  );
}
