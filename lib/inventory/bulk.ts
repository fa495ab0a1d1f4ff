import * as clock from "@/lib/time/clock";
import { refreshItemDrift } from "@/lib/repositories/item-drift";
import type { Db } from "@/lib/db/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, parseInput } from "@/lib/errors";
import { bulkUpdateSchema } from "./schemas";
import { itemInclude, snapshotOf } from "./items";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { resolveOwnerRef } from "./owners";
import { changedFields, writeHistory } from "./history";
import { dependentsOf, recomputeBlockers } from "./blockers";
import { settleClaims } from "@/lib/claims/claims";
import { enforceGate } from "@/lib/evidence/enforce";
import { awaitingConflict } from "@/lib/agents/awaiting";

/**
 * Sets the status and/or owner of many items at once: all or nothing — an id that is not an
 * item of this project and kind fails the whole request. Each changed field gets a history row.
 */
export async function bulkUpdateItems(db: Db, ctx: OrgContext, projectId: string, kind: ItemKind, raw: unknown) {
  assertCan(ctx.role, "inventory:edit");
  const { ids, set } = parseInput(bulkUpdateSchema, raw);
  const unique = [...new Set(ids)];
  return db.$transaction(
    async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const items = await tx.item.findMany({
        where: { id: { in: unique }, projectId, kind, organizationId: project.organizationId, deletedAt: null },
        include: itemInclude,
      });
      if (items.length !== unique.length) throw notFound(`${unique.length - items.length} of the selected items are not in this list (deleted, or not yours).`);
      const awaiting = set.status !== undefined ? items.filter((i) => i.agentReview === "AWAITING" && i.status !== set.status) : [];
      if (awaiting.length > 0) throw awaitingConflict(awaiting.map((i) => i.key).join(", "));
      const data = {
        ...(set.status !== undefined ? { status: set.status, statusReason: set.status === "WONT_PORT" ? (set.statusReason ?? null) : null } : {}),
        ...(set.owner !== undefined ? await resolveOwnerRef(tx, project.organizationId, set.owner) : {}),
      };
      const history: { itemId: string; field: string; fromValue: string | null; toValue: string | null }[] = items.flatMap((item) =>
        changedFields(snapshotOf(item), snapshotOf({ ...item, ...data })).map((c) => ({ itemId: item.id, ...c })),
      );
      const changedIds = [...new Set(history.map((h) => h.itemId))];
      // The gate has no override here: a manager overrides one item at a time, with its reason.
      if (set.status === "VERIFIED")
        await enforceGate(
          tx,
          ctx,
          { organizationId: project.organizationId, projectId },
          "verified",
          items.filter((i) => i.status !== "VERIFIED"),
        );
      const cleared = set.status !== undefined ? items.filter((i) => i.attention && i.status !== set.status) : [];
      if (cleared.length > 0) {
        await tx.item.updateMany({ where: { id: { in: cleared.map((i) => i.id) }, organizationId: project.organizationId }, data: { attention: null } });
        history.push(...cleared.map((i) => ({ itemId: i.id, field: "attention", fromValue: i.attention, toValue: null })));
      }
      if (changedIds.length > 0) {
        await tx.item.updateMany({ where: { id: { in: changedIds } }, data });
        await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId }, history);
        if (set.status !== undefined) {
          await recomputeBlockers(tx, projectId, await dependentsOf(tx, changedIds));
          await settleClaims(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId }, changedIds);
          await refreshItemDrift(tx, { organizationId: project.organizationId, projectId }, changedIds, clock.now());
        }
      }
      return { matched: items.length, changed: changedIds.length };
    },
    { timeout: 30_000 },
  );
}
