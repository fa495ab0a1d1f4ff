"use server";

import { getDb } from "@/lib/db/client";
import { errorState, formFields } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { subscribeByShareLink } from "@/lib/status/subscribe";
import { actionClientAddress } from "@/lib/auth/client-address";

/** "Get e-mail updates" on the share link's page, signed out: the share token in the form is the authorisation. */
export async function subscribeToStatusAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const { token, ...input } = formFields(formData);
  try {
    const { message } = await subscribeByShareLink(await getDb(), token ?? "", input, await actionClientAddress());
    return { ok: true, message };
  } catch (error) {
    return errorState(error, input);
  }
}
