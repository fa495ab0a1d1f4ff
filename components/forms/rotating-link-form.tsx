"use client";

import { useRef, useActionState, type ReactNode } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "@/components/forms/fields";
import { SecretReveal } from "@/components/forms/secret-reveal";
import { HiddenFields } from "@/components/stewardship/form-parts";

type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A secret link (a calendar feed, a status page's share link): created, or rotated behind a
 * confirmation (the old link stops working at once). The new URL comes back once in the action's
 * `secret`, with a copy button. `id` names the dialog's and the reveal's elements.
 */
export function RotatingLinkForm({
  action,
  hidden,
  hasLink,
  id,
  text,
  children,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  hasLink: boolean;
  id: string;
  text: { rotate: string; title: string; body: ReactNode; create: string; revealLabel: string };
  /** What the revealed link is for and how to use it. */
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const submit = (formData: FormData) => {
    dialog.current?.close();
    formAction(formData);
  };
  return (
    <div className="space-y-3">
      {hasLink ? (
        <>
          <button type="button" className="btn-secondary" onClick={() => dialog.current?.showModal()} disabled={pending}>
            {pending ? "Rotating…" : text.rotate}
          </button>
          <dialog
            ref={dialog}
            className="m-auto w-[min(28rem,calc(100vw-2rem))] max-w-none rounded-lg p-0 shadow-xl"
            aria-labelledby={`rotate-${id}-title`}
            aria-describedby={`rotate-${id}-body`}
          >
            <form action={submit} className="space-y-4 p-6">
              <HiddenFields values={{ ...hidden, rotate: "1" }} />
              <h2 id={`rotate-${id}-title`} className="text-lg font-semibold">
                {text.title}
              </h2>
              <p id={`rotate-${id}-body`} className="text-sm text-slate-600">
                {text.body}
              </p>
              <div className="flex justify-end gap-2">
                <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
                  Cancel
                </button>
                <button type="submit" className="btn-danger">
                  Rotate the link
                </button>
              </div>
            </form>
          </dialog>
        </>
      ) : (
        <form action={submit}>
          <HiddenFields values={hidden} />
          <SubmitButton pendingText="Creating…">{text.create}</SubmitButton>
        </form>
      )}
      <FormMessage state={state} />
      {state?.secret ? (
        <SecretReveal key={state.secret} id={`${id}-link`} label={text.revealLabel} secret={state.secret}>
          {children}
        </SecretReveal>
      ) : null}
    </div>
  );
}
