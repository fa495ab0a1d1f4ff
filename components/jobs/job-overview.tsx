import type { JobCount, JobProblem } from "@/lib/jobs/overview";

const number = new Intl.NumberFormat("en");
const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** The organisation's background jobs of the last week: counts per queue and state, and what went wrong. */
export function JobOverview({ counts, problems }: { counts: JobCount[]; problems: JobProblem[] }) {
  return (
    <section className="card space-y-3" aria-labelledby="jobs-heading" data-testid="job-overview">
      <h2 id="jobs-heading" className="text-lg font-semibold">
        Background jobs (last 7 days)
      </h2>
      <p className="text-sm text-slate-600">Planned switches and notification deliveries run in the background; a failed one is tried again on its schedule.</p>
      {counts.length === 0 ? (
        <p className="text-sm">No jobs for this organisation in the last week.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-600">
              <th className="py-1 font-medium">Queue</th>
              <th className="py-1 font-medium">State</th>
              <th className="py-1 text-right font-medium">Jobs</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={`${c.queue} ${c.state}`} className="border-t border-slate-100">
                <td className="py-1 font-mono">{c.queue}</td>
                <td className="py-1">{c.state}</td>
                <td className="py-1 text-right">{number.format(c.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.length ? (
        <div>
          <h3 className="text-sm font-semibold">Failed or waiting for a retry</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {problems.map((p, i) => (
              <li key={i}>
                <span className="font-mono">{p.queue}</span> · {p.state} · tried {p.retryCount + 1}× · {when(p.createdOn)}
                {p.error ? <span className="block text-slate-600">{p.error}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
