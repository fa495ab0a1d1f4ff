import Link from "next/link";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { RECENT_WEEKS, STUCK_WEEKS, type TeamRow } from "@/lib/progress/teams";
import { longDay } from "./forecast-summary";

const number = new Intl.NumberFormat("en");
const decimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
const SHOWN = 25;

function ago(days: number | null) {
  if (days === null) return "";
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  return `${Math.floor(days / 7)} weeks ago`;
}

/**
 * The Teams table: per owner, what is left, what got done lately and at what pace, when anything
 * last moved, stale claims, the top blocker and whether it is stuck. A table on a wide screen,
 * one card per owner on a phone.
 */
export function TeamsTable({
  rows,
  what,
  ownerHref,
  itemHref,
}: {
  rows: TeamRow[];
  what: string;
  ownerHref: (owner: string) => string;
  itemHref: (id: string) => string;
}) {
  const stuck = rows.filter((r) => r.stuck).length;
  return (
    <section id="teams" aria-labelledby="teams-title" className="card cards-on-phone" data-testid="teams">
      <h2 id="teams-title" className="font-semibold">
        Which teams are moving, and which are stuck?
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Per owner, the open {what} (not started or in progress), most left first. <strong className="font-medium">Stuck</strong>: work left and nothing added or
        moved for {STUCK_WEEKS} weeks. Done and per week count the last {RECENT_WEEKS} weeks, rollbacks subtracted.
        {stuck ? ` ${stuck} stuck.` : " Nobody is stuck."}
      </p>
      {rows.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600">No items match.</p>
      ) : (
        <div className="mt-3 overflow-x-auto max-sm:overflow-visible">
          <table className="table-cards w-full text-sm" data-testid="teams-table">
            <caption className="sr-only">Teams and owners: work left, pace and blockers</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Owner
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Left
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Done, last {RECENT_WEEKS} weeks
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Per week
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Last movement
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Stale claims
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Top blocker
                </th>
                <th scope="col" className="py-2 font-medium">
                  State
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, SHOWN).map((r) => (
                <tr key={r.owner} className="border-b border-slate-100 align-top last:border-0" data-testid="team-row" data-stuck={r.stuck ? "true" : "false"}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    <Link href={ownerHref(r.owner)} className={r.owner === "none" ? "text-amber-800" : undefined}>
                      {r.owner === "none" ? "Nobody (unowned)" : r.name}
                    </Link>
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums max-sm:text-left" data-label="Left">
                    {number.format(r.remaining)}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums max-sm:text-left" data-label={`Done, last ${RECENT_WEEKS} weeks`}>
                    {number.format(r.doneRecently)}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums max-sm:text-left" data-label="Per week">
                    {decimal.format(r.velocity)}
                  </td>
                  <td className="py-2 pr-3" data-label="Last movement">
                    {r.lastMovement ? (
                      <>
                        <span className="whitespace-nowrap">{longDay(r.lastMovement)}</span>{" "}
                        <span className="text-xs text-slate-600">({ago(r.daysSinceMovement)})</span>
                      </>
                    ) : (
                      <span className="text-slate-600">never</span>
                    )}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums max-sm:text-left" data-label="Stale claims">
                    {r.staleClaims ? <span className="font-medium text-amber-800">{number.format(r.staleClaims)}</span> : "0"}
                  </td>
                  <td className="py-2 pr-3" data-label="Top blocker">
                    {r.topBlocker ? (
                      <>
                        <Link href={itemHref(r.topBlocker.id)} className="font-mono text-xs break-all">
                          {r.topBlocker.key}
                        </Link>{" "}
                        <span className="text-xs text-slate-600">
                          ({KIND_SINGULAR[r.topBlocker.kind]}, blocks {number.format(r.topBlocker.blocks)})
                        </span>
                      </>
                    ) : (
                      <span className="text-slate-600">none</span>
                    )}
                  </td>
                  <td className="py-2" data-label="State">
                    {r.stuck ? (
                      <span className="inline-block rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-200" data-testid="stuck">
                        Stuck
                      </span>
                    ) : r.remaining === 0 ? (
                      <span className="text-xs text-green-700">Nothing left</span>
                    ) : (
                      <span className="text-xs text-slate-600">Moving</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > SHOWN ? (
            <p className="mt-2 text-sm text-slate-600">And {number.format(rows.length - SHOWN)} more owners; filter by team or owner to see them.</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
