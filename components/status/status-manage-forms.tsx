"use client";

import { useActionState, useRef } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";
import { RotatingLinkForm } from "@/components/forms/rotating-link-form";
import { HiddenFields, TextAreaField, type FormAction } from "@/components/stewardship/form-parts";

/**
 * The share link: created, rotated behind a confirmation (the old link answers 404 at once) or
 * turned off. The new URL comes back once in the action's `secret`, with a copy button.
 */
export function StatusLinkForm({ action, hidden, hasLink }: { action: FormAction; hidden: Record<string, string>; hasLink: boolean }) {
  return (
    <RotatingLinkForm
      action={action}
      hidden={hidden}
      hasLink={hasLink}
      id="status"
      text={{
        rotate: "Rotate the share link",
        title: "Rotate the share link?",
        body: <>The old link stops working at once (it shows &ldquo;Not found&rdquo;): everyone who had it needs the new one.</>,
        create: "Create a share link",
        revealLabel: "The share link (shown once)",
      }}
    >
      Anyone with this link can read this page without signing in. Rotate it to stop the old one.
    </RotatingLinkForm>
  );
}

export function StatusSummaryForm({ action, hidden, summary }: { action: FormAction; hidden: Record<string, string>; summary: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <TextAreaField
        label="Summary"
        name="summary"
        state={state}
        defaultValue={summary}
        rows={5}
        maxLength={4000}
        hint="Plain words for people outside engineering: what is moving, why, and what they may see."
      />
      <FormMessage state={state} />
      <SubmitButton>Save the summary</SubmitButton>
    </form>
  );
}

export type PlannedOption = { id: string; label: string };

export function StatusNoteForm({ action, hidden, planned }: { action: FormAction; hidden: Record<string, string>; planned: PlannedOption[] }) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <Field label="Title" name="title" state={state} required maxLength={200} hint="What the note is about, e.g. “Checkout moves on Tuesday”." />
      <Field label="For the planned change (optional)" name="scheduledSwitchId" as="select" state={state} defaultValue="">
        <option value="">None: a note of its own</option>
        {planned.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </Field>
      <TextAreaField label="How to notice" name="howToNotice" state={state} required rows={3} maxLength={2000} hint="What someone using the system may see." />
      <TextAreaField
        label="Whom to tell"
        name="whomToTell"
        state={state}
        required
        rows={2}
        maxLength={500}
        hint="A person, team or channel to tell when something looks wrong."
      />
      <FormMessage state={state} />
      <SubmitButton>Add the note</SubmitButton>
    </form>
  );
}

export function StatusSubscriberForm({ action, hidden }: { action: FormAction; hidden: Record<string, string> }) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <HiddenFields values={hidden} />
      <Field label="E-mail address" name="email" type="email" state={state} required hint="Told when a planned change moves or is cancelled." />
      <FormMessage state={state} />
      <SubmitButton>Subscribe</SubmitButton>
    </form>
  );
}

/** A member's own subscription: one button that turns it on or off. */
export function MySubscriptionForm({
  action,
  hidden,
  email,
  subscribed,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  email: string;
  subscribed: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <HiddenFields values={{ ...hidden, subscribed: subscribed ? "false" : "true" }} />
      <p className="text-sm text-slate-600">
        {subscribed ? `${email} is told when a planned change moves or is cancelled.` : `Be told at ${email} when a planned change moves or is cancelled.`}
      </p>
      <SubmitButton className="btn-secondary" pendingText="Saving…">
        {subscribed ? "Unsubscribe me" : "Subscribe me"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
