"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { preferencesFromForm, updatePreferences } from "@/lib/notifications/preferences";
import { orgPath } from "@/lib/projects/paths";

export async function updatePreferencesAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await updatePreferences(db, ctx, preferencesFromForm(input));
    revalidatePath(`${orgPath(ctx.organizationSlug)}/notifications`);
    return { ok: true, message: "Notification settings saved." };
  });
}
