"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { markRead } from "@/lib/notifications/inbox";
import { errorState, formFields } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";

export async function markReadAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const input = formFields(formData);
  try {
    const userId = await getSessionUserId();
    if (!userId) return { error: "Your session has ended. Sign in again." };
    const { marked } = await markRead(await getDb(), userId, input.all === "true" ? { all: true } : { ids: [input.id] });
    revalidatePath("/", "layout");
    return { ok: true, message: marked === 1 ? "Marked read." : `${marked} marked read.` };
  } catch (error) {
    return errorState(error);
  }
}
