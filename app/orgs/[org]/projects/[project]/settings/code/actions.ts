"use server";

import { revalidatePath } from "next/cache";
import { runOrgCall } from "@/lib/actions/org-action";
import { setCodeSettings } from "@/lib/repositories/settings";
import { projectPath } from "@/lib/projects/paths";

/** The project's code settings as the form sends them (validated by `setCodeSettings`). */
export async function saveCodeSettingsCall(org: string, projectId: string, projectSlug: string, settings: Record<string, unknown>) {
  return runOrgCall(org, async ({ db, ctx }) => {
    await setCodeSettings(db, ctx, projectId, settings);
    revalidatePath(`${projectPath(ctx.organizationSlug, projectSlug)}/settings/code`);
    return { saved: true as const };
  });
}
