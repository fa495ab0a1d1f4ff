"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import type { FormAction } from "@/components/stewardship/form-parts";

/**
 * "Get e-mail updates" on the share link's page (signed out): one address, a double opt-in. The
 * answer is the same whether or not the address was subscribed; a refusal (too many requests)
 * says so in words.
 */
export function StatusSubscribeForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate aria-labelledby="status-subscribe-heading">
      <input type="hidden" name="token" value={token} />
      <Field
        label="E-mail address"
        name="email"
        type="email"
        autoComplete="email"
        state={state}
        required
        hint="We e-mail you when a planned change moves or is cancelled. You confirm first; every e-mail has a link to stop them."
      />
      <FormMessage state={state} />
      <SubmitButton pendingText="Sending…">Get e-mail updates</SubmitButton>
    </form>
  );
}

/** The one button of a confirmation or unsubscribe link's page; the outcome replaces it. */
export function StatusLinkButtonForm({ action, token, label, pendingText }: { action: FormAction; token: string; label: string; pendingText: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      {state?.ok ? null : <SubmitButton pendingText={pendingText}>{label}</SubmitButton>}
    </form>
  );
}
