"use client";

import Link from "next/link";
import { useActionState, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import type { AgentReview, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { FormMessage } from "@/components/forms/fields";
import { BlockedBadge, ReadinessBadge, StatusBadge } from "./badges";
import { BulkSwitchForm } from "@/components/cutover/bulk-switch-form";
import { GateRefusalPanel } from "@/components/evidence/gate-refusal";
import { DriftBadge } from "@/components/repositories/drift-badge";
import type { DriftKind } from "@/lib/repositories/drift";

export type Row = {
  id: string;
  key: string;
  handler: string | null;
  trafficPerDay: number;
  complexity: number;
  testCoverage: number | null;
  owner: string | null;
  status: PortStatus;
  /** A coding agent's port: awaiting a person's confirmation, or confirmed. */
  agentReview?: AgentReview | null;
  servedBy: string;
  readiness: Readiness | null;
  currentVersion: string | null;
  targetVersion: string | null;
  replacement: string | null;
  size: number | null;
  blockerCount: number;
  claimedBy: string | null;
  /** Routes: the latest result per check, counted ("3 ✓ / 1 ✗"), and in words. */
  evidence?: { text: string; sentence: string; failing: boolean } | null;
  attention?: string | null;
  /** Routes, when a repository is linked: whether the new code holds it, and drift. */
  code?: { drift: DriftKind | null; inNewCode: boolean } | null;
};

export type Column = { id: string; label: string; sort?: string; align?: "right" };

type Props = {
  kind: "ROUTE" | "MODULE" | "DEPENDENCY";
  kindSegment: string;
  rows: Row[];
  columns: Column[];
  sortLinks: Record<string, { href: string; current: "asc" | "desc" | null }>;
  itemHref: string;
  canEdit: boolean;
  bulk: { action: (s: ActionState, f: FormData) => Promise<ActionState>; org: string; projectId: string; projectSlug: string };
  statuses: { value: string; label: string }[];
  owners: { value: string; label: string }[];
  /** Routes only, for those who may switch traffic: the bulk switch and the project's total traffic. */
  trafficSwitch?: { action: (s: ActionState, f: FormData) => Promise<ActionState>; totalTraffic: number; mayOverrideGate?: boolean } | null;
};

const number = new Intl.NumberFormat("en");

function cell(row: Row, id: string) {
  switch (id) {
    case "traffic":
      return number.format(row.trafficPerDay);
    case "complexity":
      return row.complexity;
    case "coverage":
      return row.testCoverage === null ? "—" : `${row.testCoverage}%`;
    case "owner":
      return (
        <>
          {row.owner ?? <span className="text-amber-700">Unowned</span>}
          {row.claimedBy ? <span className="block text-xs text-slate-600">claimed by {row.claimedBy}</span> : null}
        </>
      );
    case "status":
      return (
        <>
          <StatusBadge status={row.status} agentReview={row.agentReview} />
          {row.attention ? (
            <span className="mt-0.5 block text-xs font-medium text-red-700" title={row.attention}>
              needs attention
            </span>
          ) : null}
        </>
      );
    case "evidence":
      return row.evidence ? (
        <span
          className={`whitespace-nowrap ${row.evidence.failing ? "text-red-700" : row.evidence.text === "none" ? "text-slate-500" : ""}`}
          title={row.evidence.sentence}
        >
          <span aria-hidden="true">{row.evidence.text}</span>
          <span className="sr-only">{row.evidence.sentence}</span>
        </span>
      ) : null;
    case "code":
      return row.code ? (
        <span className="flex flex-col items-start gap-0.5">
          {row.code.inNewCode ? (
            <span className="text-xs whitespace-nowrap text-green-800 dark:text-green-300">in new code</span>
          ) : (
            <span className="text-xs text-slate-500">not in new code</span>
          )}
          {row.code.drift ? <DriftBadge kind={row.code.drift} /> : null}
        </span>
      ) : null;
    case "readiness":
      return <ReadinessBadge readiness={row.readiness} />;
    case "served":
      return row.servedBy.toLowerCase();
    case "blocked":
      return <BlockedBadge count={row.blockerCount} />;
    case "handler":
      return <span className="font-mono text-xs break-words">{row.handler ? <Breakable text={row.handler} /> : "—"}</span>;
    case "versions":
      return `${row.currentVersion ?? "?"} → ${row.targetVersion ?? "?"}`;
    case "replacement":
      return row.replacement ?? "—";
    case "size":
      return row.size === null ? "—" : number.format(row.size);
    default:
      return null;
  }
}

/** A long key or handler may wrap after each "/" or "." (and anywhere, if it still does not fit), so the table fits its width. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/.])/);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </span>
      ))}
    </>
  );
}

/** The inventory table, with selection and a bulk edit of status and owner behind a confirmation. */
export function InventoryTable({ kind, kindSegment, rows, columns, sortLinks, itemHref, canEdit, bulk, statuses, owners, trafficSwitch }: Props) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The bulk switch's answer outlives its form, which goes away with the selection.
  const [switched, setSwitched] = useState<ActionState>(null);
  const [state, formAction, pending] = useActionState(async (prev: ActionState, data: FormData) => {
    const result = await bulk.action(prev, data);
    if (result?.ok) setSelected(new Set());
    return result;
  }, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [summary, setSummary] = useState("");
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3">
      {canEdit && selected.size > 0 ? (
        <form
          ref={form}
          action={formAction}
          className="flex flex-wrap items-end gap-3 rounded-md border border-brand-100 bg-brand-50 p-3"
          aria-label="Bulk edit"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const parts = [
              data.get("status") ? `status to “${statuses.find((s) => s.value === data.get("status"))?.label}”` : null,
              data.get("owner") ? `owner to “${owners.find((o) => o.value === data.get("owner"))?.label ?? "nobody"}”` : null,
            ].filter(Boolean);
            if (parts.length === 0) return;
            setSummary(`Set ${parts.join(" and ")} for ${selected.size} selected ${kindSegment}?`);
            dialog.current?.showModal();
          }}
        >
          <input type="hidden" name="org" value={bulk.org} />
          <input type="hidden" name="projectId" value={bulk.projectId} />
          <input type="hidden" name="projectSlug" value={bulk.projectSlug} />
          <input type="hidden" name="kind" value={kindSegment} />
          {[...selected].map((id) => (
            <input key={id} type="hidden" name="ids" value={id} />
          ))}
          <p className="text-sm font-medium">{selected.size} selected</p>
          <div>
            <label htmlFor="bulk-status" className="label">
              Set status
            </label>
            <select id="bulk-status" name="status" className="input py-1.5" defaultValue="">
              <option value="">Keep</option>
              {statuses
                .filter((s) => s.value !== "WONT_PORT")
                .map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
            </select>
          </div>
          <div>
            <label htmlFor="bulk-owner" className="label">
              Set owner
            </label>
            <select id="bulk-owner" name="owner" className="input py-1.5" defaultValue="">
              <option value="">Keep</option>
              <option value="none">Nobody</option>
              {owners.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Applying…" : "Apply…"}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
          <dialog ref={dialog} className="m-auto w-[min(28rem,calc(100vw-2rem))] max-w-none rounded-lg p-6 shadow-xl" aria-labelledby="bulk-confirm-title">
            <h2 id="bulk-confirm-title" className="text-lg font-semibold">
              Change {selected.size} {kindSegment}?
            </h2>
            <p className="mt-2 text-sm text-slate-600">{summary} Each change is recorded in the items&apos; history.</p>
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" className="btn-secondary" autoFocus onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <button
                type="button"
                className="btn-primary"
                onClick={() => {
                  dialog.current?.close();
                  if (form.current) formAction(new FormData(form.current));
                }}
              >
                Apply to {selected.size}
              </button>
            </div>
          </dialog>
        </form>
      ) : null}
      {trafficSwitch && kind === "ROUTE" && selected.size > 0 ? (
        <BulkSwitchForm
          action={trafficSwitch.action}
          hidden={{ org: bulk.org, projectId: bulk.projectId, projectSlug: bulk.projectSlug }}
          ids={[...selected]}
          selectedTraffic={rows.filter((r) => selected.has(r.id)).reduce((n, r) => n + r.trafficPerDay, 0)}
          totalTraffic={trafficSwitch.totalTraffic}
          mayOverrideGate={trafficSwitch.mayOverrideGate}
          onDone={(result) => {
            setSwitched(result);
            setSelected(new Set());
          }}
        />
      ) : null}
      {state?.gate ? <GateRefusalPanel refusal={state.gate} message={state.error ?? ""} mayOverride={false} /> : <FormMessage state={state} />}
      <FormMessage state={switched} />
      <div className="table-frame">
        <table className="table-cards w-full text-sm" aria-label={`${kind.toLowerCase()} inventory`}>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              {canEdit ? (
                <th scope="col" className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allOnPage}
                    onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              ) : null}
              {columns.map((c) => {
                const sort = c.sort ? sortLinks[c.sort] : null;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    className={`px-2 py-2 font-medium whitespace-nowrap first:pl-3 last:pr-3 ${c.align === "right" ? "text-right" : ""}`}
                    aria-sort={sort?.current === "asc" ? "ascending" : sort?.current === "desc" ? "descending" : undefined}
                  >
                    {sort ? (
                      <Link href={sort.href} className="text-slate-700">
                        {c.label}
                        {sort.current ? <span aria-hidden="true">{sort.current === "asc" ? " ▲" : " ▼"}</span> : null}
                      </Link>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid="inventory-row">
                {canEdit ? (
                  <td className="px-3 py-2 max-sm:float-right max-sm:!w-auto max-sm:pl-3">
                    <input type="checkbox" aria-label={`Select ${row.key}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                  </td>
                ) : null}
                {columns.map((c) => (
                  <td
                    key={c.id}
                    className={`px-2 py-2 first:pl-3 last:pr-3 ${c.align === "right" ? "text-right tabular-nums" : ""}`}
                    data-label={c.id === "key" ? undefined : c.label}
                  >
                    {c.id === "key" ? (
                      <Link href={`${itemHref}/${row.id}`} className="font-mono text-xs font-medium break-words">
                        <Breakable text={row.key} />
                      </Link>
                    ) : (
                      cell(row, c.id)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
