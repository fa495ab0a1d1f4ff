"use server";

import { revalidatePath } from "next/cache";
import { runOrgAction } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { renameOrganization } from "@/lib/orgs/membership";
import { orgPath } from "@/lib/projects/paths";

export async function renameOrganizationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  return runOrgAction(formData, async ({ db, ctx, input }) => {
    await renameOrganization(db, ctx, input);
    revalidatePath(orgPath(ctx.organizationSlug), "layout");
    return { ok: true, message: "Organisation renamed." };
  });
}
