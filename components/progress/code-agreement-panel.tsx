import Link from "next/link";
import type { CodeAgreement, Tally } from "@/lib/repositories/queries";
import { DRIFT_KINDS, DRIFT_LABELS, driftSentence } from "@/lib/repositories/drift";

const number = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

function share(part: Tally, whole: Tally) {
  return {
    count: whole.count ? percent.format(part.count / whole.count) : "—",
    traffic: whole.trafficPerDay ? percent.format(part.trafficPerDay / whole.trafficPerDay) : "—",
  };
}

/**
 * Progress's "Declared vs found in code" (issue 22): routes people marked ported or verified beside
 * the routes the new code holds, by count and by traffic share, and each disagreement's count
 * linking to the inventory filtered on it. An empty state (or nothing) when no repository is linked.
 */
export function CodeAgreementPanel({
  agreement,
  listHref,
  settingsHref,
  filtered,
}: {
  agreement: CodeAgreement;
  /** The routes' inventory with these filters. */
  listHref: (query: Record<string, string>) => string;
  /** Settings → Repositories for people who may link one; null hides the empty state. */
  settingsHref: string | null;
  filtered: boolean;
}) {
  const a = agreement;
  if (!a.linked.legacy && !a.linked.new) {
    if (!settingsHref) return null;
    return (
      <section className="card text-sm" aria-labelledby="code-agreement-title" data-testid="code-agreement">
        <h2 id="code-agreement-title" className="font-semibold">
          Declared vs found in code
        </h2>
        <p className="mt-1 text-slate-600" data-testid="code-agreement-empty">
          Link the project's legacy and new repositories and Waypoint compares the statuses people set with what the new code holds.{" "}
          <Link href={settingsHref} prefetch={false}>
            Settings → Repositories
          </Link>
        </p>
      </section>
    );
  }
  const rows: { label: string; tally: Tally; href: string | null; testId: string }[] = [
    { label: "Marked ported or verified", tally: a.declared, href: listHref({ status: "PORTED,VERIFIED" }), testId: "code-declared" },
    { label: "Found in the new code", tally: a.found, href: a.linked.new ? listHref({ inNewCode: "true" }) : null, testId: "code-found" },
    { label: "Both", tally: a.agree, href: a.linked.new ? listHref({ status: "PORTED,VERIFIED", inNewCode: "true" }) : null, testId: "code-agree" },
  ];
  const disagreements = DRIFT_KINDS.reduce((n, k) => n + a.drift[k], 0);
  return (
    <section className="card" aria-labelledby="code-agreement-title" data-testid="code-agreement">
      <h2 id="code-agreement-title" className="font-semibold">
        Declared vs found in code
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Of {number.format(a.scope.count)} routes in scope (all but won't port; {number.format(a.scope.trafficPerDay)} requests/day), what people declared and
        what the {a.linked.new ? "new code holds at its last scan" : "new code holds — no new repository is linked yet"}.
        {filtered ? " Whatever the filters." : ""}
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Declared vs found in code</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="py-1 pr-3 font-medium">
                Routes
              </th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">
                Count
              </th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">
                Share by count
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Share by traffic
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const s = share(r.tally, a.scope);
              return (
                <tr key={r.label} className="border-t border-slate-100 dark:border-slate-800" data-testid={r.testId}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {r.href ? <Link href={r.href}>{r.label}</Link> : r.label}
                  </th>
                  <td className="py-1 pr-3 text-right tabular-nums">{number.format(r.tally.count)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{s.count}</td>
                  <td className="py-1 text-right tabular-nums">{s.traffic}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3 className="mt-4 text-sm font-medium">Where the statuses and the code disagree</h3>
      {disagreements === 0 ? (
        <p className="text-sm text-slate-600" data-testid="code-drift-none">
          No disagreement: every status matches what the code shows.
        </p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm" aria-label="Disagreements">
          {DRIFT_KINDS.map((k) => (
            <li key={k} data-testid={`code-drift-${k}`}>
              {a.drift[k] ? (
                <Link href={listHref({ drift: k })} title={driftSentence(k, null)}>
                  {number.format(a.drift[k])} · {DRIFT_LABELS[k]}
                </Link>
              ) : (
                <span className="text-slate-500">0 · {DRIFT_LABELS[k]}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
