import { isFinished } from "@/lib/inventory/item-state";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { settleClaims } from "@/lib/claims/claims";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { normalizeRoutePattern } from "@/lib/import/parsers/route-pattern-normalize";
import { createItemSchemas, gateOverrideSchema, relationSchema, updateItemSchemas, type ItemInput } from "./schemas";
import { itemKey } from "./keys";
import { resolveOwnerRef } from "./owners";
import { changedFields, writeHistory, type Snapshot } from "./history";
import { blockersOf, dependentsOf, recomputeBlockers } from "./blockers";
import { KIND_SINGULAR } from "./labels";
import { settledStatus, STATUS_ORDER, USES_KIND } from "./item-state";
import * as clock from "@/lib/time/clock";
import { enforceGate } from "@/lib/evidence/enforce";
import { refreshItemDrift } from "@/lib/repositories/item-drift";
import { awaitingConflict } from "@/lib/agents/awaiting";

type Tx = Prisma.TransactionClient;

export const itemInclude = {
  ownerTeam: { select: { id: true, name: true, slug: true } },
  ownerUser: { select: { id: true, name: true } },
  // Claimed items show their holder wherever they appear.
  activeClaim: {
    select: {
      id: true,
      startedAt: true,
      expectedFinish: true,
      handoverRequestedById: true,
      handoverRequestedAt: true,
      handoverNote: true,
      holder: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.ItemInclude;
export type ItemRow = Prisma.ItemGetPayload<{ include: typeof itemInclude }>;

async function itemInScope(tx: Tx, ctx: OrgContext, projectId: string, kind: ItemKind | null, itemId: string) {
  const item = await tx.item.findFirst({
    where: { id: itemId, projectId, organizationId: ctx.organizationId, deletedAt: null, ...(kind ? { kind } : {}) },
    include: itemInclude,
  });
  if (!item) throw notFound(`No such ${kind ? KIND_SINGULAR[kind] : "item"}.`);
  return item;
}

const ownerText = (ref: { ownerTeamId: string | null; ownerUserId: string | null }) =>
  ref.ownerTeamId ? `team:${ref.ownerTeamId}` : ref.ownerUserId ? `user:${ref.ownerUserId}` : null;

/** What history compares: the stored columns, with the owner as one field. */
export function snapshotOf(item: Omit<ItemRow, "ownerTeam" | "ownerUser">): Snapshot {
  return {
    key: item.key,
    name: item.name,
    method: item.method,
    path: item.path,
    handler: item.handler,
    status: item.status,
    statusReason: item.statusReason,
    servedBy: item.servedBy,
    readiness: item.readiness,
    currentVersion: item.currentVersion,
    targetVersion: item.targetVersion,
    replacement: item.replacement,
    trafficPerDay: item.trafficPerDay,
    complexity: item.complexity,
    size: item.size,
    testCoverage: item.testCoverage,
    owner: ownerText(item),
    notes: item.notes,
    links: item.links,
  };
}

/** Turns validated input into column values (key, name, owner ids, normalised path). */
async function columnsFor(tx: Tx, organizationId: string, kind: ItemKind, input: ItemInput, current?: ItemRow) {
  const data: Prisma.ItemUncheckedUpdateInput & Record<string, unknown> = {};
  const { owner, path, method, name, ...rest } = input;
  Object.assign(data, rest);
  if (owner !== undefined) Object.assign(data, await resolveOwnerRef(tx, organizationId, owner));
  if (kind === "ROUTE" && (path !== undefined || method !== undefined)) {
    const m = (method ?? current?.method ?? "GET").toUpperCase();
    const p = normalizeRoutePattern(path ?? current?.path ?? "/");
    Object.assign(data, { method: m, path: p, key: itemKey("ROUTE", { method: m, path: p }), name: `${m} ${p}` });
  }
  if (kind === "MODULE" && path !== undefined) Object.assign(data, { path, key: itemKey("MODULE", { path }), name: path });
  if (kind === "DEPENDENCY" && name !== undefined) Object.assign(data, { name, key: itemKey("DEPENDENCY", { name }) });
  // Status and readiness never disagree: a dependency found compatible is ported (item-state.ts).
  const status = settledStatus(kind, current ?? null, { status: input.status, readiness: input.readiness });
  if (status !== undefined) data.status = status;
  if (data.status && data.status !== "WONT_PORT" && input.statusReason === undefined && current?.statusReason) data.statusReason = null;
  return data;
}

const duplicate = (kind: ItemKind, key: string) =>
  conflict(`This project already has the ${KIND_SINGULAR[kind]} "${key}".`, {
    fields: { [kind === "DEPENDENCY" ? "name" : "path"]: ["Already in the inventory."] },
  });

/** A history row a caller adds to a change's own rows (e.g. the commit a code proposal came from). */
export type HistoryNote = { field: string; fromValue: string | null; toValue: string | null };

/** Creates an item. A key that was deleted before is restored, keeping its history. */
export async function createItem(db: Db, ctx: OrgContext, projectId: string, kind: ItemKind, raw: unknown) {
  assertCan(ctx.role, "inventory:edit");
  const input = parseInput(createItemSchemas[kind], raw) as ItemInput;
  try {
    return await db.$transaction(async (tx) => createItemIn(tx, ctx, projectId, kind, input));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(kind, itemKey(kind, input));
    throw error;
  }
}

/**
 * createItem inside a caller's transaction, with input already parsed by createItemSchemas[kind]
 * (the caller checked the permission); `notes` are history rows added to the creation's.
 */
export async function createItemIn(tx: Tx, ctx: OrgContext, projectId: string, kind: ItemKind, input: ItemInput, notes: HistoryNote[] = []) {
  const project = await projectInScope(tx, ctx, projectId);
  const data = await columnsFor(tx, project.organizationId, kind, input);
  const key = data.key as string;
  const scope = { organizationId: project.organizationId, projectId, actorId: ctx.userId };
  const deleted = await tx.item.findFirst({ where: { projectId, kind, key, deletedAt: { not: null } } });
  const item = deleted
    ? await tx.item.update({ where: { id: deleted.id }, data: { ...data, deletedAt: null }, include: itemInclude })
    : await tx.item.create({
        data: {
          ...(data as Prisma.ItemUncheckedCreateInput),
          organizationId: project.organizationId,
          projectId,
          kind,
          key,
          name: (data.name as string) ?? key,
        },
        include: itemInclude,
      });
  if (item.status === "VERIFIED") await enforceGate(tx, ctx, { organizationId: project.organizationId, projectId }, "verified", [item]);
  await writeHistory(tx, scope, [
    // A restore names the status it came back with; a status change it brings is its own row.
    { itemId: item.id, field: deleted ? "restored" : "created", fromValue: null, toValue: deleted ? deleted.status : item.status },
    ...(deleted ? changedFields(snapshotOf(deleted as ItemRow), snapshotOf(item)).map((c) => ({ itemId: item.id, ...c })) : []),
    ...notes.map((n) => ({ itemId: item.id, ...n })),
  ]);
  await recomputeBlockers(tx, projectId, [item.id, ...(await dependentsOf(tx, [item.id]))]);
  return item;
}

/** Changes some fields of an item; every changed field gets a history row in the same transaction. */
export async function updateItem(db: Db, ctx: OrgContext, projectId: string, kind: ItemKind, itemId: string, raw: unknown) {
  assertCan(ctx.role, "inventory:edit");
  const { overrideGate, ...input } = parseInput(updateItemSchemas[kind], raw) as ItemInput & { overrideGate?: { reason: string } };
  if (Object.keys(input).length === 0) throw invalid("Send at least one field to change.");
  try {
    return await db.$transaction(async (tx) => updateItemIn(tx, ctx, projectId, kind, itemId, input, { overrideGate }));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(kind, itemKey(kind, { ...input }));
    throw error;
  }
}

/**
 * updateItem inside a caller's transaction, with input already parsed by updateItemSchemas[kind]
 * (the caller checked the permission). Gates, blockers and claims as in updateItem; `notes` are
 * history rows added when something changed.
 */
export async function updateItemIn(
  tx: Tx,
  ctx: OrgContext,
  projectId: string,
  kind: ItemKind | null,
  itemId: string,
  input: ItemInput,
  options: { overrideGate?: { reason: string }; notes?: HistoryNote[] } = {},
) {
  await projectInScope(tx, ctx, projectId);
  const current = await itemInScope(tx, ctx, projectId, kind, itemId);
  const data: Record<string, unknown> = await columnsFor(tx, current.organizationId, current.kind, input, current);
  const next = { ...current, ...data } as ItemRow;
  if (current.agentReview === "AWAITING" && next.status !== current.status) throw awaitingConflict(current.key);
  if (next.status === "WONT_PORT" && !next.statusReason) throw invalid("Say why it won't be ported.", { statusReason: ["Required for won't port."] });
  const changes: { field: string; fromValue: string | null; toValue: string | null }[] = changedFields(snapshotOf(current), snapshotOf(next));
  if (changes.length === 0) return current;
  const scope = { organizationId: current.organizationId, projectId };
  if (next.status === "VERIFIED" && current.status !== "VERIFIED") {
    const overridden = await enforceGate(tx, ctx, scope, "verified", [current], options.overrideGate);
    if (overridden) changes.push({ field: "gateOverride", fromValue: null, toValue: overridden });
  }
  // A person moving the item decides what its failed evidence means: the flag is theirs to clear.
  if (next.status !== current.status && current.attention) {
    data.attention = null;
    changes.push({ field: "attention", fromValue: current.attention, toValue: null });
  }
  changes.push(...(options.notes ?? []));
  const item = await tx.item.update({ where: { id: current.id }, data, include: itemInclude });
  await writeHistory(
    tx,
    { ...scope, actorId: ctx.userId },
    changes.map((c) => ({ itemId: item.id, ...c })),
  );
  if (changes.some((c) => c.field === "status" || c.field === "readiness")) {
    await recomputeBlockers(tx, projectId, await dependentsOf(tx, [item.id]));
    await settleClaims(tx, { organizationId: current.organizationId, projectId, actorId: ctx.userId }, [item.id]);
  }
  if (next.status !== current.status) await refreshItemDrift(tx, scope, [item.id], clock.now());
  return item;
}

export const statusChangeSchema = z
  .object({
    status: z.enum(STATUS_ORDER as [PortStatus, ...PortStatus[]], { error: `Choose one of: ${STATUS_ORDER.join(", ")}.` }),
    statusReason: z.string().trim().max(500).optional(),
    overrideGate: gateOverrideSchema.optional(),
  })
  .strict();

/**
 * One click from My work, Next targets or the item's header: a new status, through the same path
 * as the edit form (history, blockers and claims settled in its transaction). Answers the status
 * it had, so the page can offer to undo.
 */
export async function setItemStatus(db: Db, ctx: OrgContext, projectId: string, itemId: string, raw: unknown) {
  assertCan(ctx.role, "inventory:edit");
  const input = parseInput(statusChangeSchema, raw);
  const current = await db.item.findFirst({
    where: { id: itemId, projectId, organizationId: ctx.organizationId, deletedAt: null },
    select: { kind: true, status: true, activeClaim: { select: { holderId: true } } },
  });
  if (!current) throw notFound("No such item.");
  const item = await updateItem(db, ctx, projectId, current.kind, itemId, input);
  // Reaching a finished status completes the active claim (settleClaims): say whose, so an undo can give it back.
  const completedClaimOf = current.activeClaim && isFinished(item) ? current.activeClaim.holderId : null;
  return { item, previous: current.status, completedClaimOf };
}

/** Deletes an item (softly: its history stays, and re-creating the key restores it). */
export async function deleteItem(db: Db, ctx: OrgContext, projectId: string, kind: ItemKind, itemId: string) {
  assertCan(ctx.role, "inventory:edit");
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const item = await itemInScope(tx, ctx, projectId, kind, itemId);
    await tx.item.update({ where: { id: item.id }, data: { deletedAt: clock.now() } });
    await writeHistory(tx, { organizationId: item.organizationId, projectId, actorId: ctx.userId }, [
      { itemId: item.id, field: "deleted", fromValue: item.status, toValue: null },
    ]);
    await recomputeBlockers(tx, projectId, await dependentsOf(tx, [item.id]));
    await settleClaims(tx, { organizationId: item.organizationId, projectId, actorId: ctx.userId }, [item.id]);
    return item;
  });
}

/** Everything the item page shows: the item, what it uses and is used by, its blockers and history. */
export async function getItemDetail(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  assertCan(ctx.role, "project:view");
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const item = await itemInScope(tx, ctx, projectId, null, itemId);
    const relationSelect = { id: true, kind: true, key: true, status: true, readiness: true, trafficPerDay: true, blockerCount: true } as const;
    // One after another: a transaction is one connection, and pg@9 refuses overlapping queries on one.
    const uses = await tx.itemRelation.findMany({
      where: { fromId: item.id, to: { deletedAt: null } },
      select: { to: { select: relationSelect } },
      orderBy: { to: { key: "asc" } },
    });
    const usedBy = await tx.itemRelation.findMany({
      where: { toId: item.id, from: { deletedAt: null } },
      select: { from: { select: relationSelect } },
      orderBy: { from: { key: "asc" } },
      take: 500,
    });
    const blockers = await blockersOf(tx, item.id);
    const history = await tx.itemChange.findMany({
      where: { itemId: item.id, organizationId: ctx.organizationId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: 200,
    });
    const actorIds = [...new Set(history.map((h) => h.actorId).filter((id): id is string => Boolean(id)))];
    const actors = new Map((await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    return {
      item,
      uses: uses.map((r) => r.to),
      usedBy: usedBy.map((r) => r.from),
      blockers,
      history: history.map((h) => ({ ...h, actorName: h.actorId ? (actors.get(h.actorId) ?? "a former member") : "API or import" })),
    };
  });
}

/** Adds "item uses target" (target named by its key). */
export async function addRelation(db: Db, ctx: OrgContext, projectId: string, itemId: string, raw: unknown) {
  assertCan(ctx.role, "inventory:edit");
  const { targetKey } = parseInput(relationSchema, raw);
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const item = await itemInScope(tx, ctx, projectId, null, itemId);
    const targetKind = USES_KIND[item.kind];
    if (!targetKind) throw invalid("A dependency does not use other items.");
    const key = itemKey(targetKind, { path: targetKey, name: targetKey });
    const target = await tx.item.findFirst({ where: { projectId, kind: targetKind, key, deletedAt: null }, select: { id: true, key: true } });
    if (!target) throw invalid(`No ${KIND_SINGULAR[targetKind]} "${targetKey}" in this project.`, { targetKey: ["Not in the inventory."] });
    const existing = await tx.itemRelation.findUnique({ where: { fromId_toId: { fromId: item.id, toId: target.id } } });
    if (existing) return target;
    await tx.itemRelation.create({ data: { organizationId: item.organizationId, projectId, fromId: item.id, toId: target.id } });
    await writeHistory(tx, { organizationId: item.organizationId, projectId, actorId: ctx.userId }, [
      { itemId: item.id, field: "uses", fromValue: null, toValue: target.key },
    ]);
    await recomputeBlockers(tx, projectId, [item.id]);
    return target;
  });
}

export async function removeRelation(db: Db, ctx: OrgContext, projectId: string, itemId: string, targetId: string) {
  assertCan(ctx.role, "inventory:edit");
  return db.$transaction(async (tx) => {
    await projectInScope(tx, ctx, projectId);
    const item = await itemInScope(tx, ctx, projectId, null, itemId);
    const relation = await tx.itemRelation.findFirst({
      where: { fromId: item.id, toId: targetId, organizationId: ctx.organizationId },
      include: { to: { select: { key: true } } },
    });
    if (!relation) throw notFound("No such relation.");
    await tx.itemRelation.delete({ where: { fromId_toId: { fromId: item.id, toId: targetId } } });
    await writeHistory(tx, { organizationId: item.organizationId, projectId, actorId: ctx.userId }, [
      { itemId: item.id, field: "uses", fromValue: relation.to.key, toValue: null },
    ]);
    await recomputeBlockers(tx, projectId, [item.id]);
  });
}

/** Keys an item could be related to (the next kind down), for the "add a relation" picker. */
export async function relationCandidates(db: Db, ctx: OrgContext, projectId: string, kind: ItemKind, limit = 500): Promise<string[]> {
  const targetKind = USES_KIND[kind];
  if (!targetKind) return [];
  const rows = await db.item.findMany({
    where: { projectId, organizationId: ctx.organizationId, kind: targetKind, deletedAt: null },
    select: { key: true },
    orderBy: { key: "asc" },
    take: limit,
  });
  return rows.map((r) => r.key);
}
