import type { PatternState } from "@/lib/repositories/pattern-totals";

const BADGES: Record<PatternState, { text: string; className: string }> = {
  "not-counted": { text: "Not counted yet", className: "bg-slate-100 text-slate-700" },
  "above-target": { text: "Above target", className: "bg-amber-100 text-amber-900" },
  reached: { text: "Target reached", className: "bg-green-100 text-green-900" },
  drift: { text: "Drift: back above target", className: "bg-red-100 text-red-900" },
};

/** Where a pattern stands, as a badge (the words carry it; the colour only helps). */
export function PatternStateBadge({ state }: { state: PatternState }) {
  const b = BADGES[state];
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${b.className}`} data-testid="pattern-state">
      {b.text}
    </span>
  );
}
