"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { addRelation, createItem, deleteItem, removeRelation, updateItem } from "@/lib/inventory/items";
import { bulkUpdateItems } from "@/lib/inventory/bulk";
import { kindFromSegment, KIND_SEGMENTS } from "@/lib/inventory/labels";
import { AppError } from "@/lib/errors";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { projectPath } from "@/lib/projects/paths";

/** Form fields are strings: drop the plumbing fields, turn the links textarea into a list and an override reason into `overrideGate`. */
function itemFields(input: Record<string, string>) {
  const { projectId: _p, kind: _k, itemId: _i, projectSlug: _s, overrideGateReason, ...fields } = input;
  const out: Record<string, unknown> = { ...fields };
  if ("links" in fields) out.links = fields.links.split(/\s+/).filter(Boolean);
  // A manager's override of the Verified gate, sent again from the gate's refusal (the domain checks the role).
  if (overrideGateReason !== undefined) out.overrideGate = { reason: overrideGateReason };
  return out;
}

function kindOf(input: Record<string, string>): ItemKind {
  const kind = kindFromSegment(input.kind ?? "");
  if (!kind) throw new AppError("invalid_input", "Unknown kind of item.");
  return kind;
}

const itemsPath = (org: string, projectSlug: string) => projectPath(org, projectSlug);

export async function createItemAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const item = await createItem(db, ctx, input.projectId, kindOf(input), itemFields(input));
    target = `${itemsPath(ctx.organizationSlug, input.projectSlug)}/items/${item.id}?created=1`;
  });
  if (target) redirect(target);
  return state;
}

export async function updateItemAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateItem(db, ctx, input.projectId, kindOf(input), input.itemId, itemFields(input));
    revalidatePath(itemsPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Saved." };
  });
}

export async function deleteItemAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let target: string | null = null;
  const state = await runOrgAction(formData, async ({ db, ctx, input }) => {
    const kind = kindOf(input);
    await deleteItem(db, ctx, input.projectId, kind, input.itemId);
    target = `${itemsPath(ctx.organizationSlug, input.projectSlug)}/inventory/${KIND_SEGMENTS[kind]}?deleted=1`;
  });
  if (target) redirect(target);
  return state;
}

export async function addRelationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const target = await addRelation(db, ctx, input.projectId, input.itemId, { targetKey: input.targetKey });
    revalidatePath(itemsPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Now uses ${target.key}.` };
  });
}

export async function removeRelationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await removeRelation(db, ctx, input.projectId, input.itemId, input.targetId);
    revalidatePath(itemsPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Relation removed." };
  });
}

export async function bulkUpdateAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const ids = formData.getAll("ids").map(String);
    const set: Record<string, string | null> = {};
    if (input.status) set.status = input.status;
    if (input.statusReason) set.statusReason = input.statusReason;
    if (input.owner) set.owner = input.owner === "none" ? null : input.owner;
    const result = await bulkUpdateItems(db, ctx, input.projectId, kindOf(input), { ids, set });
    revalidatePath(itemsPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `${result.changed} of ${result.matched} changed.` };
  });
}
