"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { RankingWeights } from "@/lib/ranking/weights";
import type { PreviewRow } from "@/lib/ranking/preview";
import type { CallResult } from "@/lib/actions/org-action";
import { TierBadge } from "./tier-badge";
import { ConfirmDialogButton } from "@/components/forms/confirm-dialog";

type Field = { key: keyof RankingWeights; label: string; hint: string; min: number; max: number; step: number };

const FIELDS: Field[] = [
  { key: "traffic", label: "Traffic", hint: "How much carrying (or unblocking) traffic pulls an item up.", min: 0, max: 10, step: 0.5 },
  { key: "complexity", label: "Complexity", hint: "Risk: complexity 1–5.", min: 0, max: 10, step: 0.5 },
  { key: "tests", label: "Weak tests", hint: "Risk: little or no test coverage.", min: 0, max: 10, step: 0.5 },
  { key: "dependencies", label: "Unported needs", hint: "Risk: modules and dependencies it needs that are not ready.", min: 0, max: 10, step: 0.5 },
  { key: "size", label: "Size", hint: "Risk: lines of code.", min: 0, max: 10, step: 0.5 },
  {
    key: "longTailMaxShare",
    label: "Long tail: traffic share below",
    hint: "As a fraction: 0.001 is 0.1% of the project's traffic.",
    min: 0,
    max: 1,
    step: 0.0005,
  },
  { key: "longTailMinComplexity", label: "Long tail: complexity at least", hint: "1–5.", min: 1, max: 5, step: 1 },
  {
    key: "pilotTrafficQuantile",
    label: "Pilot: low traffic means at most this quantile",
    hint: "0.25: the quietest quarter of routes with traffic.",
    min: 0,
    max: 1,
    step: 0.05,
  },
  { key: "unknownCoverageRisk", label: "Unknown coverage counts as", hint: "0 = as if well tested, 1 = as if untested.", min: 0, max: 1, step: 0.05 },
  { key: "dependencySaturation", label: "Unported needs at full risk", hint: "How many unready needs count as the whole risk.", min: 1, max: 50, step: 1 },
];

type Props = {
  initial: RankingWeights;
  defaults: RankingWeights;
  preview: (weights: RankingWeights) => Promise<CallResult<PreviewRow[]>>;
  save: (weights: RankingWeights | null) => Promise<CallResult<Partial<RankingWeights>>>;
};

/** The ranking weights with a live preview of the top of the list under them, save and reset. */
export function WeightsEditor({ initial, defaults, preview, save }: Props) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map((f) => [f.key, String(initial[f.key])])));
  const [rows, setRows] = useState<PreviewRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const request = useRef(0);

  const parsed = Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key])])) as RankingWeights;
  const invalid = FIELDS.filter((f) => values[f.key].trim() === "" || !Number.isFinite(parsed[f.key]) || parsed[f.key] < f.min || parsed[f.key] > f.max);
  const key = JSON.stringify(parsed);

  useEffect(() => {
    if (invalid.length) return;
    const id = ++request.current;
    const timer = setTimeout(() => {
      void preview(JSON.parse(key) as RankingWeights).then((result) => {
        if (id !== request.current) return; // a newer preview is on its way
        if (result.ok) {
          setRows(result.data);
          setProblem(null);
        } else setProblem(result.error);
      });
    }, 250);
    return () => clearTimeout(timer);
    // `key` stands for `parsed`: the effect runs when the weights' values change, not their object.
  }, [key, invalid.length]);

  function submit(weights: RankingWeights | null) {
    setSaved(null);
    startTransition(async () => {
      const result = await save(weights);
      if (result.ok) {
        setSaved(weights ? "Saved: the next targets use these weights." : "Reset: the next targets use the defaults.");
        if (!weights) setValues(Object.fromEntries(FIELDS.map((f) => [f.key, String(defaults[f.key])])));
        router.refresh();
      } else setProblem(result.error);
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        className="card space-y-3"
        aria-label="Ranking weights"
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid.length) submit(parsed);
        }}
      >
        {FIELDS.map((f) => {
          const bad = invalid.includes(f);
          return (
            <div key={f.key}>
              <label htmlFor={`w-${f.key}`} className="label">
                {f.label}
              </label>
              <input
                id={`w-${f.key}`}
                className="input"
                type="number"
                inputMode="decimal"
                min={f.min}
                max={f.max}
                step={f.step}
                value={values[f.key]}
                aria-invalid={bad || undefined}
                aria-describedby={`w-${f.key}-hint`}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
              <p id={`w-${f.key}-hint`} className={`mt-1 text-xs ${bad ? "text-red-700" : "text-slate-500"}`}>
                {bad ? `Between ${f.min} and ${f.max}. ` : ""}
                {f.hint} Default {defaults[f.key]}.
              </p>
            </div>
          );
        })}
        <div className="flex flex-wrap gap-2 pt-2">
          <button type="submit" className="btn-primary" disabled={pending || invalid.length > 0}>
            Save weights
          </button>
          <ConfirmDialogButton
            label="Reset to defaults"
            title="Reset every weight to its default?"
            body="The next targets are ranked with the default weights again; the values on this page are replaced."
            confirmLabel="Reset weights"
            disabled={pending}
            onConfirm={() => submit(null)}
          />
        </div>
        <div aria-live="polite" className="text-sm">
          {saved ? <p className="text-green-800">{saved}</p> : null}
          {problem ? (
            <p role="alert" className="text-red-700">
              {problem}
            </p>
          ) : null}
        </div>
      </form>
      <section className="card" aria-labelledby="preview-heading" aria-busy={rows === null}>
        <h2 id="preview-heading" className="mb-1 text-lg font-semibold">
          Preview: the top 15
        </h2>
        <p className="mb-3 text-xs text-slate-600">With the weights on the left; arrows show the move from the saved order.</p>
        {rows === null ? (
          <p className="text-sm text-slate-600">Ranking…</p>
        ) : rows.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing open to rank.</p>
        ) : (
          <ol className="space-y-1 text-sm" data-testid="ranking-preview">
            {rows.map((r) => (
              <li key={r.id} className="flex items-center gap-2">
                <span className="w-6 text-right tabular-nums text-slate-500">{r.position}</span>
                <TierBadge tier={r.tier as never} />
                <span className="min-w-0 flex-1 truncate font-mono text-xs" title={r.key}>
                  {r.key}
                </span>
                <span className="w-14 text-right text-xs tabular-nums text-slate-600">{move(r)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function move(r: PreviewRow): string {
  if (r.was === null) return "new";
  if (r.was === r.position) return "=";
  return r.was > r.position ? `↑ ${r.was - r.position}` : `↓ ${r.position - r.was}`;
}
