import { projectPath, reviewPath } from "@/lib/projects/paths";
import { agentReviewCounts } from "@/lib/agents/review";
import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { KIND_LABELS, projectStatusCounts, STATUS_LABELS, STATUS_ORDER } from "@/lib/projects/overview";
import { loadOverviewSummary, type OverviewSummary } from "@/lib/progress/overview-summary";
import { VERIFIED_BY_EVIDENCE_HELP } from "@/lib/progress/evidence-share";
import { STUCK_WEEKS } from "@/lib/progress/teams";
import { READINESS_LABELS } from "@/lib/inventory/labels";
import { longDay } from "@/components/progress/forecast-summary";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { SetupChecklist } from "@/components/onboarding/setup-checklist";

const KINDS: ItemKind[] = ["ROUTE", "MODULE", "DEPENDENCY"];
const number = new Intl.NumberFormat("en");
const decimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

export default async function ProjectOverviewPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const [counts, summary] = await Promise.all([projectStatusCounts(db, ctx, project.id), loadOverviewSummary(db, ctx, project.id)]);
  const agents = await agentReviewCounts(db, ctx, project.id);
  const empty = KINDS.every((k) => counts[k].total === 0);
  const base = projectPath(ctx.organizationSlug, project.slug);

  return (
    <div className="space-y-6">
      {project.description ? <p className="max-w-3xl text-slate-700">{project.description}</p> : null}
      <SetupChecklist db={db} ctx={ctx} projectId={project.id} />
      {empty ? (
        <div className="card text-center">
          <p className="font-medium">The inventory is empty.</p>
          <p className="mt-1 text-sm text-slate-600">Routes, modules and dependencies will appear here once they are imported.</p>
        </div>
      ) : (
        <>
          <section aria-label="Where the port stands" className="grid gap-4 sm:grid-cols-3">
            <Stat
              label="Done by count"
              testId="overview-count"
              value={percent(summary.items.done, summary.items.scope)}
              sub={`${number.format(summary.items.done)} of ${number.format(summary.items.scope)} items of all kinds in scope; routes: ${number.format(summary.routes.done)} of ${number.format(summary.routes.scope)} (${percent(summary.routes.done, summary.routes.scope)}).`}
            >
              <div className="mt-2 text-xs text-slate-700" data-testid="overview-verified-by-evidence">
                Verified by evidence: {number.format(summary.verifiedByEvidence.count)} of {number.format(summary.verifiedByEvidence.scope)} routes (
                {percent(summary.verifiedByEvidence.count, summary.verifiedByEvidence.scope)}); {number.format(summary.verifiedByEvidence.verified)} verified in
                all.
                <details className="mt-1">
                  <summary className="cursor-pointer text-slate-500">What it counts</summary>
                  <p className="mt-1 text-slate-600">{VERIFIED_BY_EVIDENCE_HELP}</p>
                </details>
              </div>
            </Stat>
            <Stat
              label="Done by traffic"
              testId="overview-traffic"
              value={summary.traffic.scope ? `${Math.round(summary.traffic.share * 100)}%` : "—"}
              sub={`${number.format(summary.traffic.done)} of ${number.format(summary.traffic.scope)} requests/day on the new stack.`}
            />
            <ForecastStat summary={summary} />
          </section>

          <section aria-labelledby="attention-title" className="card" data-testid="overview-attention">
            <h2 id="attention-title" className="font-semibold">
              What needs attention
            </h2>
            <dl className="mt-2 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-600">Top blocker</dt>
                <dd className="mt-0.5" data-testid="overview-blocker">
                  {summary.topBlocker ? (
                    <>
                      <Link href={`${base}/items/${summary.topBlocker.id}`} className="font-mono text-xs break-all">
                        {summary.topBlocker.key}
                      </Link>{" "}
                      ({summary.topBlocker.readiness ? READINESS_LABELS[summary.topBlocker.readiness] : "Unknown"}) holds back{" "}
                      {number.format(summary.topBlocker.routes)} open route{summary.topBlocker.routes === 1 ? "" : "s"},{" "}
                      {number.format(summary.topBlocker.trafficPerDay)} requests/day.
                    </>
                  ) : (
                    "No dependency holds back an open route."
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">Stuck teams (no movement for {STUCK_WEEKS} weeks, work left)</dt>
                <dd className="mt-0.5" data-testid="overview-stuck">
                  {summary.stuck.length === 0 ? (
                    "None: every owner with work left moved something lately."
                  ) : (
                    <ul className="space-y-0.5">
                      {summary.stuck.slice(0, 5).map((t) => (
                        <li key={t.owner}>
                          <Link href={`${base}/progress?owner=${encodeURIComponent(t.owner)}#teams`}>{t.name}</Link>: {number.format(t.remaining)} left,{" "}
                          {t.lastMovement ? `last movement ${longDay(t.lastMovement)}` : "nothing moved yet"}
                        </li>
                      ))}
                      {summary.stuck.length > 5 ? <li className="text-slate-600">and {summary.stuck.length - 5} more</li> : null}
                    </ul>
                  )}
                  {summary.unowned ? <p className="mt-1 text-amber-800">{number.format(summary.unowned)} open items have no owner.</p> : null}
                </dd>
              </div>
            </dl>
            <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Into Progress">
              <Link href={`${base}/progress#teams`}>Teams →</Link>
              <Link href={`${base}/progress#burnup`}>Burn-up and forecast →</Link>
              <Link href={`${base}/progress#dependencies`}>Dependencies →</Link>
              <Link href={`${base}/next`}>What can start now →</Link>
            </p>
          </section>

          <div className="card overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="mb-3 text-left text-base font-semibold">Items by status</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Kind
                  </th>
                  {STATUS_ORDER.map((s) => (
                    <th key={s} scope="col" className="py-2 pr-4 text-right font-medium">
                      {STATUS_LABELS[s]}
                    </th>
                  ))}
                  <th scope="col" className="py-2 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {KINDS.map((kind) => (
                  <tr key={kind} className="border-b border-slate-100 last:border-0" data-testid={`counts-${kind.toLowerCase()}`}>
                    <th scope="row" className="py-2 pr-4 text-left font-medium">
                      {KIND_LABELS[kind]}
                    </th>
                    {STATUS_ORDER.map((s) => (
                      <td key={s} className="py-2 pr-4 text-right tabular-nums">
                        {counts[kind][s]}
                      </td>
                    ))}
                    <td className="py-2 text-right font-medium tabular-nums">{counts[kind].total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {agents.awaiting || agents.confirmed ? (
              <p className="mt-3 text-sm text-slate-700" data-testid="agent-counts">
                Of the ported, {number.format(agents.confirmed)} by coding agents confirmed by a person
                {agents.awaiting ? (
                  <>
                    ; {number.format(agents.awaiting)} reported by agents <Link href={reviewPath(ctx.organizationSlug, project.slug)}>await confirmation</Link>
                  </>
                ) : null}
                .
              </p>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

function ForecastStat({ summary }: { summary: OverviewSummary }) {
  const { forecast: f, target } = summary;
  const targetLine = !target.date ? (
    <p className="mt-1 text-xs text-slate-500">No target date set.</p>
  ) : target.passed ? (
    <p className="mt-1 text-sm font-medium text-red-700" data-testid="overview-target">
      The target date, {longDay(target.date)}, has passed.
    </p>
  ) : target.late === true ? (
    <p className="mt-1 text-sm font-medium text-red-700" data-testid="overview-target">
      Later than the target, {longDay(target.date)}.
    </p>
  ) : target.late === false ? (
    <p className="mt-1 text-sm font-medium text-green-700" data-testid="overview-target">
      On track for the target, {longDay(target.date)}.
    </p>
  ) : (
    <p className="mt-1 text-xs text-slate-500" data-testid="overview-target">
      Target: {longDay(target.date)}.
    </p>
  );
  return (
    <div className="card" data-testid="overview-forecast">
      <p className="text-sm text-slate-600">Forecast finish</p>
      {f.kind === "date" ? (
        <>
          <p className="mt-1 text-2xl font-semibold tabular-nums">{longDay(f.likely)}</p>
          <p className="mt-1 text-xs text-slate-500">
            Between {longDay(f.optimistic)} and {f.pessimistic ? longDay(f.pessimistic) : "never (a recent week finished nothing)"};{" "}
            {number.format(f.remaining)} left at {decimal.format(f.velocity)} a week over the last {f.weeks} weeks.
          </p>
        </>
      ) : f.kind === "done" ? (
        <p className="mt-1 text-2xl font-semibold">Done</p>
      ) : (
        <>
          <p className="mt-1 text-2xl font-semibold">No date</p>
          <p className="mt-1 text-xs text-slate-500">{f.reason}</p>
        </>
      )}
      {targetLine}
    </div>
  );
}

function Stat({ label, value, sub, testId, children }: { label: string; value: string; sub: string; testId: string; children?: React.ReactNode }) {
  return (
    <div className="card" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="mt-1 text-xs text-slate-500">{sub}</p>
      {children}
    </div>
  );
}
