import Link from "next/link";
import type { PatternSummary, BurnDownPoint } from "@/lib/repositories/pattern-read";
import { PatternBurnDown } from "./pattern-burndown";

/** Progress's "Patterns" section: each live pattern's burn-down to its target (issue 22). Absent without patterns. */
export function PatternsSection({
  projectId,
  patterns,
  settingsHref,
}: {
  projectId: string;
  patterns: Array<PatternSummary & { points: BurnDownPoint[] }>;
  /** The patterns' settings, for those who may change them. */
  settingsHref: string | null;
}) {
  if (patterns.length === 0) return null;
  return (
    <section id="patterns" aria-labelledby="patterns-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="patterns-heading" className="text-lg font-semibold">
          Patterns that must disappear
        </h2>
        {settingsHref ? (
          <Link href={settingsHref} className="text-sm">
            The patterns →
          </Link>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        What is left in the code after each scan, both repositories together, against the target. Click a chart for the lines.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        {patterns.map((p) => (
          <PatternBurnDown
            key={p.id}
            projectId={projectId}
            pattern={{
              id: p.id,
              slug: p.slug,
              name: p.name,
              target: p.target,
              current: p.current,
              state: p.state,
              points: p.points.map((x) => ({ at: x.at.toISOString(), total: x.total, commit: x.commit, repository: x.repository })),
            }}
          />
        ))}
      </div>
    </section>
  );
}
