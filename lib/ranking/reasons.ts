import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { coverageBand, KIND_SINGULAR } from "@/lib/inventory/labels";
import { countOf } from "@/lib/format";

/**
 * The wording of the ranking's explanations. The common strings (shares, complexity, coverage,
 * blocker counts) are made once per process and reused; the rest once per item or per blocker.
 */

// Shares are shown to one decimal of a percent; the strings are made once per tenth.
const shareTexts: string[] = [];

/** A share (0–1) as a percentage with one decimal: "4.2%", "12%", "under 0.1%", "0%". */
export function formatShare(share: number): string {
  if (!(share > 0)) return "0%";
  const tenths = Math.round(Math.min(1, share) * 1000);
  if (tenths === 0) return "under 0.1%";
  return (shareTexts[tenths] ??= `${tenths / 10}%`);
}

/** 12345 → "12,345", without Intl (an order of magnitude cheaper, and the same in every locale). */
export function formatCount(n: number): string {
  const r = Math.round(n);
  const digits = String(Math.abs(r));
  let out = "";
  for (let i = digits.length; i > 0; i -= 3) out = out ? `${digits.slice(Math.max(0, i - 3), i)},${out}` : digits.slice(Math.max(0, i - 3), i);
  return r < 0 ? `-${out}` : out;
}

const plural = countOf;

const carriesTexts = new Map<string, string>();
export function trafficLabel(kind: ItemKind, share: number, traffic: number, routes: number): string {
  if (kind === "ROUTE") {
    if (!(traffic > 0)) return "carries no traffic";
    const text = formatShare(share);
    let label = carriesTexts.get(text);
    if (label === undefined) carriesTexts.set(text, (label = `carries ${text} of traffic`));
    return label;
  }
  return routes > 0 ? `unblocks ${plural(routes, "route", "routes")}, ${formatShare(share)} of traffic` : "unblocks no open route";
}

const complexityLabels = [1, 2, 3, 4, 5].map((c) => `complexity ${c}/5`);
export function complexityLabel(complexity: number): string {
  return Number.isInteger(complexity) && complexity >= 1 && complexity <= 5
    ? complexityLabels[complexity - 1]
    : `complexity ${Math.round(complexity * 10) / 10}/5`;
}

const testsLabels = new Map<number, string>();
export function testsLabel(coverage: number | null): string {
  if (coverage === null || !Number.isFinite(coverage)) return "test coverage unknown";
  const c = Math.min(100, Math.max(0, Math.round(coverage)));
  let label = testsLabels.get(c);
  if (label === undefined) {
    const band = coverageBand(c);
    label = band === "none" ? "no tests" : `${band === "good" ? "good" : "weak"} tests (${c}% coverage)`;
    testsLabels.set(c, label);
  }
  return label;
}

/** "needs 2 unported modules", "needs 1 unported module and 1 unready dependency". */
const dependenciesTexts = new Map<number, string>();
export function dependenciesLabel(routes: number, modules: number, dependencies: number): string {
  const cacheable = routes < 1000 && modules < 1000 && dependencies < 1000;
  const key = routes * 1e6 + modules * 1e3 + dependencies;
  const cached = cacheable ? dependenciesTexts.get(key) : undefined;
  if (cached !== undefined) return cached;
  const label = buildDependenciesLabel(routes, modules, dependencies);
  if (cacheable) dependenciesTexts.set(key, label);
  return label;
}
function buildDependenciesLabel(routes: number, modules: number, dependencies: number): string {
  const parts: string[] = [];
  if (modules > 0) parts.push(plural(modules, "unported module", "unported modules"));
  if (dependencies > 0) parts.push(plural(dependencies, "unready dependency", "unready dependencies"));
  if (routes > 0) parts.push(plural(routes, "unported route", "unported routes"));
  return parts.length === 0 ? "needs nothing unported" : `needs ${parts.join(" and ")}`;
}

export function sizeLabel(size: number | null): string {
  return size == null ? "size unknown" : `size ${formatCount(size)}`;
}

// What still has to happen to a blocker, in the words of the issue: "not ported", "upgrade needed".
const STATUS_PHRASE: Record<PortStatus, string> = {
  NOT_STARTED: "not ported",
  IN_PROGRESS: "port in progress",
  PORTED: "ported",
  VERIFIED: "verified",
  RETIRED: "retired",
  WONT_PORT: "won't be ported",
};
const READINESS_PHRASE: Record<Readiness, string> = {
  UNKNOWN: "readiness unknown",
  UPGRADE_NEEDED: "upgrade needed",
  REPLACE: "to be replaced",
  REMOVE: "to be removed",
  COMPATIBLE: "compatible",
};

/** "needs module app/billing, not ported", "needs dependency requests, upgrade needed". */
export function blockerLine(kind: ItemKind, key: string, status: PortStatus, readiness: Readiness | null): string {
  const phrase = kind === "DEPENDENCY" ? READINESS_PHRASE[readiness ?? "UNKNOWN"] : STATUS_PHRASE[status];
  return `needs ${KIND_SINGULAR[kind]} ${key}, ${phrase}`;
}

/** How many blocker lines an item lists before "and N more". */
export const MAX_BLOCKER_LINES = 5;
export const moreBlockersLine = (more: number) => `and ${plural(more, "more blocker", "more blockers")}`;

export const PILOT_REASON = "pilot: a low-traffic, low-complexity route with nothing blocking it, to prove deployment, sessions and the switch end to end";
export const PILOT_NO_TRAFFIC_REASON = "no traffic, so it cannot prove the switch with real requests; the simplest unblocked route all the same";
export const UNOWNED_REASON = "no owner: neither a team nor a person owns it";

/** "long tail: less than 0.1% of traffic at complexity 5/5"; the threshold to two significant digits. */
export function longTailReason(maxShare: number, complexity: number): string {
  return `long tail: less than ${Number((maxShare * 100).toPrecision(2))}% of traffic at ${complexityLabel(complexity)}`;
}
