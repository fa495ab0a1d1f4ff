import Link from "next/link";
import type { ActionState } from "@/lib/actions/action-state";
import type { ScheduledSwitchView } from "@/lib/cutover/scheduled";
import { formatDateTime } from "@/lib/format";
import { ConfirmForm } from "@/components/forms/confirm-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Switches planned for later, soonest first, each with a Move and a Cancel (for those who may
 * switch; both tell the status page's subscribers).
 * `itemHref` links each route (the Cutover tab); a route's own page leaves it out.
 */
export function PlannedSwitches({
  planned,
  cancel,
  move = null,
  timeZone,
  hidden,
  itemHref,
  label,
}: {
  planned: ScheduledSwitchView[];
  /** The cancel action, or null for those who may not switch. */
  cancel: Action | null;
  /** The move (reschedule) action, or null; the new time is read in `timeZone`, the project's. */
  move?: Action | null;
  timeZone?: string;
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
          {move ? (
            <ConfirmForm
              action={move}
              hidden={{ ...hidden, scheduledId: s.id }}
              label="Move…"
              accessibleName={`Move the planned switch of ${s.key}`}
              title="Move this planned switch?"
              body={`${s.key} to ${s.to}, planned for ${formatDateTime(s.runAt)}. Subscribers of the status page are told.`}
              confirmLabel="Move it"
              danger={false}
              variant="inline"
              fields={
                <div>
                  <label htmlFor={`move-${s.id}`} className="label">
                    New time{timeZone ? ` (in ${timeZone})` : ""}
                  </label>
                  <input id={`move-${s.id}`} name="at" type="datetime-local" required className="input" />
                </div>
              }
            />
          ) : null}
          {cancel ? (
            <ConfirmForm
              action={cancel}
              hidden={{ ...hidden, scheduledId: s.id }}
              label="Cancel…"
              title="Cancel this planned switch?"
              body={`${s.key} will not move to ${s.to} at ${formatDateTime(s.runAt)}. Subscribers of the status page are told.`}
              confirmLabel="Cancel it"
              variant="inline"
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
