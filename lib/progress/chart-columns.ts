import { READINESS_LABELS, STATUS_LABELS, STATUS_ORDER } from "@/lib/inventory/labels";
import type { Dashboard } from "./dashboard";

/**
 * One column definition per chart, read by both its table on the Progress page and its CSV
 * download, so the two cannot drift: `csv` names the CSV column, `header` the table's, `value`
 * the raw figure. The CSV writes numbers raw (shares to four decimals); the table formats them.
 */
export type ChartColumn<R> = {
  csv: string;
  header: string;
  value: (row: R) => string | number;
  kind?: "count" | "share" | "text";
  /** What the table shows where it says more than the CSV's empty cell. */
  show?: (row: R) => string;
};

type Of<K extends keyof Dashboard, P extends string> = Dashboard[K] extends Record<P, (infer R)[]> ? R : never;
type BurnUpRow = Of<"series", "burnUp">;
type TrafficRow = Of<"series", "traffic">;
type FlowRow = Of<"series", "flow">;
type Dot = Dashboard["quadrant"]["dots"][number];
type OwnerRow = Dashboard["owners"][number];
type ReadinessCount = Dashboard["readiness"]["counts"][number];
type BlockingRow = Dashboard["readiness"]["blocking"][number];

export const BURNUP_COLUMNS: ChartColumn<BurnUpRow>[] = [
  { csv: "day", header: "Day", value: (p) => p.day, kind: "text" },
  { csv: "scope", header: "Scope", value: (p) => p.scope },
  { csv: "ported", header: "Ported", value: (p) => p.ported },
  { csv: "verified", header: "Verified", value: (p) => p.verified },
];

export const TRAFFIC_COLUMNS: ChartColumn<TrafficRow>[] = [
  { csv: "day", header: "Day", value: (p) => p.day, kind: "text" },
  { csv: "traffic_share_on_new_stack", header: "By traffic", value: (p) => p.share, kind: "share" },
  { csv: "route_count_share", header: "By count", value: (p) => p.countShare, kind: "share" },
  { csv: "traffic_ported_per_day", header: "Ported traffic/day", value: (p) => p.trafficDone },
  { csv: "traffic_in_scope_per_day", header: "Traffic in scope/day", value: (p) => p.trafficScope },
];

export const FLOW_COLUMNS: ChartColumn<FlowRow>[] = [
  { csv: "day", header: "Day", value: (p) => p.day, kind: "text" },
  ...STATUS_ORDER.map((s): ChartColumn<FlowRow> => ({ csv: STATUS_LABELS[s], header: STATUS_LABELS[s], value: (p) => p[s] })),
];

export const QUADRANT_COLUMNS: ChartColumn<Dot>[] = [
  { csv: "route", header: "Route", value: (p) => p.key ?? "", kind: "text", show: (p) => p.key ?? "(group)" },
  { csv: "status", header: "Status", value: (p) => STATUS_LABELS[p.status], kind: "text" },
  { csv: "complexity", header: "Complexity", value: (p) => p.complexity, kind: "text" },
  { csv: "traffic_min", header: "Traffic/day from", value: (p) => p.trafficMin },
  { csv: "traffic_max", header: "Traffic/day to", value: (p) => p.trafficMax },
  { csv: "routes", header: "Routes", value: (p) => p.count },
];

export const OWNER_COLUMNS: ChartColumn<OwnerRow>[] = [
  { csv: "owner", header: "Owner", value: (o) => o.name, kind: "text" },
  ...STATUS_ORDER.map((s): ChartColumn<OwnerRow> => ({ csv: STATUS_LABELS[s], header: STATUS_LABELS[s], value: (o) => o.counts[s] })),
  { csv: "remaining", header: "Remaining", value: (o) => o.remaining },
  { csv: "remaining_traffic_per_day", header: "Remaining traffic/day", value: (o) => o.remainingTraffic },
  { csv: "stale_claims", header: "Stale claims", value: (o) => o.staleClaims },
];

export const READINESS_COLUMNS: ChartColumn<ReadinessCount>[] = [
  { csv: "readiness", header: "Readiness", value: (c) => c.label, kind: "text" },
  { csv: "dependencies", header: "Dependencies", value: (c) => c.count },
];

export const BLOCKING_COLUMNS: ChartColumn<BlockingRow>[] = [
  { csv: "dependency", header: "Dependency", value: (b) => b.key, kind: "text" },
  { csv: "readiness", header: "Readiness", value: (b) => (b.readiness ? READINESS_LABELS[b.readiness] : ""), kind: "text" },
  { csv: "replacement", header: "Replacement", value: (b) => b.replacement ?? "", kind: "text" },
  { csv: "open_routes", header: "Open routes", value: (b) => b.routes },
  { csv: "traffic_per_day", header: "Traffic/day", value: (b) => b.trafficPerDay },
];

/** A share (0–1) to four decimals, still a number: the CSV writes numbers raw and text escaped. */
const share = (x: number) => Math.round(x * 10_000) / 10_000;

/** The CSV header and rows of a chart's columns. */
export function csvTable<R>(columns: ChartColumn<R>[], rows: R[]): { header: string[]; rows: (string | number)[][] } {
  return {
    header: columns.map((c) => c.csv),
    rows: rows.map((r) => columns.map((c) => (c.kind === "share" ? share(Number(c.value(r))) : c.value(r)))),
  };
}

const number = new Intl.NumberFormat("en");
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

/** The table's header and formatted cells of a chart's columns. */
export function displayTable<R>(columns: ChartColumn<R>[], rows: R[]): { header: string[]; rows: string[][] } {
  return {
    header: columns.map((c) => c.header),
    rows: rows.map((r) =>
      columns.map((c) => {
        if (c.show) return c.show(r);
        const v = c.value(r);
        if (c.kind === "text" || typeof v === "string") return String(v);
        return c.kind === "share" ? percent.format(v) : number.format(v);
      }),
    ),
  };
}
