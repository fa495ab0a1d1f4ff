import Link from "next/link";
import { ItemFilterFields } from "@/components/forms/item-filter-fields";
import { requireProjectPage } from "@/lib/pages/org-page";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { loadDashboard } from "@/lib/progress/dashboard";
import { VERIFIED_BY_EVIDENCE_HELP, verifiedByEvidence } from "@/lib/progress/evidence-share";
import { addDays, dayDiff, dayKey } from "@/lib/time/days";
import { samplePoints } from "@/lib/progress/sample";
import { listTeams, ownerOptions } from "@/lib/teams/teams";
import { KIND_LABELS, KIND_SEGMENTS, READINESS_LABELS, STATUS_LABELS, STATUS_ORDER } from "@/lib/inventory/labels";
import { ChartFigure, DataTable } from "@/components/progress/chart-figure";
import { TimeSeriesChart } from "@/components/progress/time-series-chart";
import { QuadrantChart } from "@/components/progress/quadrant-chart";
import { OwnerStatusChart, ReadinessChart } from "@/components/progress/bar-charts";
import { STATUS_COLORS } from "@/components/progress/status-colors";
import { ForecastSummary } from "@/components/progress/forecast-summary";
import { ActivityList } from "@/components/progress/activity-list";
import { TeamsTable } from "@/components/progress/teams-table";
import * as clock from "@/lib/time/clock";
import { FilterDisclosure } from "@/components/forms/filter-disclosure";
import { projectPath } from "@/lib/projects/paths";
import { progressPatterns } from "@/lib/repositories/pattern-read";
import { PatternsSection } from "@/components/progress/patterns-section";
import { getCodeAgreement } from "@/lib/repositories/queries";
import { CodeAgreementPanel } from "@/components/progress/code-agreement-panel";
import { getAgentProgress } from "@/lib/agents/progress";
import { AgentProgressPanel } from "@/components/agents/agent-progress-panel";
import { reviewPath } from "@/lib/projects/paths";
import { BURNUP_COLUMNS, displayTable, FLOW_COLUMNS, OWNER_COLUMNS, QUADRANT_COLUMNS, READINESS_COLUMNS, TRAFFIC_COLUMNS } from "@/lib/progress/chart-columns";

export const metadata = { title: "Progress" };
const number = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

type Search = Record<string, string | undefined>;
const FILTER_KEYS = ["from", "to", "kind", "team", "owner"] as const;
const ACTIVITY_KEYS = ["day", "field", "cursor"] as const;

export default async function ProgressPage({ params, searchParams }: { params: Promise<{ org: string; project: string }>; searchParams: Promise<Search> }) {
  const { org, project: slug } = await params;
  const search = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const pick = (keys: readonly string[]) => Object.fromEntries(keys.filter((k) => search[k]).map((k) => [k, search[k]!]));
  const filters = pick(FILTER_KEYS);
  const [teams, owners, evidence, patterns, code, dashboard] = await Promise.all([
    listTeams(db, ctx),
    ownerOptions(db, ctx),
    verifiedByEvidence(db, { organizationId: ctx.organizationId, projectId: project.id }),
    progressPatterns(db, ctx, project.id),
    getCodeAgreement(db, ctx, project.id),
    loadDashboard(db, ctx, project.id, { ...filters, ...pick(ACTIVITY_KEYS) }).catch((error) => {
      if (error instanceof AppError && error.code === "invalid_input") return error;
      throw error;
    }),
  ]);
  const range = dashboard instanceof AppError ? undefined : dashboard.range;
  const today = range?.today ?? dayKey(clock.now(), project.timeZone);
  const filterForm = <FilterForm base={base} search={search} teams={teams} owners={owners} range={range} today={today} />;
  if (dashboard instanceof AppError) {
    return (
      <div className="space-y-4">
        {filterForm}
        <div role="alert" className="card border-red-200 bg-red-50 text-sm text-red-900">
          {dashboard.message} {fieldErrors(dashboard)} <Link href={`${base}/progress`}>Reset the filters</Link>.
        </div>
      </div>
    );
  }
  const d = dashboard;
  const qs = new URLSearchParams(filters).toString();
  const here = `${base}/progress${qs ? `?${qs}` : ""}`;
  const csv = (chart: string) => `/api/v1/projects/${project.id}/progress/${chart}?${new URLSearchParams({ ...filters, format: "csv" })}`;
  const listHref = (kind: keyof typeof KIND_SEGMENTS, extra: Record<string, string> = {}) =>
    `${base}/inventory/${KIND_SEGMENTS[kind]}?${new URLSearchParams({ ...pick(["team"]), ...(filters.owner ? { owner: filters.owner } : {}), ...extra })}`;
  const last = d.series.burnUp[d.series.burnUp.length - 1];
  const lastTraffic = d.series.traffic[d.series.traffic.length - 1];
  const what = d.query.kind ? KIND_LABELS[d.query.kind].toLowerCase() : "items";
  const noHistory = !last || last.scope === 0;
  // Long ranges are drawn (and tabled) with fewer points; the CSV keeps every day.
  const shown = { burnUp: samplePoints(d.series.burnUp), traffic: samplePoints(d.series.traffic), flow: samplePoints(d.series.flow) };
  const sampled =
    shown.burnUp.length < d.series.burnUp.length
      ? ` Drawn with a point every ${shown.burnUp.length > 1 ? dayDiff(shown.burnUp[0].day, shown.burnUp[1].day) : 7} days; the CSV has every day.`
      : "";

  return (
    <div className="space-y-6">
      {filterForm}
      <section aria-label="Summary" className="grid gap-3 sm:grid-cols-3">
        <div className="card">
          <p className="text-sm text-slate-600">Done by count</p>
          <p className="text-2xl font-semibold">
            <span data-testid="summary-count">{last ? `${number.format(last.ported)} of ${number.format(last.scope)}` : "—"}</span>{" "}
            <span className="text-base font-normal text-slate-600" data-testid="summary-count-what">
              {what}
            </span>
          </p>
          <p className="text-sm text-slate-600">
            {last && last.scope
              ? `${percent.format(last.ported / last.scope)} of ${d.query.kind ? what : "items of all kinds (routes, modules, dependencies)"} in scope`
              : "Nothing in scope yet"}
            {d.query.kind !== "ROUTE" ? (
              <span data-testid="summary-routes">
                ; routes: {number.format(d.routes.done)} of {number.format(d.routes.scope)}
                {d.routes.scope ? ` (${percent.format(d.routes.done / d.routes.scope)})` : ""}
              </span>
            ) : null}
          </p>
          <p className="mt-1 text-sm text-slate-700" data-testid="summary-verified-by-evidence" title={VERIFIED_BY_EVIDENCE_HELP}>
            Verified by evidence: {number.format(evidence.backed)} of {number.format(evidence.scope)} routes
            {evidence.scope ? ` (${percent.format(evidence.backed / evidence.scope)})` : ""}
            {Object.keys(filters).length ? ", whatever the filters" : ""}; {number.format(evidence.verified)} verified in all.
          </p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">Traffic on the new stack</p>
          <p className="text-2xl font-semibold" data-testid="summary-traffic">
            {lastTraffic ? percent.format(lastTraffic.share) : "—"}
          </p>
          <p className="text-sm text-slate-600">{lastTraffic ? `of route traffic; ${percent.format(lastTraffic.countShare)} of routes by count` : ""}</p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">Forecast</p>
          <ForecastSummary forecast={d.forecast} targetDate={d.project.targetDate} weeks={d.project.forecastWeeks} />
        </div>
      </section>

      <CodeAgreementPanel
        agreement={code}
        listHref={(query) => `${base}/inventory/${KIND_SEGMENTS.ROUTE}?${new URLSearchParams(query)}`}
        settingsHref={can(ctx.role, "repositories:manage") ? `${base}/settings/repositories` : null}
        filtered={Object.keys(filters).length > 0}
      />

      <TeamsTable
        rows={d.teams}
        what={what}
        ownerHref={(owner) => `${base}/progress?${new URLSearchParams({ ...filters, owner })}`}
        itemHref={(id) => `${base}/items/${id}`}
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <ChartFigure
          id="burnup"
          title="How much is ported, and how much is there to port?"
          subtitle={`Burn-up of ${what}: ported and verified against the scope (everything in the inventory but won't port). Days in ${d.project.timeZone}. Click a day for its changes.${sampled}`}
          csvHref={csv("burnup")}
          empty={noHistory ? "No history in this range yet: import the inventory or change some statuses." : null}
          table={<DataTable caption="Burn-up" {...displayTable(BURNUP_COLUMNS, shown.burnUp)} />}
        >
          <TimeSeriesChart
            label="Burn-up: scope, ported and verified per day"
            data={shown.burnUp}
            lines={[
              { key: "scope", name: "Scope", color: "#64748b", dashed: true },
              { key: "ported", name: "Ported", color: STATUS_COLORS.PORTED },
              { key: "verified", name: "Verified", color: STATUS_COLORS.VERIFIED },
            ]}
            format="count"
            variant="line"
            drillHref={`${here}${qs ? "&" : "?"}field=status`}
          />
        </ChartFigure>
        <ChartFigure
          id="traffic"
          title="How much of the traffic does the new stack serve?"
          subtitle="Share of route traffic on ported, verified or retired routes, beside the share of routes by count: a project can be 98% done by traffic with dozens of pages left. Each route weighs its current traffic."
          csvHref={csv("traffic")}
          empty={noHistory ? "No routes in this range yet." : null}
          table={<DataTable caption="Traffic share" {...displayTable(TRAFFIC_COLUMNS, shown.traffic)} />}
        >
          <TimeSeriesChart
            label="Share of traffic and share of routes on the new stack per day"
            data={shown.traffic}
            lines={[
              { key: "share", name: "By traffic", color: "#2563eb" },
              { key: "countShare", name: "By route count", color: "#f59e0b", dashed: true },
            ]}
            format="percent"
            variant="line"
            drillHref={`${here}${qs ? "&" : "?"}field=status`}
          />
        </ChartFigure>
      </div>

      <ChartFigure
        id="flow"
        title="Where is the work piling up?"
        subtitle={`Cumulative flow: ${what} in each status at the end of each day.${sampled}`}
        csvHref={csv("flow")}
        empty={noHistory ? "No history in this range yet." : null}
        table={<DataTable caption="Cumulative flow" {...displayTable(FLOW_COLUMNS, shown.flow)} />}
      >
        <TimeSeriesChart
          label="Items in each status per day"
          data={shown.flow}
          lines={STATUS_ORDER.map((s) => ({ key: s, name: STATUS_LABELS[s], color: STATUS_COLORS[s] }))}
          format="count"
          variant="stacked-area"
          drillHref={`${here}${qs ? "&" : "?"}field=status`}
        />
      </ChartFigure>

      <ChartFigure
        id="quadrant"
        title="Which routes are easy wins, and which are the long tail?"
        subtitle={`Traffic (log scale) × complexity, ${d.quadrant.grouped ? "each dot a group of routes with the same status, complexity and traffic band (size = how many)" : "one dot per route"}, coloured by status. Routes only. Click a dot to open it.`}
        csvHref={csv("quadrant")}
        empty={d.quadrant.routes === 0 ? "No routes match." : null}
        table={<DataTable caption="Quadrant" {...displayTable(QUADRANT_COLUMNS, d.quadrant.dots.slice(0, 200))} />}
      >
        <QuadrantChart
          label="Routes by traffic and complexity"
          dots={d.quadrant.dots}
          grouped={d.quadrant.grouped}
          lowTraffic={d.quadrant.lowTraffic}
          longTailTraffic={d.quadrant.longTailTraffic}
          maxTraffic={Math.max(1, ...d.quadrant.dots.map((p) => p.trafficMax))}
          itemHref={`${base}/items`}
          listHref={`${base}/inventory/routes`}
        />
      </ChartFigure>

      <ChartFigure
        id="owners"
        title="Which teams and people have the most left?"
        subtitle={`${KIND_LABELS[d.query.kind ?? "ROUTE"]} left per owner (not started and in progress), most left first, with stale claims; the table has every status. Click a bar to list them.`}
        csvHref={csv("owners")}
        empty={d.owners.length === 0 ? "No items match." : null}
        table={<DataTable caption="By owner" {...displayTable(OWNER_COLUMNS, d.owners)} />}
      >
        <OwnerStatusChart
          label="Items left per owner, stacked by status"
          rows={d.owners.slice(0, 15).map((o) => ({ owner: o.owner, name: o.name, ...o.counts }))}
          listHref={listHref(d.query.kind ?? "ROUTE")}
        />
        <OwnerTable owners={d.owners} />
      </ChartFigure>

      <div className="grid gap-6 lg:grid-cols-2">
        <ChartFigure
          id="dependencies"
          title="Are the dependencies ready?"
          subtitle="Open dependencies by how they will move, and the finished ones. Click a bar to list them."
          csvHref={csv("dependencies")}
          empty={d.readiness.counts.every((c) => c.count === 0) ? "No dependencies match." : null}
          table={<DataTable caption="Dependencies by readiness" {...displayTable(READINESS_COLUMNS, d.readiness.counts)} />}
        >
          <ReadinessChart label="Dependencies by readiness" rows={d.readiness.counts} listHref={listHref("DEPENDENCY")} />
        </ChartFigure>
        <BlockingDependencies blocking={d.readiness.blocking} base={base} csvHref={csv("blocking")} />
      </div>

      <AgentProgressPanel progress={await getAgentProgress(db, ctx, project.id)} reviewHref={reviewPath(ctx.organizationSlug, project.slug)} />

      <PatternsSection projectId={project.id} patterns={patterns} settingsHref={can(ctx.role, "patterns:manage") ? `${base}/settings/patterns` : null} />

      <ActivityList
        activity={d.activity}
        query={d.activityQuery}
        filters={filters}
        pageHref={`${base}/progress`}
        itemHref={`${base}/items`}
        csvHref={
          csv("activity") + (d.activityQuery.day ? `&day=${d.activityQuery.day}` : "") + (d.activityQuery.field ? `&field=${d.activityQuery.field}` : "")
        }
      />
    </div>
  );
}

function fieldErrors(error: AppError) {
  const fields = (error.details as { fields?: Record<string, string[]> } | undefined)?.fields;
  return fields
    ? Object.entries(fields)
        .map(([k, v]) => `${k}: ${v.join(" ")}`)
        .join("; ")
    : null;
}

function FilterForm({
  base,
  search,
  teams,
  owners,
  range,
  today,
}: {
  base: string;
  search: Search;
  teams: { id: string; name: string }[];
  owners: { value: string; label: string }[];
  range?: { from: string; to: string; today: string };
  today: string;
}) {
  const preset = (days: number) => {
    const q = new URLSearchParams(Object.fromEntries(["kind", "team", "owner"].filter((k) => search[k]).map((k) => [k, search[k]!])));
    q.set("from", addDays(today, -days));
    return `${base}/progress?${q}`;
  };
  const filtered = FILTER_KEYS.some((k) => search[k]);
  return (
    <div className="space-y-2">
      <FilterDisclosure active={filtered}>
        <form method="get" action={`${base}/progress`} className="flex flex-wrap items-end gap-3" aria-label="Filter the charts">
          <div>
            <label htmlFor="p-from" className="label">
              From
            </label>
            <input id="p-from" name="from" type="date" defaultValue={search.from ?? range?.from ?? ""} className="input py-1.5" />
          </div>
          <div>
            <label htmlFor="p-to" className="label">
              To
            </label>
            <input id="p-to" name="to" type="date" defaultValue={search.to ?? range?.to ?? ""} className="input py-1.5" />
          </div>
          <ItemFilterFields idPrefix="p" values={search} teams={teams} owners={owners} />
          <button type="submit" className="btn-secondary">
            Apply
          </button>
          {filtered ? (
            <Link href={`${base}/progress`} className="text-sm">
              Clear
            </Link>
          ) : null}
        </form>
      </FilterDisclosure>
      <p className="flex flex-wrap gap-3 text-sm" aria-label="Date range presets">
        <span className="text-slate-600">Range:</span>
        <Link href={preset(28)}>4 weeks</Link>
        <Link href={preset(84)}>12 weeks</Link>
        <Link href={preset(365)}>1 year</Link>
        <Link href={`${base}/progress`}>Since the start</Link>
      </p>
    </div>
  );
}

function OwnerTable({
  owners,
}: {
  owners: { owner: string; name: string; remaining: number; remainingTraffic: number; staleClaims: number; total: number }[];
}) {
  const unowned = owners.find((o) => o.owner === "none");
  return (
    <div className="mt-3 overflow-x-auto">
      <DataTable
        caption="Remaining work by owner"
        header={["Owner", "Remaining", "Remaining traffic/day", "Stale claims", "All items"]}
        rows={owners
          .slice(0, 20)
          .map((o) => [
            o.owner === "none" ? <span className="font-medium text-amber-800">Nobody (unowned)</span> : o.name,
            number.format(o.remaining),
            number.format(o.remainingTraffic),
            o.staleClaims ? <span className="font-medium text-amber-800">{number.format(o.staleClaims)}</span> : "0",
            number.format(o.total),
          ])}
      />
      {unowned && unowned.remaining ? <p className="mt-2 text-sm text-amber-800">{number.format(unowned.remaining)} remaining items have no owner.</p> : null}
    </div>
  );
}

function BlockingDependencies({
  blocking,
  base,
  csvHref,
}: {
  blocking: { id: string; key: string; readiness: string | null; replacement: string | null; routes: number; trafficPerDay: number }[];
  base: string;
  csvHref: string;
}) {
  return (
    <section className="card" aria-labelledby="blocking-title" data-testid="chart-blocking">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="blocking-title" className="font-semibold">
          Which dependencies hold back the most traffic?
        </h2>
        <a href={csvHref} className="text-sm" download>
          Download CSV
        </a>
      </div>
      <p className="mt-1 text-sm text-slate-600">Not-ready dependencies needed by open routes, directly or through an unported module.</p>
      {blocking.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-600">No dependency holds back an open route.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <DataTable
            caption="Dependencies blocking the most traffic"
            header={["Dependency", "Readiness", "Open routes", "Traffic/day"]}
            rows={blocking.map((b) => [
              <Link key={b.id} href={`${base}/items/${b.id}`} className="font-mono text-xs">
                {b.key}
              </Link>,
              `${b.readiness ? READINESS_LABELS[b.readiness as keyof typeof READINESS_LABELS] : "Unknown"}${b.replacement ? ` → ${b.replacement}` : ""}`,
              number.format(b.routes),
              number.format(b.trafficPerDay),
            ])}
          />
        </div>
      )}
    </section>
  );
}
