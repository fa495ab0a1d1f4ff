"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { linkRepository, rotateWebhookSecret, unlinkRepository, updateRepository } from "@/lib/repositories/manage";
import { requestScan } from "@/lib/repositories/run-scan";
import { linkInputFromForm, updateInputFromForm } from "@/lib/repositories/form";
import { repositoriesPath } from "@/lib/projects/paths";

export async function linkRepositoryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...fields } = input;
    const { webhookSecret } = await linkRepository(db, ctx, projectId, linkInputFromForm(fields));
    // No revalidation here: the page would replace this form, and the secret with it, before it
    // could be copied. The reveal links to the page once it has been (components/repositories).
    void projectSlug;
    return { ok: true, message: "Repository linked. Scan it now, and add the push webhook to the repository's host.", secret: webhookSecret };
  });
}

export async function updateRepositoryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, repositoryId, ...fields } = input;
    await updateRepository(db, ctx, projectId, repositoryId, updateInputFromForm(fields));
    revalidatePath(repositoriesPath(ctx.organizationSlug, projectSlug));
    return { ok: true, message: "Repository saved." };
  });
}

export async function unlinkRepositoryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await unlinkRepository(db, ctx, input.projectId, input.repositoryId);
    revalidatePath(repositoriesPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Repository unlinked." };
  });
}

export async function rotateWebhookSecretAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { webhookSecret } = await rotateWebhookSecret(db, ctx, input.projectId, input.repositoryId);
    revalidatePath(repositoriesPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "New webhook secret made: the old one no longer works.", secret: webhookSecret };
  });
}

export async function scanNowAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const scan = await requestScan(db, ctx, input.projectId, input.repositoryId, { full: input.full === "true" });
    revalidatePath(repositoriesPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: `Scan queued (${scan.id}). Reload to see it finish.` };
  });
}
