import type { ItemEvidencePanel } from "@/lib/inventory/evidence-panel";
import { conclusionBadge, GATE_TITLES, measuredText, type ConclusionTone } from "@/lib/inventory/evidence-format";
import { formatDateTime } from "@/lib/format";
import { HowToGet } from "./gate-refusal";

const TONE: Record<ConclusionTone, string> = {
  pass: "bg-green-100 text-green-900",
  fail: "bg-red-100 text-red-800",
  neutral: "bg-slate-100 text-slate-700",
  pending: "bg-sky-100 text-sky-900",
};
const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

type Row = ItemEvidencePanel["latest"][number];

export function ConclusionBadge({ status, conclusion }: { status: string; conclusion: string | null }) {
  const badge = conclusionBadge(status, conclusion);
  return <span className={`${pill} ${TONE[badge.tone]}`}>{badge.label}</span>;
}

function Observed({ r }: { r: Row }) {
  return (
    <>
      {formatDateTime(new Date(r.observedAt))}
      {r.expired ? (
        <span
          className={`${pill} ml-1 bg-amber-100 text-amber-900`}
          title={`Expired ${formatDateTime(new Date(r.expiresAt!))}: it no longer counts for a gate`}
        >
          expired
        </span>
      ) : r.expiresAt ? (
        <span className="block text-xs text-slate-500">until {formatDateTime(new Date(r.expiresAt))}</span>
      ) : null}
    </>
  );
}

/**
 * The Evidence section of an item's page: where each gate stands (and what is missing, with the
 * command that produces it), the latest result of each check, and the history, collapsed.
 */
export function EvidenceSection({ panel, projectId }: { panel: ItemEvidencePanel; projectId: string }) {
  const empty = panel.history.length === 0;
  return (
    <section className="card space-y-4" aria-labelledby="evidence-heading" data-testid="evidence-section">
      <h3 id="evidence-heading" className="text-lg font-semibold">
        Evidence
      </h3>
      <ul className="grid gap-3 md:grid-cols-2" aria-label="Gates">
        {panel.gates.map((g) => (
          <li key={g.name} className="rounded-md border border-slate-200 p-3 text-sm" data-testid={`gate-${g.name}`}>
            <p className="flex flex-wrap items-center gap-2">
              <strong>{GATE_TITLES[g.name]}</strong>
              {g.requirements.length === 0 ? (
                <span className="text-slate-600">none set: no evidence needed</span>
              ) : g.met ? (
                <span className={`${pill} bg-green-100 text-green-900`}>met</span>
              ) : (
                <span className={`${pill} bg-amber-100 text-amber-900`}>not met</span>
              )}
            </p>
            {g.requirements.length > 0 ? (
              <ul className="mt-1 list-disc pl-5 text-xs text-slate-600" aria-label={`${GATE_TITLES[g.name]} asks for`}>
                {g.requirements.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            ) : null}
            {g.missing.length > 0 ? (
              <div className="mt-2">
                <p className="text-xs font-semibold text-amber-900">Missing</p>
                <ul className="space-y-2">
                  {g.missing.map((m, i) => (
                    <li key={i}>
                      <p className="text-xs">
                        {m.requirement}
                        {m.profile ? ` (profile ${m.profile})` : ""}: {m.reason}.
                      </p>
                      <HowToGet text={m.howToGet} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>

      {empty ? (
        <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-700" data-testid="evidence-empty">
          <p className="font-medium">No evidence yet.</p>
          <p className="mt-1">
            CI posts it with a token of the evidence scope — a check&apos;s result or a JUnit report — and <code>npx waypoint smoke</code> and{" "}
            <code>npx waypoint replay</code> post theirs. See the README, section “Evidence from CI”. For example:
          </p>
          <HowToGet
            text={`curl -X POST -H "Authorization: Bearer $WAYPOINT_TOKEN" -H "Content-Type: application/json" "$WAYPOINT_URL/api/v1/projects/${projectId}/evidence" -d '${JSON.stringify(
              { name: "smoke", kind: "smoke", conclusion: "success", items: [{ key: panel.item.key }] },
            ).replace(/'/g, "'\\''")}'`}
          />
        </div>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="table-cards w-full text-sm" aria-label="Latest result per check">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Check
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Result
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Measured
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Observed
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Details
                  </th>
                </tr>
              </thead>
              <tbody>
                {panel.latest.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top last:border-0" data-testid="evidence-latest">
                    <td className="py-1.5 pr-3">
                      <span className="text-xs text-slate-500 uppercase">{r.kind}</span> <span className="font-medium">{r.name}</span>
                      {r.profile ? <span className="block text-xs text-slate-600">as {r.profile}</span> : null}
                    </td>
                    <td className="py-1.5 pr-3" data-label="Result">
                      <ConclusionBadge status={r.status} conclusion={r.conclusion} />
                    </td>
                    <td className="py-1.5 pr-3" data-label="Measured">
                      {measuredText(r.kind, r.measured) ?? <span className="text-slate-400">—</span>}
                    </td>
                    <td className="py-1.5 pr-3" data-label="Observed">
                      <Observed r={r} />
                    </td>
                    <td className="py-1.5" data-label="Details">
                      {r.detailsUrl ? (
                        <a href={r.detailsUrl} rel="noreferrer noopener" target="_blank">
                          Details<span className="sr-only"> of {r.name}</span>
                        </a>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">
              All results ({panel.history.length}
              {panel.history.length === 100 ? ", the latest 100" : ""})
            </summary>
            <ol className="mt-2 space-y-1" aria-label="Evidence history">
              {panel.history.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 text-xs">
                  <span className="text-slate-600">{formatDateTime(new Date(r.observedAt))}</span>
                  <ConclusionBadge status={r.status} conclusion={r.conclusion} />
                  <span>
                    {r.kind} <strong>{r.name}</strong>
                    {r.profile ? ` as ${r.profile}` : ""}
                  </span>
                  {measuredText(r.kind, r.measured) ? <span>{measuredText(r.kind, r.measured)}</span> : null}
                  {r.expired ? <span className="text-amber-800">expired</span> : null}
                  {r.commitSha ? <code className="text-slate-500">{r.commitSha.slice(0, 7)}</code> : null}
                  {r.detailsUrl ? (
                    <a href={r.detailsUrl} rel="noreferrer noopener" target="_blank">
                      details
                    </a>
                  ) : null}
                </li>
              ))}
            </ol>
          </details>
        </>
      )}
    </section>
  );
}
