import { READINESS_LABELS, STATUS_LABELS, STATUS_ORDER } from "@/lib/inventory/labels";
import type { Dashboard } from "./dashboard";
import { toCsv } from "@/lib/csv/write";

export const CHARTS = ["burnup", "traffic", "flow", "quadrant", "owners", "dependencies", "blocking", "activity"] as const;
export type ChartName = (typeof CHARTS)[number];

/** A share (0–1) to four decimals, still a number: the CSV writes numbers raw and text escaped. */
const share = (x: number) => Math.round(x * 10_000) / 10_000;

/** The data behind one chart of the dashboard, as CSV: what the chart draws, one row per point. */
export function chartCsv(d: Dashboard, chart: ChartName): string {
  switch (chart) {
    case "burnup":
      return toCsv(["day", "scope", "ported", "verified"], d.series.burnUp.map((p) => [p.day, p.scope, p.ported, p.verified]));
    case "traffic":
      return toCsv(["day", "traffic_share_on_new_stack", "route_count_share", "traffic_ported_per_day", "traffic_in_scope_per_day"], d.series.traffic.map((p) => [p.day, share(p.share), share(p.countShare), p.trafficDone, p.trafficScope]));
    case "flow":
      return toCsv(["day", ...STATUS_ORDER.map((s) => STATUS_LABELS[s])], d.series.flow.map((p) => [p.day, ...STATUS_ORDER.map((s) => p[s])]));
    case "quadrant":
      return toCsv(["route", "status", "complexity", "traffic_min", "traffic_max", "routes"], d.quadrant.dots.map((p) => [p.key ?? "", STATUS_LABELS[p.status], p.complexity, p.trafficMin, p.trafficMax, p.count]));
    case "owners":
      return toCsv(["owner", ...STATUS_ORDER.map((s) => STATUS_LABELS[s]), "remaining", "remaining_traffic_per_day", "stale_claims"], d.owners.map((o) => [o.name, ...STATUS_ORDER.map((s) => o.counts[s]), o.remaining, o.remainingTraffic, o.staleClaims]));
    case "dependencies":
      return toCsv(["readiness", "dependencies"], d.readiness.counts.map((c) => [c.label, c.count]));
    case "blocking":
      return toCsv(["dependency", "readiness", "replacement", "open_routes", "traffic_per_day"], d.readiness.blocking.map((b) => [b.key, b.readiness ? READINESS_LABELS[b.readiness] : "", b.replacement ?? "", b.routes, b.trafficPerDay]));
    case "activity":
      return toCsv(["at", "item", "kind", "field", "from", "to", "by"], d.activity.rows.map((r) => [r.at, r.itemKey, r.itemKind, r.field, r.fromValue, r.toValue, r.actorName ?? ""]));
  }
}
