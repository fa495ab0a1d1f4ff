"use client";

import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage } from "@/components/forms/fields";
import { safeCallbackUrl } from "./safe-callback";
import { orgPath } from "@/lib/projects/paths";

type Invitation = { token: string; organization: string; email: string | null };

/** Sign-up; through an invitation link (`invitation`) the account joins that organisation instead of creating one. */
export function SignUpForm({
  action,
  callbackUrl,
  invitation,
}: {
  action: (formData: FormData) => Promise<ActionState>;
  callbackUrl?: string;
  invitation?: Invitation;
}) {
  const [state, setState] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(async () => {
          const result = await action(formData);
          if (!result?.ok) {
            setState(result);
            return;
          }
          const signedIn = await signIn("credentials", {
            email: String(formData.get("email")),
            password: String(formData.get("password")),
            redirect: false,
          });
          if (!signedIn || signedIn.error) {
            setState({ error: "Your account was created, but signing in failed. Sign in from the sign-in page." });
            return;
          }
          // Invited: straight into the organisation joined (the invitation page would only say it is used now).
          window.location.assign(invitation ? orgPath(result.message ?? "") : safeCallbackUrl(callbackUrl, orgPath(result.message ?? "")));
        });
      }}
    >
      {invitation ? (
        <p className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" data-testid="signup-invitation">
          You will join <strong>{invitation.organization}</strong>.
        </p>
      ) : null}
      <Field label="Your name" name="name" state={state} required maxLength={120} autoComplete="name" />
      <Field
        label="E-mail"
        name="email"
        type="email"
        state={state}
        required
        maxLength={254}
        autoComplete="email"
        defaultValue={invitation?.email ?? undefined}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        state={state}
        required
        minLength={10}
        maxLength={72}
        autoComplete="new-password"
        hint="At least 10 characters; not a common password."
      />
      {invitation ? (
        <input type="hidden" name="invitation" value={invitation.token} />
      ) : (
        <Field label="Organisation name" name="organizationName" state={state} maxLength={120} hint="Optional. You can invite your team to it." />
      )}
      <FormMessage state={state} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
