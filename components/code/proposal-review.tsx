"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CallResult } from "@/lib/actions/org-action";
import type { ProposalView } from "@/lib/repositories/proposals";
import { proposalAction } from "@/lib/repositories/proposal-labels";
import { ConfirmDialogButton } from "@/components/forms/confirm-dialog";

type Decide = (ids: string[], decision: "accept" | "reject") => Promise<CallResult<{ decided: number }>>;

/**
 * The open proposals of one kind: each row with its route, file:line (a link to the file at the
 * commit when the host is known) and commit, accept or reject on the row, or select rows (or all)
 * and decide them together after a confirmation. A refusal (a gate, an item gone) is shown above
 * the list and nothing of the batch is applied.
 */
export function ProposalReview({
  proposals,
  itemHref,
  decide,
  canDecide,
}: {
  proposals: ProposalView[];
  itemHref: Record<string, string>;
  decide: Decide;
  canDecide: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const allSelected = proposals.length > 0 && selected.size === proposals.length;
  const baseline = proposals.filter((p) => p.baseline).length;

  const run = (ids: string[], decision: "accept" | "reject") =>
    start(async () => {
      setMessage(null);
      const result = await decide(ids, decision);
      if (result.ok) {
        setSelected(new Set());
        setMessage({
          ok: true,
          text: `${result.data.decided} proposal${result.data.decided === 1 ? "" : "s"} ${decision === "accept" ? "accepted" : "rejected"}.`,
        });
        router.refresh();
      } else setMessage({ ok: false, text: `Nothing was changed. ${result.error}` });
    });

  const toggle = (pid: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(pid)) next.delete(pid);
      else next.add(pid);
      return next;
    });

  const ids = [...selected];
  return (
    <div className="space-y-3">
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-800" : "rounded-md bg-red-50 p-3 text-sm text-red-800"}>
          {message.text}
        </p>
      ) : null}
      {canDecide ? (
        <div className="flex flex-wrap items-center gap-3" aria-label="Decide the selected proposals">
          <label className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(proposals.map((p) => p.id)))}
              aria-describedby={`${id}-count`}
            />
            Select all on this page
          </label>
          <span id={`${id}-count`} className="text-sm text-slate-600">
            {selected.size} selected{baseline ? ` · ${baseline} from the baseline` : ""}
          </span>
          <ConfirmDialogButton
            label={selected.size ? `Accept ${selected.size} selected` : "Accept selected"}
            title={`Accept ${ids.length} proposal${ids.length === 1 ? "" : "s"}?`}
            body="All of them are applied, or none: if one cannot be (a gate, an item that changed), nothing is and the reason names the route. Each change's history names the commit."
            confirmLabel="Accept"
            className="btn-primary"
            disabled={pending || ids.length === 0}
            onConfirm={() => run(ids, "accept")}
          />
          <ConfirmDialogButton
            label="Reject selected"
            title={`Reject ${ids.length} proposal${ids.length === 1 ? "" : "s"}?`}
            body="A rejected proposal is not made again by later scans."
            confirmLabel="Reject"
            danger
            disabled={pending || ids.length === 0}
            onConfirm={() => run(ids, "reject")}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-600">Stewards, managers and admins accept or reject proposals.</p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Open proposals</caption>
          <thead>
            <tr className="border-b border-slate-200">
              {canDecide ? (
                <th scope="col" className="w-8 py-2">
                  <span className="sr-only">Select</span>
                </th>
              ) : null}
              <th scope="col" className="py-2 pr-3">
                Route
              </th>
              <th scope="col" className="py-2 pr-3">
                Suggests
              </th>
              <th scope="col" className="py-2 pr-3">
                Where
              </th>
              <th scope="col" className="py-2 pr-3">
                Commit
              </th>
              {canDecide ? (
                <th scope="col" className="py-2">
                  <span className="sr-only">Decide</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => {
              const route = p.item?.key ?? p.route ?? "—";
              const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ""}` : "—";
              return (
                <tr key={p.id} className="border-b border-slate-100 align-top" data-testid="proposal-row">
                  {canDecide ? (
                    <td className="py-2">
                      <input type="checkbox" checked={selected.has(p.id)} onChange={() => toggle(p.id)} aria-label={`Select ${route}`} />
                    </td>
                  ) : null}
                  <td className="py-2 pr-3 font-mono break-all">
                    {p.item && itemHref[p.item.id] ? <Link href={itemHref[p.item.id]}>{route}</Link> : route}
                    {p.baseline ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs text-slate-700">baseline</span> : null}
                    {p.handler ? <div className="font-sans text-xs text-slate-500">{p.handler}</div> : null}
                  </td>
                  <td className="py-2 pr-3">{proposalAction(p.kind, p.valueLabel)}</td>
                  <td className="py-2 pr-3 font-mono break-all">
                    {p.link ? (
                      <a href={p.link} rel="noreferrer noopener" target="_blank">
                        {where}
                      </a>
                    ) : (
                      where
                    )}
                  </td>
                  <td className="py-2 pr-3 font-mono" title={p.commit}>
                    {p.commit.slice(0, 7)}
                  </td>
                  {canDecide ? (
                    <td className="py-2 whitespace-nowrap">
                      <button
                        type="button"
                        className="btn-secondary mr-2"
                        disabled={pending}
                        onClick={() => run([p.id], "accept")}
                        aria-label={`Accept: ${route}`}
                      >
                        Accept
                      </button>
                      <button type="button" className="btn-secondary" disabled={pending} onClick={() => run([p.id], "reject")} aria-label={`Reject: ${route}`}>
                        Reject
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
