"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" state={state} required maxLength={200} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        state={state}
        required
        maxLength={200}
        hint="At least 10 characters, not a common password, not your e-mail name."
      />
      <FormMessage state={state} />
      {state?.ok ? (
        <a href="/signin" className="btn-secondary inline-block">
          Sign in again
        </a>
      ) : null}
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}

export function SignOutEverywhereForm({ action }: { action: (state: ActionState) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      {state?.ok ? (
        <a href="/signin" className="btn-secondary inline-block">
          Sign in again
        </a>
      ) : (
        <SubmitButton className="btn-secondary" pendingText="Signing out…">
          Sign out everywhere
        </SubmitButton>
      )}
    </form>
  );
}
