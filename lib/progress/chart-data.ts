import type { ChartName } from "./csv";
import type { Dashboard } from "./dashboard";

/** The part of the dashboard one chart draws. */
export function chartData(d: Dashboard, chart: ChartName): unknown {
  switch (chart) {
    case "burnup":
      return d.series.burnUp;
    case "traffic":
      return d.series.traffic;
    case "flow":
      return d.series.flow;
    case "quadrant":
      return d.quadrant;
    case "owners":
      return d.owners;
    case "dependencies":
      return d.readiness.counts;
    case "blocking":
      return d.readiness.blocking;
    case "activity":
      return d.activity;
  }
}
