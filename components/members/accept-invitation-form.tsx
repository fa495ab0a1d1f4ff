"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "@/components/forms/fields";

export function AcceptInvitationForm({
  action,
  token,
  label,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  token: string;
  label: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Joining…">{label}</SubmitButton>
    </form>
  );
}
