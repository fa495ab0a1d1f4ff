import Link from "next/link";
import type { ActionState } from "@/lib/actions/action-state";
import type { ReviewRow } from "@/lib/agents/review";
import { formatDateTime } from "@/lib/format";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { StatusBadge } from "@/components/inventory/badges";
import { safeHref } from "./safe-href";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** "2 h 5 min", "3 days": how long a claim took to become a submission. */
export function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

function PrLink({ url }: { url: string }) {
  const href = safeHref(url);
  return href ? (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="break-all">
      {url}
    </a>
  ) : (
    <span className="break-all">{url}</span>
  );
}

/** One pending submission: what the agent did, and the two answers a person gives. */
export function PendingSubmission({
  row,
  itemHref,
  hidden,
  actions,
}: {
  row: ReviewRow;
  itemHref: string;
  hidden: Record<string, string>;
  actions: { confirm: Action; sendBack: Action };
}) {
  const fields = { ...hidden, submissionId: row.id, itemKey: row.item.key };
  return (
    <li className="card space-y-2" aria-label={`Submission for ${row.item.key}`} data-testid="pending-submission">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={itemHref} className="font-mono font-semibold break-all">
          {row.item.key}
        </Link>
        <StatusBadge status={row.item.status} agentReview={row.item.agentReview} />
        {row.mine ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">your agent</span> : null}
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Agent</dt>
        <dd>
          {row.agent.name} {row.agent.version} for {row.owner.name}
        </dd>
        <dt className="text-slate-600">Pull request</dt>
        <dd>
          <PrLink url={row.prUrl} />
          {row.commitSha ? <span className="font-mono text-xs"> @{row.commitSha.slice(0, 12)}</span> : null}
        </dd>
        <dt className="text-slate-600">Submitted</dt>
        <dd>
          {formatDateTime(row.submittedAt)} · {durationText(row.durationMs)} after the claim
        </dd>
        {row.notes ? (
          <>
            <dt className="text-slate-600">Agent's notes</dt>
            <dd className="whitespace-pre-wrap">{row.notes}</dd>
          </>
        ) : null}
      </dl>
      <div className="flex flex-wrap items-start gap-2">
        <ConfirmForm
          action={actions.confirm}
          hidden={fields}
          label="Confirm"
          accessibleName={`Confirm ${row.item.key}`}
          title={`Confirm ${row.item.key}?`}
          body={`You confirm that ${row.agent.name}'s port is done: the item stays Ported, with you recorded beside the agent, and may then be switched to the new stack.`}
          confirmLabel="Confirm"
          danger={false}
          buttonClassName="btn-primary"
        />
        <ConfirmForm
          action={actions.sendBack}
          hidden={fields}
          label="Send back…"
          accessibleName={`Send back ${row.item.key}`}
          title={`Send ${row.item.key} back`}
          body="The item goes back to In progress, its owner is told, and the next brief of the item carries your note."
          confirmLabel="Send back"
          fields={
            <label className="block text-sm">
              <span className="font-medium">What needs to change (required)</span>
              <textarea name="note" required maxLength={5000} rows={5} className="mt-1 block w-full" />
            </label>
          }
        />
      </div>
    </li>
  );
}

/** An answered submission, for the "Recently decided" list. */
export function DecidedSubmission({ row, itemHref }: { row: ReviewRow; itemHref: string }) {
  return (
    <li className="py-2 text-sm" data-testid="decided-submission">
      <Link href={itemHref} className="font-mono break-all">
        {row.item.key}
      </Link>{" "}
      — {row.agent.name} {row.agent.version} for {row.owner.name}:{" "}
      <strong className={row.outcome === "CONFIRMED" ? "text-green-800" : "text-amber-800"}>{row.outcome === "CONFIRMED" ? "confirmed" : "sent back"}</strong>{" "}
      by {row.decidedBy?.name ?? "someone"}
      {row.decidedAt ? ` on ${formatDateTime(row.decidedAt)}` : ""}
      {row.reviewNote ? <span className="block whitespace-pre-wrap text-slate-600">“{row.reviewNote.slice(0, 300)}”</span> : null}
    </li>
  );
}
