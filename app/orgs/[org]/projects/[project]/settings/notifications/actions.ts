"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  endpointFromForm,
  redeliver,
  removeSlackWebhook,
  setEndpointEnabled,
  setSlackWebhook,
  slackFromForm,
} from "@/lib/notifications/channels";
import { projectPath } from "@/lib/projects/paths";

const page = (org: string, projectSlug: string) => `${projectPath(org, projectSlug)}/settings/notifications`;

export async function setSlackWebhookAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...fields } = input;
    const saved = await setSlackWebhook(db, ctx, projectId, slackFromForm(fields));
    revalidatePath(page(ctx.organizationSlug, projectSlug));
    return { ok: true, message: `Slack webhook saved (${saved.urlHint}).` };
  });
}

export async function removeSlackWebhookAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await removeSlackWebhook(db, ctx, input.projectId);
    revalidatePath(page(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Slack webhook removed." };
  });
}

export async function createEndpointAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, orgWide, ...fields } = input;
    const created = await createWebhookEndpoint(db, ctx, orgWide === "on" ? null : projectId, endpointFromForm(fields));
    revalidatePath(page(ctx.organizationSlug, projectSlug));
    return { ok: true, message: "Webhook added.", secret: created.secret };
  });
}

export async function deleteEndpointAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await deleteWebhookEndpoint(db, ctx, input.endpointId);
    revalidatePath(page(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Webhook deleted." };
  });
}

export async function setEndpointEnabledAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await setEndpointEnabled(db, ctx, input.endpointId, input.enabled === "true");
    revalidatePath(page(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: input.enabled === "true" ? "Webhook turned on." : "Webhook turned off." };
  });
}

export async function redeliverAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await redeliver(db, ctx, input.deliveryId);
    revalidatePath(page(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Queued to be sent again." };
  });
}
