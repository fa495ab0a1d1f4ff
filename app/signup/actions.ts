"use server";

import { getDb } from "@/lib/db/client";
import { signUpFrom } from "@/lib/accounts/sign-up";
import { actionClientAddress } from "@/lib/auth/client-address";
import { errorState, formFields } from "@/lib/actions/org-action";
import type { ActionState } from "@/lib/actions/action-state";

export async function signUpAction(formData: FormData): Promise<ActionState> {
  const input = formFields(formData);
  try {
    const { organization } = await signUpFrom(await getDb(), input, await actionClientAddress());
    return { ok: true, message: organization.slug };
  } catch (error) {
    return errorState(error, input);
  }
}
