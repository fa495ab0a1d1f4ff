import type { AgentProgress } from "@/lib/agents/progress";
import { durationText } from "./review-queue";

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 0 });
const pct = (v: number | null) => (v === null ? "—" : percent.format(v));
const time = (ms: number | null) => (ms === null ? "—" : durationText(ms));

/**
 * Progress's "Coding agents" panel (issue 23): who ports, agents or people, per week; how often
 * agents' work is confirmed as submitted; how long claim → submitted → confirmed takes; and
 * rollbacks after a switch by origin. An empty state until an agent has submitted anything.
 */
export function AgentProgressPanel({ progress, reviewHref }: { progress: AgentProgress; reviewHref: string }) {
  return (
    <section className="card space-y-4" aria-labelledby="agent-progress-title" data-testid="agent-progress">
      <h2 id="agent-progress-title" className="text-lg font-semibold">
        Coding agents
      </h2>
      {!progress.any ? (
        <p className="text-sm text-slate-600">
          No coding agent has submitted work in this project yet. Once one does, this shows how much agents port beside people, how often their work is
          confirmed, and how long a person takes to confirm it.
        </p>
      ) : (
        <>
          <dl className="grid gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-600">Confirmed as submitted</dt>
              <dd className="text-xl font-semibold tabular-nums">{pct(progress.outcomes.confirmedShare)}</dd>
              <dd className="text-xs text-slate-600">
                {progress.outcomes.confirmed} confirmed, {progress.outcomes.sentBack} sent back, <a href={reviewHref}>{progress.outcomes.awaiting} awaiting</a>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Median claim → submitted</dt>
              <dd className="text-xl font-semibold tabular-nums">{time(progress.durations.claimToSubmittedMs)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Median submitted → confirmed</dt>
              <dd className="text-xl font-semibold tabular-nums">{time(progress.durations.submittedToConfirmedMs)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Rolled back after a switch</dt>
              {progress.rollbacks.map((r) => (
                <dd key={r.origin} className="tabular-nums">
                  {r.origin === "agent" ? "Agents' ports" : "People's ports"}: {pct(r.rollbackShare)}{" "}
                  <span className="text-xs text-slate-600">
                    ({r.rolledBackRoutes} of {r.switchedRoutes})
                  </span>
                </dd>
              ))}
            </div>
          </dl>
          <table className="w-full max-w-xl text-sm">
            <caption className="text-left font-medium">Items ported per week, by agents and by people</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col">Week of</th>
                <th scope="col" className="text-right">
                  By agents
                </th>
                <th scope="col" className="text-right">
                  By people
                </th>
                <th scope="col" className="text-right">
                  Agents' share
                </th>
              </tr>
            </thead>
            <tbody>
              {progress.weeks.length === 0 ? (
                <tr>
                  <td colSpan={4} className="py-2 text-slate-600">
                    Nothing confirmed as ported yet.
                  </td>
                </tr>
              ) : (
                progress.weeks.slice(-12).map((w) => (
                  <tr key={w.week} className="border-t border-slate-200">
                    <th scope="row" className="py-1 text-left font-normal">
                      {w.week}
                    </th>
                    <td className="text-right tabular-nums">{w.agents}</td>
                    <td className="text-right tabular-nums">{w.people}</td>
                    <td className="text-right tabular-nums">{pct(w.agentShare)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
