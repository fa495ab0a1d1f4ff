import Link from "next/link";
import type { ActivityQuery, ActivityRow } from "@/lib/progress/activity";
import { STATUS_LABELS } from "@/lib/inventory/labels";

const FIELD_NAMES: Record<string, string> = {
  status: "Status changes",
  owner: "Owner changes",
  trafficPerDay: "Traffic",
  claim: "Claims",
  other: "Other fields",
};
const when = (at: Date) => at.toISOString().replace("T", " ").slice(0, 16) + " UTC";

function describe(r: ActivityRow): string {
  const status = (v: string | null) => (v && v in STATUS_LABELS ? STATUS_LABELS[v as keyof typeof STATUS_LABELS] : (v ?? "—"));
  switch (r.field) {
    case "created":
      return `added (${status(r.toValue)})`;
    case "deleted":
      return "deleted";
    case "restored":
      return `restored (${status(r.toValue)})`;
    case "status":
      return `status ${status(r.fromValue)} → ${status(r.toValue)}`;
    case "claim":
      return r.toValue ? (r.fromValue ? "claim handed over" : "claimed") : "claim released";
    case "claim completed":
      return "claim completed";
    default:
      return `${r.field}: ${r.fromValue ?? "—"} → ${r.toValue ?? "—"}`;
  }
}

/** Who changed what, latest first, with a field filter and "older" paging; a day when drilled into. */
export function ActivityList({
  activity,
  query,
  filters,
  pageHref,
  itemHref,
  csvHref,
}: {
  activity: { rows: ActivityRow[]; nextCursor: string | null };
  query: ActivityQuery;
  filters: Record<string, string>;
  pageHref: string;
  itemHref: string;
  csvHref: string;
}) {
  const link = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams(filters);
    for (const [k, v] of Object.entries({ day: query.day, field: query.field, ...extra })) if (v) q.set(k, v);
    return `${pageHref}?${q}#activity`;
  };
  return (
    <section className="card" aria-labelledby="activity-title" id="activity" data-testid="chart-activity">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="activity-title" className="font-semibold">
          Who changed what{query.day ? ` on ${query.day}` : ""}?
        </h2>
        <a href={csvHref} className="text-sm" download>
          Download CSV
        </a>
      </div>
      <form method="get" action={`${pageHref}#activity`} className="mt-2 flex flex-wrap items-end gap-3" aria-label="Filter the activity">
        {Object.entries(filters).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {query.day ? <input type="hidden" name="day" value={query.day} /> : null}
        <div>
          <label htmlFor="a-field" className="label">
            Show
          </label>
          <select id="a-field" name="field" defaultValue={query.field ?? ""} className="input py-1.5">
            <option value="">All changes</option>
            {Object.entries(FIELD_NAMES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Show
        </button>
        {query.day ? (
          <Link href={link({ day: undefined, cursor: undefined }).replace(/([?&])day=[^&#]*&?/, "$1")} className="text-sm">
            All days in the range
          </Link>
        ) : null}
      </form>
      {activity.rows.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-600">
          No changes{query.day ? " that day" : " in this range"}
          {query.field ? " of this kind" : ""}.
        </p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm" data-testid="activity-rows">
          {activity.rows.map((r) => (
            <li key={r.id} className="flex flex-wrap gap-x-3 py-1.5">
              <time dateTime={r.at.toISOString()} className="tabular-nums text-slate-500">
                {when(r.at)}
              </time>
              <span>{r.actorName ?? "an import or token"}</span>
              <Link href={`${itemHref}/${r.itemId}`} className="font-mono text-xs">
                {r.itemKey}
              </Link>
              {r.itemDeleted ? <span className="text-xs text-slate-500">(deleted)</span> : null}
              <span>{describe(r)}</span>
            </li>
          ))}
        </ol>
      )}
      {activity.nextCursor ? (
        <p className="mt-3 text-right text-sm">
          <Link href={link({ cursor: activity.nextCursor })}>Older changes →</Link>
        </p>
      ) : null}
    </section>
  );
}
