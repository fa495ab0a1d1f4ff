"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { createOrganization } from "@/lib/orgs/create-organization";
import { errorState, formFields } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { orgPath } from "@/lib/projects/paths";

export async function createOrganizationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const input = formFields(formData);
  let slug: string | null = null;
  try {
    const userId = await getSessionUserId();
    if (!userId) return { error: "Your session has ended. Sign in again." };
    slug = (await createOrganization(await getDb(), userId, input)).slug;
  } catch (error) {
    return errorState(error, input);
  }
  redirect(orgPath(slug));
}
