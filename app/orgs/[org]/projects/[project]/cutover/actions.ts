"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { projectPath } from "@/lib/projects/paths";
import { bulkSwitch, killSwitch, switchRoute } from "@/lib/cutover/switch";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { createFreezeWindow, deleteFreezeWindow } from "@/lib/cutover/freeze-windows";
import { cancelScheduledSwitch, rescheduleSwitch, scheduleSwitch } from "@/lib/cutover/scheduled";
import { formFlagSchema } from "@/lib/validation/common";

const target = (input: Record<string, string>) => (input.to === "canary" ? { to: "canary", percent: input.percent } : { to: input.to });
const override = (input: Record<string, string>) => ({
  ...(input.overrideReason ? { overrideFreeze: { reason: input.overrideReason } } : {}),
  // A manager's override of the switch-to-new gate, sent again from the gate's refusal (the domain checks the role).
  ...(input.overrideGateReason !== undefined ? { overrideGate: { reason: input.overrideGateReason } } : {}),
});

export async function switchAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const result = await switchRoute(db, ctx, input.projectId, input.itemId, {
      target: target(input),
      reason: input.reason,
      ...(input.expected ? { expected: input.expected } : {}),
      ...override(input),
    });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: result.changed ? `${result.key} is now ${result.state}.` : `${result.key} was already ${result.state}.` };
  });
}

export async function bulkSwitchAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const ids = formData.getAll("ids").map(String);
    const result = await bulkSwitch(db, ctx, input.projectId, { itemIds: ids, target: target(input), reason: input.reason, ...override(input) });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `${result.switched} of ${result.selected} routes switched to ${result.state}.` };
  });
}

export async function killSwitchAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const scope =
      input.scope === "route"
        ? { kind: "route", itemId: input.itemId }
        : input.scope === "module"
          ? { kind: "module", moduleId: input.moduleId }
          : input.scope === "team"
            ? { kind: "team", teamId: input.teamId }
            : { kind: "project" };
    const result = await killSwitch(db, ctx, input.projectId, { scope, reason: input.reason });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return {
      ok: true,
      message: result.switched
        ? `${result.switched} route${result.switched === 1 ? "" : "s"} sent back to legacy.`
        : "Nothing to send back: already on legacy.",
    };
  });
}

export async function cutoverSettingsAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await updateCutoverSettings(db, ctx, input.projectId, {
      legacyUpstream: input.legacyUpstream ?? "",
      newUpstream: input.newUpstream ?? "",
      mirrorUpstream: input.mirrorUpstream ?? "",
      legacyRetired: formFlagSchema.parse(input.legacyRetired ?? "false"),
      stickinessBy: input.stickinessBy,
      stickinessName: input.stickinessName || null,
    });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Cutover settings saved." };
  });
}

export async function createFreezeWindowAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const { projectId, projectSlug, kind, ...rest } = input;
    const fields =
      kind === "recurring"
        ? { reason: rest.reason, scope: rest.scope, timeZone: rest.timeZone, cron: rest.cron, durationMinutes: rest.durationMinutes }
        : { reason: rest.reason, scope: rest.scope, timeZone: rest.timeZone, startsAt: rest.startsAt || undefined, endsAt: rest.endsAt || undefined };
    await createFreezeWindow(db, ctx, projectId, fields);
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { ok: true, message: "Freeze window added." };
  });
}

export async function deleteFreezeWindowAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await deleteFreezeWindow(db, ctx, input.projectId, input.windowId);
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Freeze window removed." };
  });
}

export async function scheduleSwitchAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    const planned = await scheduleSwitch(db, ctx, input.projectId, { itemId: input.itemId, target: target(input), reason: input.reason, at: input.at });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: `Planned: ${planned.key} to ${planned.to}.` };
  });
}

export async function cancelScheduledSwitchAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await cancelScheduledSwitch(db, ctx, input.projectId, input.scheduledId);
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Planned switch cancelled." };
  });
}

/** Moves a planned switch to another time (read in the project's zone); the status page's subscribers are told. */
export async function rescheduleSwitchAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await rescheduleSwitch(db, ctx, input.projectId, input.scheduledId, { at: input.at ?? "" });
    revalidatePath(projectPath(ctx.organizationSlug, input.projectSlug), "layout");
    return { ok: true, message: "Planned switch moved." };
  });
}
