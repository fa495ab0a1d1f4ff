"use server";

import { getDb } from "@/lib/db/client";
import { errorState } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";
import { unsubscribeByToken } from "@/lib/status/subscribe";

/** The unsubscribe link's button (a POST: a mail scanner opening the link unsubscribes nobody). */
export async function unsubscribeFromStatusAction(_: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const result = await unsubscribeByToken(await getDb(), String(formData.get("token") ?? ""));
    return {
      ok: true,
      message: result.removed
        ? `Unsubscribed: ${result.email} gets no more e-mail about “${result.projectName}”.`
        : "Nothing to do: this address is not subscribed (any more).",
    };
  } catch (error) {
    return errorState(error);
  }
}
