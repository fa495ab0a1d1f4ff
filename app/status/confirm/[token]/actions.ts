"use server";

import { getDb } from "@/lib/db/client";
import { errorState } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { confirmStatusSubscription } from "@/lib/status/subscribe";

/** The confirmation link's button (a POST: a mail scanner opening the link confirms nothing). */
export async function confirmStatusSubscriptionAction(_: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const { email, projectName } = await confirmStatusSubscription(await getDb(), String(formData.get("token") ?? ""));
    return { ok: true, message: `Confirmed: ${email} gets an e-mail when a planned change of “${projectName}” moves or is cancelled.` };
  } catch (error) {
    return errorState(error);
  }
}
