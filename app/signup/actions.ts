"use server";

import { getDb } from "@/lib/db/client";
import { signUp } from "@/lib/accounts/sign-up";
import { errorState, formFields } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";

export async function signUpAction(formData: FormData): Promise<ActionState> {
  const input = formFields(formData);
  try {
    const { organization } = await signUp(await getDb(), input);
    return { ok: true, message: organization.slug };
  } catch (error) {
    return errorState(error, input);
  }
}
