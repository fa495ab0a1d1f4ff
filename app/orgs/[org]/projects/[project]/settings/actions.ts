"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction, runOrgCall } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { updateAgentSettings, updateClaimSettings, updateMeetingSettings, updateProgressSettings, updateRankingWeights } from "@/lib/projects/project-settings";
import { rotateCalendarToken } from "@/lib/stewardship/calendar";
import { appUrl } from "@/lib/app-url";
import type { RankingWeights } from "@/lib/ranking/weights";
import { previewRankingWeights } from "@/lib/ranking/preview";
import { projectPath } from "@/lib/projects/paths";
import { setGateConfig } from "@/lib/evidence/enforce";

export async function updateClaimSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateClaimSettings(db, ctx, projectId, settings);
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { ok: true, message: "Claim settings saved." };
  });
}

export async function updateProgressSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateProgressSettings(db, ctx, projectId, settings);
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { ok: true, message: "Progress settings saved." };
  });
}

export async function updateMeetingSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateMeetingSettings(db, ctx, projectId, settings);
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { ok: true, message: "Meeting settings saved." };
  });
}

/** A new private calendar link (the old one, if any, stops working); its URL is shown once. */
export async function rotateCalendarTokenAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { secret } = await rotateCalendarToken(db, ctx, input.projectId);
    revalidatePath(`${projectPath(ctx.organizationSlug, input.projectSlug)}/settings`);
    return {
      ok: true,
      message: input.rotate
        ? "New calendar link created; the old one no longer works. Copy it now: it is not shown again."
        : "Calendar link created. Copy it now: it is not shown again.",
      secret: `${await appUrl()}/api/calendar/${secret}.ics`,
    };
  });
}

/** What the settings page's weights editor shows while the weights are edited (nothing is stored). */
export async function previewRankingCall(org: string, projectId: string, weights: RankingWeights) {
  return runOrgCall(org, ({ db, ctx }) => previewRankingWeights(db, ctx, projectId, weights));
}

export async function saveRankingWeightsCall(org: string, projectId: string, projectSlug: string, weights: RankingWeights | null) {
  return runOrgCall(org, async ({ db, ctx }) => {
    const saved = await updateRankingWeights(db, ctx, projectId, weights);
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return saved;
  });
}

/** The project's evidence gates, as the gates editor sends them (validated by `setGateConfig`). */
export async function saveGatesCall(org: string, projectId: string, projectSlug: string, config: Record<string, unknown>) {
  return runOrgCall(org, async ({ db, ctx }) => {
    const saved = await setGateConfig(db, ctx, projectId, config);
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { verified: saved.verified.length, switchToNew: saved.switchToNew.length };
  });
}

export async function updateAgentSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateAgentSettings(db, ctx, projectId, { briefQueryValues: false, ...settings });
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { ok: true, message: "Agent settings saved." };
  });
}
