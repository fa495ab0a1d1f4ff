import Link from "next/link";
import type { ListQuery } from "@/lib/inventory/schemas";
import { FilterDisclosure } from "@/components/forms/filter-disclosure";
import { DRIFT_KINDS, DRIFT_LABELS } from "@/lib/repositories/drift";

type Option = { value: string; label: string };

/** Filters as a plain GET form: the URL holds them, so a filtered view can be shared and reloaded. */
export function FilterBar({
  kind,
  query,
  active,
  statuses,
  readiness,
  owners,
  teams,
  resetHref,
  code = false,
}: {
  kind: "ROUTE" | "MODULE" | "DEPENDENCY";
  /** Whether any filter is on (the disclosure then starts open on a phone). */
  active: boolean;
  query: Partial<ListQuery>;
  statuses: Option[];
  readiness: Option[];
  owners: Option[];
  teams: Option[];
  resetHref: string;
  /** A repository is linked: offer the code's filters (drift, found in new code). */
  code?: boolean;
}) {
  const select = (id: string, label: string, value: string | undefined, options: Option[], any = "Any") => (
    <div>
      <label htmlFor={`f-${id}`} className="label">
        {label}
      </label>
      <select id={`f-${id}`} name={id} defaultValue={value ?? ""} className="input py-1.5">
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const levels = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
  return (
    <FilterDisclosure active={active}>
      <form method="get" className="card grid gap-3 p-4 sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label="Filter the inventory">
        <div className="sm:col-span-3 lg:col-span-2">
          <label htmlFor="f-q" className="label">
            Search
          </label>
          <input
            id="f-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            maxLength={200}
            className="input py-1.5"
            placeholder={kind === "ROUTE" ? "/user, GET /posts, handler…" : kind === "MODULE" ? "app/billing…" : "stripe…"}
          />
        </div>
        {kind === "DEPENDENCY" ? select("readiness", "Readiness", query.readiness?.[0], readiness) : select("status", "Status", query.status?.[0], statuses)}
        {select("owner", "Owner", query.owner, [{ value: "none", label: "Unowned" }, ...owners])}
        {select("team", "Team (incl. its people)", query.team, teams)}
        {kind !== "DEPENDENCY"
          ? select("blocked", "Blocked", query.blocked, [
              { value: "true", label: "Blocked" },
              { value: "false", label: "Not blocked" },
            ])
          : null}
        {kind === "ROUTE" ? select("evidence", "Evidence", query.evidence, [{ value: "ported-no-smoke", label: "Ported, no passing smoke" }]) : null}
        {kind === "ROUTE" && code
          ? select("drift", "Code disagrees", query.drift, [
              { value: "any", label: "Any disagreement" },
              ...DRIFT_KINDS.map((k) => ({ value: k, label: DRIFT_LABELS[k] })),
            ])
          : null}
        {kind === "ROUTE" && code
          ? select("inNewCode", "Found in new code", query.inNewCode, [
              { value: "true", label: "Found" },
              { value: "false", label: "Not found" },
            ])
          : null}
        {select("attention", "Needs attention", query.attention, [{ value: "true", label: "Needs attention" }])}
        {select("complexityMin", "Complexity from", query.complexityMin?.toString(), levels)}
        {select("complexityMax", "Complexity to", query.complexityMax?.toString(), levels)}
        {kind !== "DEPENDENCY" ? (
          <>
            <div>
              <label htmlFor="f-trafficMin" className="label">
                Traffic/day from
              </label>
              <input id="f-trafficMin" name="trafficMin" type="number" min={0} defaultValue={query.trafficMin ?? ""} className="input py-1.5" />
            </div>
            <div>
              <label htmlFor="f-trafficMax" className="label">
                Traffic/day to
              </label>
              <input id="f-trafficMax" name="trafficMax" type="number" min={0} defaultValue={query.trafficMax ?? ""} className="input py-1.5" />
            </div>
          </>
        ) : null}
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.order ? <input type="hidden" name="order" value={query.order} /> : null}
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">
            Apply
          </button>
          <Link href={resetHref} className="btn-secondary">
            Reset
          </Link>
        </div>
      </form>
    </FilterDisclosure>
  );
}
