"use client";

import { useMemo, useState } from "react";
import { suggestPattern } from "@/lib/import/unmatched-paths";

type Unmatched = { method: string; path: string; count: number };
type Row = Unmatched & { pattern: string; selected: boolean };
type Result = { added: number; restored: number; updated: number; unchanged: number; keys: string[] };
type ApiError = { error?: { message: string; details?: { fields?: Record<string, string[]> } } };

const number = new Intl.NumberFormat("en");

/**
 * The most requested paths an access log matched to no route, each with an editable pattern
 * (guessed from the path), and one button that adds the chosen ones as routes with their traffic.
 */
export function UnmatchedPaths({ importUrl, unmatched, days }: { importUrl: string; unmatched: Unmatched[]; days: number }) {
  const initial = useMemo(() => unmatched.map((u) => ({ ...u, pattern: suggestPattern(u.path), selected: false })), [unmatched]);
  const [rows, setRows] = useState<Row[]>(initial);
  const [state, setState] = useState<
    { name: "idle" } | { name: "saving" } | { name: "done"; result: Result } | { name: "failed"; message: string; fields: Record<string, string[]> }
  >({ name: "idle" });
  const chosen = rows.filter((r) => r.selected);
  const update = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function add() {
    setState({ name: "saving" });
    const response = await fetch(`${importUrl}/routes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ routes: chosen.map(({ method, path, pattern }) => ({ method, path, pattern })) }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as (Result & ApiError) | null;
    if (response?.status === 201 && body) {
      setState({ name: "done", result: body });
      const added = new Set(chosen.map((r) => `${r.method} ${r.path}`));
      setRows((all) => all.filter((r) => !added.has(`${r.method} ${r.path}`)));
    } else {
      // Field errors are keyed by the position in the request; map them back to rows.
      const fields: Record<string, string[]> = {};
      for (const [key, messages] of Object.entries(body?.error?.details?.fields ?? {})) {
        const index = Number(/^routes\.(\d+)\./.exec(key)?.[1]);
        if (Number.isInteger(index) && chosen[index]) fields[`${chosen[index].method} ${chosen[index].path}`] = messages;
      }
      setState({ name: "failed", message: body?.error?.message ?? "The server could not be reached.", fields });
    }
  }

  const errors = state.name === "failed" ? state.fields : {};
  return (
    <details className="mt-2" open>
      <summary className="cursor-pointer">Most requested paths that match no route ({number.format(rows.length)})</summary>
      <p className="mt-2 text-slate-600">
        Tick the ones to add as routes and adjust their patterns (<code>&lt;int:id&gt;</code>, <code>&lt;slug&gt;</code>, <code>&lt;path:rest&gt;</code>). Paths
        given the same pattern become one route; its traffic is their requests per day over the {days} day(s) of the log.
      </p>
      {rows.length ? (
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-xs" data-testid="unmatched-paths">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="w-8 font-medium">
                  <span className="sr-only">Add</span>
                </th>
                <th className="pr-3 text-right font-medium">Requests</th>
                <th className="pr-3 font-medium">Requested</th>
                <th className="font-medium">Route pattern to add</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const id = `unmatched-${i}`;
                const error = errors[`${r.method} ${r.path}`];
                return (
                  <tr key={`${r.method} ${r.path}`} className="border-t border-slate-100 align-top">
                    <td className="py-1">
                      <input
                        id={id}
                        type="checkbox"
                        checked={r.selected}
                        onChange={(e) => update(i, { selected: e.target.checked })}
                        aria-label={`Add ${r.method} ${r.path}`}
                      />
                    </td>
                    <td className="pr-3 text-right tabular-nums">{number.format(r.count)}</td>
                    <td className="pr-3 font-mono">
                      <label htmlFor={id}>
                        {r.method} {r.path}
                      </label>
                    </td>
                    <td>
                      <input
                        className="input w-full py-0.5 font-mono text-xs"
                        value={r.pattern}
                        onChange={(e) => update(i, { pattern: e.target.value, selected: true })}
                        aria-label={`Pattern for ${r.method} ${r.path}`}
                        aria-invalid={error ? true : undefined}
                      />
                      {error ? <p className="text-red-700">{error.join(" ")}</p> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="mt-2 flex items-center gap-3">
        <button type="button" className="btn-secondary" disabled={chosen.length === 0 || state.name === "saving"} onClick={add}>
          {state.name === "saving" ? "Adding…" : `Add ${chosen.length || ""} route${chosen.length === 1 ? "" : "s"} to the inventory`}
        </button>
        <span role="status" className="text-sm">
          {state.name === "done"
            ? `Added ${state.result.added}${state.result.restored ? `, restored ${state.result.restored}` : ""}${state.result.updated ? `, updated ${state.result.updated}` : ""}${state.result.unchanged ? `, ${state.result.unchanged} already there` : ""}.`
            : null}
          {state.name === "failed" ? <span className="text-red-700">{state.message}</span> : null}
        </span>
      </div>
    </details>
  );
}
