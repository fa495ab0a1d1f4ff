import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { notFound } from "@/lib/errors";
import { servableLinks } from "@/lib/validation/links";
import type { ApiPrincipal } from "@/lib/tenancy";
import { contextForProject } from "@/lib/api/principal-context";
import { kindFromSegment } from "./labels";
import { createItem, deleteItem, getItemDetail, updateItem, type ItemRow } from "./items";
import { listItems } from "./list";
import { bulkUpdateItems } from "./bulk";
import type { itemDetailSchema, itemOutputSchema } from "./api-schemas";

export function itemToApi(item: ItemRow): z.infer<typeof itemOutputSchema> {
  return {
    id: item.id, kind: item.kind, key: item.key, name: item.name, method: item.method, path: item.path, handler: item.handler,
    status: item.status, statusReason: item.statusReason, servedBy: item.servedBy, readiness: item.readiness,
    currentVersion: item.currentVersion, targetVersion: item.targetVersion, replacement: item.replacement,
    trafficPerDay: item.trafficPerDay, complexity: item.complexity, size: item.size, testCoverage: item.testCoverage,
    owner: item.ownerTeam ? { type: "team", id: item.ownerTeam.id, name: item.ownerTeam.name } : item.ownerUser ? { type: "user", id: item.ownerUser.id, name: item.ownerUser.name } : null,
    notes: item.notes, links: servableLinks(item.links), blocked: item.blockerCount > 0, blockerCount: item.blockerCount,
    claim: item.activeClaim
      ? { holder: item.activeClaim.holder, startedAt: item.activeClaim.startedAt.toISOString(), expectedFinish: item.activeClaim.expectedFinish.toISOString() }
      : null,
    createdAt: item.createdAt.toISOString(), updatedAt: item.updatedAt.toISOString(),
  };
}

/** Resolves the `{kind}` segment and the principal's context in the project, or 404. */
export async function inventoryTarget(db: Db, principal: ApiPrincipal, projectId: string, segment: string) {
  const kind = kindFromSegment(segment);
  if (!kind) throw notFound("No such API endpoint. See /api/v1/openapi.json.");
  return { kind, ctx: await contextForProject(db, principal, projectId) };
}

export async function apiListItems(db: Db, principal: ApiPrincipal, projectId: string, segment: string, query: unknown) {
  const { kind, ctx } = await inventoryTarget(db, principal, projectId, segment);
  const page = await listItems(db, ctx, projectId, kind, query);
  return { data: page.data.map(itemToApi), total: page.total, totalIsCapped: page.totalIsCapped, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

export async function apiCreateItem(db: Db, principal: ApiPrincipal, projectId: string, segment: string, body: unknown) {
  const { kind, ctx } = await inventoryTarget(db, principal, projectId, segment);
  return itemToApi(await createItem(db, ctx, projectId, kind, body));
}

export async function apiGetItem(db: Db, principal: ApiPrincipal, projectId: string, segment: string, itemId: string): Promise<z.infer<typeof itemDetailSchema>> {
  const { kind, ctx } = await inventoryTarget(db, principal, projectId, segment);
  const detail = await getItemDetail(db, ctx, projectId, itemId);
  if (detail.item.kind !== kind) throw notFound(`No such ${segment.replace(/s$/, "").replace(/ie$/, "y")}.`);
  return {
    item: itemToApi(detail.item),
    uses: detail.uses,
    usedBy: detail.usedBy,
    blockedBy: detail.blockers.map((b) => ({ ...b, readiness: b.readiness })),
    history: detail.history.slice(0, 100).map((h) => ({ field: h.field, from: h.fromValue, to: h.toValue, at: h.at.toISOString(), actor: h.actorName })),
  };
}

export async function apiUpdateItem(db: Db, principal: ApiPrincipal, projectId: string, segment: string, itemId: string, body: unknown) {
  const { kind, ctx } = await inventoryTarget(db, principal, projectId, segment);
  return itemToApi(await updateItem(db, ctx, projectId, kind, itemId, body));
}

export async function apiDeleteItem(db: Db, principal: ApiPrincipal, projectId: string, segment: string, itemId: string) {
  const { kind, ctx } = await inventoryTarget(db, principal, projectId, segment);
  await deleteItem(db, ctx, projectId, kind, itemId);
  return new Response(null, { status: 204 });
}

export async function apiBulkUpdate(db: Db, principal: ApiPrincipal, projectId: string, segment: string, body: unknown) {
  const { kind, ctx } = await inventoryTarget(db, principal, projectId, segment);
  return bulkUpdateItems(db, ctx, projectId, kind as ItemKind, body);
}
