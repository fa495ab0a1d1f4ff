"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { acceptInvitationFrom } from "@/lib/members/invitations";
import { actionClientAddress } from "@/lib/auth/client-address";
import { errorState } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { orgPath } from "@/lib/projects/paths";

export async function acceptInvitationAction(_: ActionState, formData: FormData): Promise<ActionState> {
  let slug: string | null = null;
  try {
    const userId = await getSessionUserId();
    if (!userId) return { error: "Sign in first." };
    slug = (await acceptInvitationFrom(await getDb(), userId, String(formData.get("token") ?? ""), await actionClientAddress())).organization.slug;
  } catch (error) {
    return errorState(error);
  }
  redirect(orgPath(slug));
}
