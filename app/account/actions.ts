"use server";

import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { changePassword, signOutEverywhere } from "@/lib/accounts/change-password";
import { errorState, formFields } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";

export async function changePasswordAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const input = formFields(formData);
  try {
    const userId = await getSessionUserId();
    if (!userId) return { error: "Your session has ended. Sign in again." };
    const { sessionsEnded } = await changePassword(await getDb(), userId, input);
    return {
      ok: true,
      message: `Password changed. ${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"} ended, this one included: sign in again with the new password.`,
    };
  } catch (error) {
    return errorState(error, input);
  }
}

export async function signOutEverywhereAction(_: ActionState): Promise<ActionState> {
  try {
    const userId = await getSessionUserId();
    if (!userId) return { error: "Your session has ended. Sign in again." };
    const { sessionsEnded } = await signOutEverywhere(await getDb(), userId);
    return { ok: true, message: `Signed out of ${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"}, this one included.` };
  } catch (error) {
    return errorState(error);
  }
}
