import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { ensureTeam } from "@/lib/teams/teams";
import { writeHistory } from "@/lib/inventory/history";
import { recomputeBlockers } from "@/lib/inventory/blockers";
import { settleClaims } from "@/lib/claims/claims";
import { BULK_WRITE_ROWS, refreshStatistics } from "@/lib/db/statistics";
import type { DiffResult, Operation } from "./diff-plan";
import * as clock from "@/lib/time/clock";

type Tx = Prisma.TransactionClient;
type HistoryRow = Parameters<typeof writeHistory>[2][number];
const CHUNK = 2000;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Applies a diff inside the caller's transaction: creates, restores and updates items, writes a
 * history row for every created item and changed field, adds relations, and recomputes which
 * items are blocked. Bulk statements throughout: a 50,000-row import is a few dozen queries.
 */
export async function applyDiff(tx: Tx, scope: { organizationId: string; projectId: string; actorId: string | null }, diff: DiffResult, now = clock.now()) {
  const { organizationId, projectId, actorId } = scope;
  const newTeams = new Map<string, string>();
  for (const name of diff.teamsToCreate) newTeams.set(name, await ensureTeam(tx, organizationId, name));
  const withTeam = (data: Record<string, unknown>) =>
    typeof data.ownerTeamId === "string" && data.ownerTeamId.startsWith("new-team:")
      ? { ...data, ownerTeamId: newTeams.get(data.ownerTeamId.slice(9)) ?? null }
      : data;

  const history: HistoryRow[] = [];
  const ids = new Map<string, string>();

  const creates = diff.operations.filter((o): o is Extract<Operation, { type: "create" }> => o.type === "create");
  for (const part of chunks(creates)) {
    const created = await tx.item.createManyAndReturn({
      data: part.map((o) => ({
        ...(withTeam(o.data) as object),
        ...(o.kind === "DEPENDENCY" && !o.data.readiness ? { readiness: "UNKNOWN" as const } : {}),
        organizationId,
        projectId,
        kind: o.kind,
        key: o.key,
        name: (o.data.name as string) ?? o.key,
      })) as Prisma.ItemCreateManyInput[],
      select: { id: true, kind: true, key: true, status: true },
    });
    for (const item of created) {
      ids.set(`${item.kind} ${item.key}`, item.id);
      history.push({ itemId: item.id, field: "created", fromValue: null, toValue: item.status });
    }
  }

  const updates = diff.operations.filter((o): o is Extract<Operation, { type: "update" | "restore" }> => o.type !== "create");
  // Traffic from an access log touches thousands of routes with one number each: one statement.
  const trafficOnly = updates.filter((o) => o.type === "update" && Object.keys(o.data).length === 1 && "trafficPerDay" in o.data);
  for (const part of chunks(trafficOnly)) {
    const values = Prisma.join(part.map((o) => Prisma.sql`(${o.id}, ${o.data.trafficPerDay as number}::int)`));
    await tx.$executeRaw`UPDATE "Item" AS i SET "trafficPerDay" = v.t, "updatedAt" = ${now} FROM (VALUES ${values}) AS v(id, t) WHERE i.id = v.id`;
  }
  const trafficIds = new Set(trafficOnly.map((o) => o.id));
  for (const o of updates) {
    if (!trafficIds.has(o.id)) {
      await tx.item.update({
        where: { id: o.id },
        data: { ...(withTeam(o.data) as Prisma.ItemUncheckedUpdateInput), ...(o.type === "restore" ? { deletedAt: null } : {}) },
      });
    }
    ids.set(`${o.kind} ${o.key}`, o.id);
    if (o.type === "restore") history.push({ itemId: o.id, field: "restored", fromValue: null, toValue: o.restoredStatus ?? null });
    for (const c of o.changes) {
      const toValue = c.field === "owner" && c.toValue?.startsWith("team:new-team:") ? `team:${newTeams.get(c.toValue.slice(14))}` : c.toValue;
      history.push({ itemId: o.id, field: c.field, fromValue: c.fromValue, toValue });
    }
  }

  if (diff.relations.length) {
    const keysByKind = new Map<ItemKind, Set<string>>();
    for (const r of diff.relations) {
      for (const [kind, key] of [
        [r.fromKind, r.fromKey],
        [r.toKind, r.toKey],
      ] as const) {
        if (!ids.has(`${kind} ${key}`)) (keysByKind.get(kind) ?? keysByKind.set(kind, new Set()).get(kind)!).add(key);
      }
    }
    for (const [kind, keys] of keysByKind) {
      for (const part of chunks([...keys])) {
        const found = await tx.item.findMany({ where: { projectId, kind, key: { in: part } }, select: { id: true, key: true } });
        for (const f of found) ids.set(`${kind} ${f.key}`, f.id);
      }
    }
    const pairs = diff.relations
      .map((r) => ({ fromId: ids.get(`${r.fromKind} ${r.fromKey}`), toId: ids.get(`${r.toKind} ${r.toKey}`), toKey: r.toKey }))
      .filter((p): p is { fromId: string; toId: string; toKey: string } => Boolean(p.fromId && p.toId));
    const existing = new Set<string>();
    for (const part of chunks(pairs)) {
      const rows = await tx.itemRelation.findMany({
        where: { OR: part.map((p) => ({ fromId: p.fromId, toId: p.toId })) },
        select: { fromId: true, toId: true },
      });
      for (const r of rows) existing.add(`${r.fromId} ${r.toId}`);
    }
    const fresh = pairs.filter((p) => !existing.has(`${p.fromId} ${p.toId}`));
    for (const part of chunks(fresh)) {
      await tx.itemRelation.createMany({ data: part.map((p) => ({ organizationId, projectId, fromId: p.fromId, toId: p.toId })), skipDuplicates: true });
    }
    for (const p of fresh) history.push({ itemId: p.fromId, field: "uses", fromValue: null, toValue: p.toKey });
  }

  for (const part of chunks(history, 5000)) await writeHistory(tx, { organizationId, projectId, actorId, at: now }, part);
  if (diff.operations.length || diff.relations.length) await recomputeBlockers(tx, projectId);
  const statusChanged = updates.filter((o) => o.changes.some((c) => c.field === "status" || c.field === "readiness")).map((o) => o.id);
  for (const part of chunks(statusChanged)) await settleClaims(tx, scope, part);
  if (diff.operations.length + diff.relations.length >= BULK_WRITE_ROWS) await refreshStatistics(tx);
  return { history: history.length };
}
