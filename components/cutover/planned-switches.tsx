import Link from "next/link";
import type { ActionState } from "@/lib/actions/action-state";
import type { ScheduledSwitchView } from "@/lib/cutover/scheduled";
import { formatDateTime } from "@/lib/format";
import { ConfirmForm } from "@/components/forms/confirm-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Switches planned for later, soonest first, each with a Cancel (for those who may switch).
 * `itemHref` links each route (the Cutover tab); a route's own page leaves it out.
 */
export function PlannedSwitches({
  planned,
  cancel,
  hidden,
  itemHref,
  label,
}: {
  planned: ScheduledSwitchView[];
  /** The cancel action, or null for those who may not switch. */
  cancel: Action | null;
  hidden: Record<string, string>;
  itemHref?: (itemId: string) => string;
  label: string;
}) {
  return (
    <ul className="space-y-2 text-sm" aria-label={label} data-testid="planned-switches">
      {planned.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2">
          <span>
            {formatDateTime(s.runAt)}: {itemHref ? <Link href={itemHref(s.itemId)}>{s.key}</Link> : s.key} to <strong>{s.to}</strong> — {s.reason}
          </span>
          {cancel ? (
            <ConfirmForm
              action={cancel}
              hidden={{ ...hidden, scheduledId: s.id }}
              label="Cancel…"
              title="Cancel this planned switch?"
              body={`${s.key} will not move to ${s.to} at ${formatDateTime(s.runAt)}.`}
              confirmLabel="Cancel it"
              variant="inline"
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
