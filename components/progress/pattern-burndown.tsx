"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { PatternState } from "@/lib/repositories/pattern-totals";
import { PatternStateBadge } from "@/components/patterns/pattern-state-badge";

export type PatternChartData = {
  id: string;
  slug: string;
  name: string;
  target: number;
  current: number | null;
  state: PatternState;
  points: { at: string; total: number; commit: string; repository: "LEGACY" | "NEW" | null }[];
};

type Occurrence = { repository: "LEGACY" | "NEW"; file: string; line: number; commit: string; url: string | null };
type Page = { total: number; offset: number; limit: number; occurrences: Occurrence[] };

const PAGE = 20;
const count = new Intl.NumberFormat("en");
const when = (iso: string) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** One pattern's burn-down (both repositories summed) against its target line; a click lists the lines left. */
export function PatternBurnDown({ projectId, pattern }: { projectId: string; pattern: PatternChartData }) {
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const titleId = `pattern-${pattern.slug}-title`;

  async function load(offset: number) {
    setLoading(true);
    setError(null);
    try {
      const url = `/api/v1/projects/${encodeURIComponent(projectId)}/patterns/${encodeURIComponent(pattern.id)}/occurrences?${new URLSearchParams({ offset: String(offset), limit: String(PAGE) })}`;
      const res = await fetch(url, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`The server answered ${res.status}.`);
      setPage((await res.json()) as Page);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }

  const data = pattern.points.map((p) => ({ at: p.at, total: p.total }));
  return (
    <figure className="card" aria-labelledby={titleId} data-testid={`pattern-chart-${pattern.slug}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <figcaption id={titleId} className="font-semibold">
          {pattern.name} <code className="text-sm font-normal text-slate-600">{pattern.slug}</code>
        </figcaption>
        <PatternStateBadge state={pattern.state} />
      </div>
      <p className="mt-1 text-sm text-slate-600" data-testid="pattern-current">
        {pattern.current === null ? "No scan has counted it yet." : `${count.format(pattern.current)} left`} · target {count.format(pattern.target)}
      </p>
      <div className="mt-3">
        {data.length === 0 ? (
          <p className="py-10 text-center text-sm text-slate-600">No points yet: the next scan of a linked repository counts it.</p>
        ) : (
          <LineChart
            data={data}
            responsive
            style={{ width: "100%", height: 220 }}
            accessibilityLayer
            aria-label={`${pattern.name}: occurrences left over time`}
            className="cursor-pointer"
            onClick={() => void load(0)}
          >
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="at" tickFormatter={when} minTickGap={40} tick={{ fontSize: 12 }} />
            <YAxis width="auto" tick={{ fontSize: 12 }} domain={[0, "auto"]} allowDecimals={false} />
            <Tooltip formatter={(v) => count.format(Number(v))} labelFormatter={(l) => `${when(String(l))} — click for the lines left`} />
            <ReferenceLine
              y={pattern.target}
              stroke="var(--chart-verified)"
              strokeDasharray="5 4"
              label={{ value: "target", position: "insideTopRight", fontSize: 12 }}
            />
            <Line dataKey="total" name="Occurrences left" stroke="var(--chart-in-progress)" strokeWidth={2} dot isAnimationActive={false} type="stepAfter" />
          </LineChart>
        )}
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={() => void load(0)} disabled={loading} aria-controls={`${titleId}-lines`}>
          {page ? "Reload the lines left" : "List the lines left"}
        </button>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">Table of this chart</summary>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{pattern.name} over time</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col">When</th>
              <th scope="col">Left</th>
              <th scope="col">Commit</th>
              <th scope="col">Repository</th>
            </tr>
          </thead>
          <tbody>
            {pattern.points.map((p, i) => (
              <tr key={i} className="border-b border-slate-100">
                <td>{when(p.at)}</td>
                <td>{count.format(p.total)}</td>
                <td>
                  <code>{p.commit.slice(0, 12)}</code>
                </td>
                <td>{p.repository === "NEW" ? "new" : "legacy"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div id={`${titleId}-lines`} aria-live="polite">
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            Could not list the lines: {error}
          </p>
        ) : null}
        {page ? <OccurrenceList page={page} loading={loading} go={(offset) => void load(offset)} /> : null}
      </div>
    </figure>
  );
}

function OccurrenceList({ page, loading, go }: { page: Page; loading: boolean; go: (offset: number) => void }) {
  if (page.total === 0) return <p className="mt-2 text-sm">None left in the last scans.</p>;
  const last = Math.min(page.offset + page.occurrences.length, page.total);
  return (
    <div className="mt-2 space-y-2 text-sm" data-testid="pattern-occurrences">
      <p>
        Lines {page.offset + 1}–{last} of {count.format(page.total)}
      </p>
      <ul className="space-y-1">
        {page.occurrences.map((o, i) => {
          const text = `${o.file}:${o.line}`;
          return (
            <li key={`${page.offset + i}:${o.repository}:${text}`} className="break-all">
              <span className="text-slate-600">{o.repository === "NEW" ? "new" : "legacy"}</span>{" "}
              {o.url ? (
                <a href={o.url} rel="noreferrer noopener" target="_blank">
                  <code>{text}</code>
                </a>
              ) : (
                <code>{text}</code>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex gap-2">
        <button type="button" className="btn-secondary" disabled={loading || page.offset === 0} onClick={() => go(Math.max(0, page.offset - page.limit))}>
          Previous
        </button>
        <button type="button" className="btn-secondary" disabled={loading || last >= page.total} onClick={() => go(page.offset + page.limit)}>
          Next
        </button>
      </div>
    </div>
  );
}
