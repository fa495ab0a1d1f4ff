import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { notFound } from "@/lib/errors";
import { servableLinks } from "@/lib/validation/links";
import type { OrgContext } from "@/lib/tenancy";
import { kindFromSegment, KIND_SINGULAR } from "./labels";
import { createItem, deleteItem, getItemDetail, updateItem, type ItemRow } from "./items";
import { listItems } from "./list";
import { bulkUpdateItems } from "./bulk";
import type { itemDetailSchema, itemOutputSchema } from "./api-schemas";

export function itemToApi(item: ItemRow): z.infer<typeof itemOutputSchema> {
  return {
    id: item.id,
    kind: item.kind,
    key: item.key,
    name: item.name,
    method: item.method,
    path: item.path,
    handler: item.handler,
    status: item.status,
    agentReview: item.agentReview,
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
    owner: item.ownerTeam
      ? { type: "team", id: item.ownerTeam.id, name: item.ownerTeam.name }
      : item.ownerUser
        ? { type: "user", id: item.ownerUser.id, name: item.ownerUser.name }
        : null,
    notes: item.notes,
    links: servableLinks(item.links),
    blocked: item.blockerCount > 0,
    blockerCount: item.blockerCount,
    claim: item.activeClaim
      ? { holder: item.activeClaim.holder, startedAt: item.activeClaim.startedAt.toISOString(), expectedFinish: item.activeClaim.expectedFinish.toISOString() }
      : null,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

/** The documented path of an inventory endpoint for a `{kind}` segment, or null for an unknown kind (404). */
export function inventoryPath(segment: string, rest = ""): string | null {
  return kindFromSegment(segment) ? `/api/v1/projects/{projectId}/${segment}${rest}` : null;
}

function kindOf(segment: string): ItemKind {
  const kind = kindFromSegment(segment);
  if (!kind) throw notFound("No such API endpoint. See /api/v1/openapi.json.");
  return kind;
}

export async function apiListItems(db: Db, ctx: OrgContext, projectId: string, segment: string, query: unknown) {
  const page = await listItems(db, ctx, projectId, kindOf(segment), query);
  return { data: page.data.map(itemToApi), total: page.total, totalIsCapped: page.totalIsCapped, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

export async function apiCreateItem(db: Db, ctx: OrgContext, projectId: string, segment: string, body: unknown) {
  return itemToApi(await createItem(db, ctx, projectId, kindOf(segment), body));
}

export async function apiGetItem(db: Db, ctx: OrgContext, projectId: string, segment: string, itemId: string): Promise<z.infer<typeof itemDetailSchema>> {
  const kind = kindOf(segment);
  const detail = await getItemDetail(db, ctx, projectId, itemId);
  if (detail.item.kind !== kind) throw notFound(`No such ${KIND_SINGULAR[kind]}.`);
  return {
    item: itemToApi(detail.item),
    uses: detail.uses,
    usedBy: detail.usedBy,
    blockedBy: detail.blockers.map((b) => ({ ...b, readiness: b.readiness })),
    history: detail.history.slice(0, 100).map((h) => ({ field: h.field, from: h.fromValue, to: h.toValue, at: h.at.toISOString(), actor: h.actorName })),
  };
}

export async function apiUpdateItem(db: Db, ctx: OrgContext, projectId: string, segment: string, itemId: string, body: unknown) {
  return itemToApi(await updateItem(db, ctx, projectId, kindOf(segment), itemId, body));
}

export async function apiDeleteItem(db: Db, ctx: OrgContext, projectId: string, segment: string, itemId: string) {
  await deleteItem(db, ctx, projectId, kindOf(segment), itemId);
  return new Response(null, { status: 204 });
}

export async function apiBulkUpdate(db: Db, ctx: OrgContext, projectId: string, segment: string, body: unknown) {
  return bulkUpdateItems(db, ctx, projectId, kindOf(segment), body);
}
