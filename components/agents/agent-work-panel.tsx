import Link from "next/link";
import type { ItemAgentPanel } from "@/lib/agents/item-panel";
import { formatDateTime } from "@/lib/format";
import { safeHref } from "./safe-href";

const OUTCOME_TEXT = { CONFIRMED: "Confirmed", SENT_BACK: "Sent back" } as const;

/** The item page's "Coding agents" card: the active lease and the submissions with their answers. */
export function AgentWorkPanel({ panel, reviewHref }: { panel: ItemAgentPanel; reviewHref: string }) {
  const { lease, submissions } = panel;
  if (!lease && submissions.length === 0) return null;
  return (
    <section className="card space-y-3" aria-labelledby="agents-heading" data-testid="agent-work">
      <h3 id="agents-heading" className="text-lg font-semibold">
        Coding agents
      </h3>
      {lease ? (
        <div className="rounded-md border border-violet-200 bg-violet-50 p-3 text-sm text-violet-950" data-testid="agent-lease">
          <p>
            <strong>
              {lease.agentName} {lease.agentVersion}
            </strong>{" "}
            holds a lease for {lease.holder.name} since {formatDateTime(lease.startedAt)}
            {lease.leaseExpiresAt ? <>, until {formatDateTime(lease.leaseExpiresAt)} unless it sends a heartbeat</> : null}.
          </p>
          {lease.progressNote ? (
            <p className="mt-1">
              Last progress{lease.progressAt ? ` (${formatDateTime(lease.progressAt)})` : ""}: <span className="whitespace-pre-wrap">{lease.progressNote}</span>
            </p>
          ) : null}
        </div>
      ) : null}
      {submissions.length > 0 ? (
        <ol className="space-y-2 text-sm" aria-label="Submissions">
          {submissions.map((s) => {
            const href = safeHref(s.prUrl);
            return (
              <li key={s.id} className="rounded-md border border-slate-200 p-2">
                <p>
                  <strong>
                    {s.agentName} {s.agentVersion}
                  </strong>{" "}
                  for {s.ownerName} · submitted {formatDateTime(s.submittedAt)} ·{" "}
                  {href ? (
                    <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="break-all">
                      pull request
                    </a>
                  ) : (
                    <span className="break-all">{s.prUrl}</span>
                  )}
                  {s.commitSha ? <span className="font-mono text-xs"> @{s.commitSha.slice(0, 12)}</span> : null}
                </p>
                <p className="mt-1">
                  {s.outcome ? (
                    <>
                      <span className={s.outcome === "CONFIRMED" ? "font-medium text-green-800" : "font-medium text-amber-800"}>{OUTCOME_TEXT[s.outcome]}</span>{" "}
                      by {s.decidedByName}
                      {s.decidedAt ? ` on ${formatDateTime(s.decidedAt)}` : ""}
                    </>
                  ) : (
                    <>
                      <span className="font-medium text-sky-800">Awaiting confirmation</span>
                      {s.mayReview ? (
                        <>
                          {" "}
                          — <Link href={reviewHref}>confirm or send it back in Review</Link>
                        </>
                      ) : null}
                    </>
                  )}
                </p>
                {s.reviewNote ? <p className="mt-1 whitespace-pre-wrap text-slate-700">Note: {s.reviewNote}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
