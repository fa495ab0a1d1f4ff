/**
 * Evidence in words, for the item page, the inventory column and the gate's refusal. Pure (no
 * database, no clock: "now" is passed in), so client components may use it too.
 */
import type { GateName } from "@/lib/evidence/gates";
import type { Comparison, EvidenceConclusion, Measured } from "@/lib/evidence/schemas";

export const GATE_TITLES: Record<GateName, string> = { verified: "Verified gate", switchToNew: "Switch-to-new gate" };
/** What a gate guards, as a verb phrase: "mark it verified", "switch it to new". */
export const GATE_ACTIONS: Record<GateName, string> = { verified: "mark verified", switchToNew: "switch to new" };

const SYMBOLS: Record<Comparison, string> = { "<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "=" };

const num = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en") : String(Math.round(n * 1000) / 1000));
const withUnit = (n: number, unit?: string) => (unit ? `${num(n)}${unit === "%" ? " %" : ` ${unit}`}` : num(n));

/**
 * A measured value beside its threshold: "mismatch 0.4 % ≤ 1 %", "p95 latency 180 ms ≤ 250 ms",
 * "120 tests". A replay's value is its mismatch share; other kinds show the value as it came.
 */
export function measuredText(kind: string, measured: Measured | null | undefined): string | null {
  if (!measured) return null;
  const label = kind === "replay" ? "mismatch " : "";
  let text = `${label}${withUnit(measured.value, measured.unit)}`;
  if (measured.threshold !== undefined) text += ` ${SYMBOLS[measured.comparison ?? "<="]} ${withUnit(measured.threshold, measured.unit)}`;
  if (measured.sampleSize !== undefined && !(kind === "tests" && measured.unit === "tests" && measured.sampleSize === measured.value)) {
    text += ` over ${num(measured.sampleSize)} ${kind === "replay" ? "requests" : kind === "tests" ? "tests" : "samples"}`;
  }
  return text;
}

export type ConclusionTone = "pass" | "fail" | "neutral" | "pending";

/** A record's outcome as a badge: its conclusion, or the run's state while it has none. */
export function conclusionBadge(status: string, conclusion: string | null | undefined): { label: string; tone: ConclusionTone } {
  if (status !== "completed") return { label: status === "queued" ? "queued" : "running", tone: "pending" };
  switch (conclusion as EvidenceConclusion | null | undefined) {
    case "success":
      return { label: "success", tone: "pass" };
    case "failure":
      return { label: "failure", tone: "fail" };
    case "neutral":
      return { label: "neutral", tone: "neutral" };
    default:
      return { label: "inconclusive", tone: "neutral" };
  }
}

const time = (v: Date | string | null | undefined) => (v == null ? null : v instanceof Date ? v.getTime() : Date.parse(v));

/** Whether a record no longer counts: its expiry has passed. */
export function isExpired(expiresAt: Date | string | null | undefined, now: Date): boolean {
  const t = time(expiresAt);
  return t !== null && t <= now.getTime();
}

export type EvidenceTally = { pass: number; fail: number; other: number };

/**
 * The latest result per check, counted: an expired success counts as "other" (it no longer
 * speaks for the item), as do neutral, inconclusive and unfinished runs.
 */
export function tallyLatest(latest: readonly { status: string; conclusion: string | null; expiresAt: Date | string | null }[], now: Date): EvidenceTally {
  const tally = { pass: 0, fail: 0, other: 0 };
  for (const r of latest) {
    if (r.status === "completed" && r.conclusion === "failure") tally.fail++;
    else if (r.status === "completed" && r.conclusion === "success" && !isExpired(r.expiresAt, now)) tally.pass++;
    else tally.other++;
  }
  return tally;
}

/** "3 ✓ / 1 ✗", "2 ✓", "none": the inventory's evidence column. */
export function tallyText(t: EvidenceTally): string {
  if (t.pass + t.fail + t.other === 0) return "none";
  const parts = [t.pass ? `${t.pass} ✓` : null, t.fail ? `${t.fail} ✗` : null, t.other ? `${t.other} ?` : null].filter(Boolean);
  return parts.join(" / ");
}

/** The same in a sentence, for screen readers and the cell's title. */
export function tallySentence(t: EvidenceTally): string {
  if (t.pass + t.fail + t.other === 0) return "No evidence yet";
  const parts = [
    t.pass ? `${t.pass} passing` : null,
    t.fail ? `${t.fail} failing` : null,
    t.other ? `${t.other} expired, neutral or inconclusive` : null,
  ].filter(Boolean);
  return `Latest per check: ${parts.join(", ")}`;
}

/** The first line of a gate's refusal: "The Verified gate is not met for GET /orders (2 things missing)." */
export function refusalHeadline(gate: GateName, unmet: readonly { key: string; missing: readonly unknown[] }[], unmetCount: number): string {
  if (unmetCount <= 1 && unmet.length === 1) {
    const n = unmet[0].missing.length;
    return `The ${GATE_TITLES[gate]} is not met for ${unmet[0].key}: ${n} thing${n === 1 ? "" : "s"} missing.`;
  }
  return `The ${GATE_TITLES[gate]} is not met for ${unmetCount.toLocaleString("en")} items.`;
}
