"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction, runOrgCall } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { parseInput } from "@/lib/errors";
import { updateClaimSettings, updateMeetingSettings, updateProgressSettings, updateRankingWeights } from "@/lib/projects/project-settings";
import { rotateCalendarToken } from "@/lib/stewardship/calendar";
import { appUrl } from "@/lib/app-url";
import { projectWeights } from "@/lib/ranking/project-ranking";
import { preparedRankingFor } from "@/lib/ranking/prepared-cache";
import { rankPrepared } from "@/lib/ranking/rank";
import { rankingWeightsSchema, type RankingWeights } from "@/lib/ranking/weights";
import { assertCan } from "@/lib/auth/permissions";

export async function updateClaimSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateClaimSettings(db, ctx, projectId, settings);
    revalidatePath(`/orgs/${ctx.organizationSlug}/projects/${projectSlug}`, "layout");
    return { ok: true, message: "Claim settings saved." };
  });
}

export async function updateProgressSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateProgressSettings(db, ctx, projectId, settings);
    revalidatePath(`/orgs/${ctx.organizationSlug}/projects/${projectSlug}`, "layout");
    return { ok: true, message: "Progress settings saved." };
  });
}

export async function updateMeetingSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, ...settings } = input;
    await updateMeetingSettings(db, ctx, projectId, settings);
    revalidatePath(`/orgs/${ctx.organizationSlug}/projects/${projectSlug}`, "layout");
    return { ok: true, message: "Meeting settings saved." };
  });
}

/** A new private calendar link (the old one, if any, stops working); its URL is shown once. */
export async function rotateCalendarTokenAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { secret } = await rotateCalendarToken(db, ctx, input.projectId);
    revalidatePath(`/orgs/${ctx.organizationSlug}/projects/${input.projectSlug}/settings`);
    return {
      ok: true,
      message: input.rotate ? "New calendar link created; the old one no longer works. Copy it now: it is not shown again." : "Calendar link created. Copy it now: it is not shown again.",
      secret: `${await appUrl()}/api/calendar/${secret}.ics`,
    };
  });
}

export type PreviewRow = { id: string; key: string; tier: string; score: number; position: number; was: number | null };

/**
 * The first 15 items under the given weights, each with its place under the saved weights, so
 * the settings page shows what a change would move. Nothing is stored.
 */
export async function previewRankingCall(org: string, projectId: string, weights: RankingWeights) {
  return runOrgCall(org, async ({ db, ctx }) => {
    assertCan(ctx.role, "ranking:tune");
    const candidate = parseInput(rankingWeightsSchema, weights);
    // Prepared once per project version (cached); ranking twice under different weights is a few milliseconds.
    const [prepared, storedWeights] = await Promise.all([preparedRankingFor(db, ctx, projectId), projectWeights(db, ctx, projectId)]);
    const next = rankPrepared(prepared, candidate, { limit: 15 });
    const saved = rankPrepared(prepared, storedWeights, { limit: 500 });
    const before = new Map(saved.items.map((i) => [i.id, i.position]));
    return next.items.map((i): PreviewRow => ({ id: i.id, key: i.key, tier: i.tier, score: i.score, position: i.position, was: before.get(i.id) ?? null }));
  });
}

export async function saveRankingWeightsCall(org: string, projectId: string, projectSlug: string, weights: RankingWeights | null) {
  return runOrgCall(org, async ({ db, ctx }) => {
    const saved = await updateRankingWeights(db, ctx, projectId, weights);
    revalidatePath(`/orgs/${ctx.organizationSlug}/projects/${projectSlug}`, "layout");
    return saved;
  });
}
