"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { appUrl } from "@/lib/app-url";
import { projectPath } from "@/lib/projects/paths";
import {
  addStatusSubscriber,
  createStatusNote,
  deleteStatusNote,
  disableStatusShareLink,
  removeStatusSubscriber,
  rotateStatusShareLink,
  setMyStatusSubscription,
  updateStatusSummary,
} from "@/lib/status/manage";
import { parseInput } from "@/lib/errors";
import { formFlagSchema } from "@/lib/validation/common";
import { z } from "zod";

const statusPath = (org: string, project: string) => `${projectPath(org, project)}/status`;

/** A new share link (the old one, if any, stops working); its URL is shown once. */
export async function rotateStatusLinkAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { secret } = await rotateStatusShareLink(db, ctx, input.projectId);
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return {
      ok: true,
      message: input.rotate
        ? "New share link created; the old one no longer works. Copy it now: it is not shown again."
        : "Share link created. Copy it now: it is not shown again.",
      secret: `${await appUrl()}/status/${secret}`,
    };
  });
}

export async function disableStatusLinkAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await disableStatusShareLink(db, ctx, input.projectId);
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "The share link is turned off: the page is for members only." };
  });
}

export async function updateStatusSummaryAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateStatusSummary(db, ctx, input.projectId, { summary: input.summary ?? "" });
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Summary saved." };
  });
}

export async function createStatusNoteAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...note } = input;
    await createStatusNote(db, ctx, projectId, note);
    revalidatePath(statusPath(ctx.organizationSlug, projectSlug));
    return { ok: true, message: "Note added." };
  });
}

export async function deleteStatusNoteAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await deleteStatusNote(db, ctx, input.projectId, input.noteId);
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Note removed." };
  });
}

export async function addStatusSubscriberAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await addStatusSubscriber(db, ctx, input.projectId, { email: input.email ?? "" });
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Subscribed." };
  });
}

export async function removeStatusSubscriberAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await removeStatusSubscriber(db, ctx, input.projectId, input.subscriberId);
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: "Unsubscribed." };
  });
}

/** The member's own address on or off the subscribers' list. */
export async function setMyStatusSubscriptionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { subscribed } = parseInput(z.object({ subscribed: formFlagSchema }), { subscribed: input.subscribed });
    await setMyStatusSubscription(db, ctx, input.projectId, { subscribed });
    revalidatePath(statusPath(ctx.organizationSlug, input.projectSlug));
    return { ok: true, message: subscribed ? "You are subscribed." : "You are unsubscribed." };
  });
}
