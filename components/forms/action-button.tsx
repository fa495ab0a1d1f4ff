"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "./fields";

/** One button bound to a server action, with hidden fields, and the outcome shown beside it. */
export function ActionButton({
  action,
  hidden,
  label,
  pendingText,
  className = "btn-primary",
  accessibleName,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  pendingText?: string;
  className?: string;
  accessibleName?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1" aria-label={accessibleName}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton className={className} pendingText={pendingText}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
