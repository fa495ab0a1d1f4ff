// `npm run bench`: runs every benchmark and prints its figures. Record results in docs/BENCHMARKS.md.
import os from "node:os";
import { foundation } from "./foundation.bench";
import { inventoryList } from "./inventory-list.bench";
import { accessLogImport, accessLogImportCli } from "./access-log-import.bench";
import { accessLogCount } from "./access-log.bench";
import { ranking } from "./ranking.bench";
import { dashboard } from "./dashboard.bench";
import { sourceImport } from "./source-import.bench";
import { tableImport } from "./table-import.bench";
import { replayCli } from "./replay.bench";
import { repositoryScan } from "./repository-scan.bench";
import { repositoryScanEndToEnd } from "./repository-scan-e2e.bench";
import { routingEndpoint, routingExport } from "./routing.bench";
import { itemSearch } from "./item-search.bench";
import { notifications } from "./notifications.bench";
import { getBrief } from "./brief.bench";
import type { Benchmark } from "./harness";

// One per line, so that a new benchmark is a one-line change.
const ALL: Benchmark[] = [
  foundation,
  inventoryList,
  accessLogCount,
  accessLogImport,
  accessLogImportCli,
  ranking,
  dashboard,
  sourceImport,
  tableImport,
  replayCli,
  repositoryScan,
  repositoryScanEndToEnd,
  routingExport,
  routingEndpoint,
  itemSearch,
  notifications,
  getBrief,
];

const only = process.argv[2];
console.log(
  `Waypoint benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
);
for (const bench of ALL.filter((b) => !only || b.name.includes(only))) {
  console.log(`\n## ${bench.name}`);
  const figures = await bench.run();
  for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(52)} ${value}`);
}
process.exit(0);
