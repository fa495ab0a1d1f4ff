import Link from "next/link";

export type ModulePatternRow = { id: string; slug: string; name: string; remaining: number | null };

/** A module's remaining occurrences of each pattern that must disappear (issue 22); absent without patterns. */
export function ModulePatterns({ rows, progressHref }: { rows: ModulePatternRow[]; progressHref: string }) {
  if (rows.length === 0) return null;
  const counted = rows.some((r) => r.remaining !== null);
  const left = rows.reduce((n, r) => n + (r.remaining ?? 0), 0);
  return (
    <section className="card space-y-2" aria-labelledby="module-patterns-heading" data-testid="module-patterns">
      <h3 id="module-patterns-heading" className="text-lg font-semibold">
        Patterns left in this module
      </h3>
      {!counted ? (
        <p className="text-sm text-slate-600">No repository has been scanned yet.</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {left === 0
              ? "None left in the last scans: the module may be proposed Ported."
              : `${left} occurrence${left === 1 ? "" : "s"} left in the last scans.`}
          </p>
          <ul className="text-sm">
            {rows.map((r) => (
              <li key={r.id}>
                {r.name} <code className="text-slate-600">{r.slug}</code>: <span data-testid={`module-pattern-${r.slug}`}>{r.remaining ?? 0}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="text-sm">
        <Link href={progressHref}>Burn-down on Progress →</Link>
      </p>
    </section>
  );
}
