import {
  BLOCKING_COLUMNS,
  BURNUP_COLUMNS,
  csvTable,
  FLOW_COLUMNS,
  OWNER_COLUMNS,
  QUADRANT_COLUMNS,
  READINESS_COLUMNS,
  TRAFFIC_COLUMNS,
  type ChartColumn,
} from "./chart-columns";
import type { Dashboard } from "./dashboard";
import { toCsv } from "@/lib/csv/write";

export const CHARTS = ["burnup", "traffic", "flow", "quadrant", "owners", "dependencies", "blocking", "activity"] as const;
export type ChartName = (typeof CHARTS)[number];

function csv<R>(columns: ChartColumn<R>[], rows: R[]): string {
  const table = csvTable(columns, rows);
  return toCsv(table.header, table.rows);
}

/** The data behind one chart of the dashboard, as CSV: what the chart draws, one row per point. */
export function chartCsv(d: Dashboard, chart: ChartName): string {
  switch (chart) {
    case "burnup":
      return csv(BURNUP_COLUMNS, d.series.burnUp);
    case "traffic":
      return csv(TRAFFIC_COLUMNS, d.series.traffic);
    case "flow":
      return csv(FLOW_COLUMNS, d.series.flow);
    case "quadrant":
      return csv(QUADRANT_COLUMNS, d.quadrant.dots);
    case "owners":
      return csv(OWNER_COLUMNS, d.owners);
    case "dependencies":
      return csv(READINESS_COLUMNS, d.readiness.counts);
    case "blocking":
      return csv(BLOCKING_COLUMNS, d.readiness.blocking);
    case "activity":
      return toCsv(
        ["at", "item", "kind", "field", "from", "to", "by"],
        d.activity.rows.map((r) => [r.at, r.itemKey, r.itemKind, r.field, r.fromValue, r.toValue, r.actorName ?? ""]),
      );
  }
}
