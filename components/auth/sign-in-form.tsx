"use client";

import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { safeCallbackUrl } from "./safe-callback";
import { THROTTLED_PREFIX } from "@/lib/auth/throttle-message";

/** next-auth hands over the message of the error `authorize` threw; a throttle says how long to wait. */
function signInErrorText(error: string | null | undefined): string {
  const wait = error?.startsWith(THROTTLED_PREFIX) ? Number(error.slice(THROTTLED_PREFIX.length)) : NaN;
  if (Number.isFinite(wait) && wait > 0) return `Too many failed sign-ins for this account or from this network. Try again in ${wait} s.`;
  return "That e-mail and password do not match an account.";
}

export function SignInForm({ callbackUrl, github }: { callbackUrl?: string; github: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const target = safeCallbackUrl(callbackUrl);

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setError(null);
          startTransition(async () => {
            const result = await signIn("credentials", {
              email: String(form.get("email") ?? ""),
              password: String(form.get("password") ?? ""),
              redirect: false,
            });
            if (!result || result.error) {
              setError(signInErrorText(result?.error));
              return;
            }
            // A full load, so that every part of the page (and the router's cache) starts from the new session.
            window.location.assign(target);
          });
        }}
      >
        <div>
          <label htmlFor="email" className="label">
            E-mail
          </label>
          <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} className="input" />
        </div>
        <div>
          <label htmlFor="password" className="label">
            Password
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={200} className="input" />
        </div>
        {error ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn-primary w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {github ? (
        <button type="button" className="btn-secondary w-full" onClick={() => signIn("github", { callbackUrl: target })}>
          Sign in with GitHub
        </button>
      ) : null}
    </div>
  );
}
