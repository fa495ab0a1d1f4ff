/**
 * Gates: which evidence an item needs to become Verified, and to be switched to the new stack.
 *
 * Pure: the caller passes the item's evidence (records already resolved to the item) and `now`.
 * The rules:
 *   - per requirement, only its kind (and name, when it names one) counts;
 *   - the latest completed record per (kind, name, profile) speaks for that check — an older
 *     success never outvotes a newer failure; queued and in-progress runs are not results;
 *   - a latest record that has expired, or is older than the requirement's `maxAgeDays`, counts
 *     for nothing (it is not replaced by an older one);
 *   - inconclusive never promotes; neutral does only where the requirement accepts it;
 *   - every latest check of the requirement must pass, and there must be at least one (for a
 *     smoke requirement with `everyProfile`, at least one per profile).
 * An unmet gate lists each missing piece with the reason and how to get it: the 409's body.
 */
import { z } from "zod";
import type { PortStatusName } from "@/lib/import/types";
import type { EvidenceConclusion, EvidenceKind, EvidenceStatus, Measured } from "./schemas";

const DAY_MS = 86_400_000;

const nameField = z.string().trim().min(1).max(200).optional();
const maxAgeDays = z
  .number()
  .int("maxAgeDays is a whole number of days.")
  .min(1, "maxAgeDays is at least 1.")
  .max(3650, "maxAgeDays is at most 3,650.")
  .optional();
/** The worst conclusion accepted: success (the default), or neutral too. */
const conclusion = z.enum(["success", "neutral"], { error: "conclusion is success or neutral (success or neutral accepted)." }).default("success");
const profileName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "A profile name holds letters, digits, _ . and - only.");
const nonNegative = (what: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .finite()
    .min(0, `${what} is at least 0.`);

const base = { name: nameField, maxAgeDays, conclusion };

export const requirementSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("tests"), ...base, minTests: z.number().int().min(1).optional() }).strict(),
    z
      .object({
        kind: z.literal("smoke"),
        ...base,
        /** One passing smoke check per profile: the gate's `profiles`, or else every profile seen. */
        everyProfile: z.boolean().optional(),
        /** The profiles this requirement needs, overriding the gate's. */
        profiles: z.array(profileName).min(1).max(20).optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal("replay"),
        ...base,
        maxMismatchPercent: nonNegative("maxMismatchPercent").max(100, "maxMismatchPercent is at most 100.").optional(),
        minRequests: z.number().int().min(1).max(1e9).optional(),
      })
      .strict(),
    ...(["visual", "manual", "custom"] as const).map((kind) =>
      z
        .object({
          kind: z.literal(kind),
          ...base,
          maxValue: z.number().finite().optional(),
          minValue: z.number().finite().optional(),
          minSampleSize: z.number().int().min(1).optional(),
        })
        .strict(),
    ),
  ],
  { error: "Each requirement has a kind: tests, smoke, replay, visual, manual or custom." },
);
export type Requirement = z.output<typeof requirementSchema>;
export type RequirementInput = z.input<typeof requirementSchema>;

const requirements = z.array(requirementSchema).max(20, "At most 20 requirements per gate.").default([]);

/** A project's gates, as stewards edit them. Empty lists: no evidence needed. */
export const gateConfigSchema = z
  .object({
    /** The user profiles a smoke requirement with `everyProfile` needs ("anonymous", "patron"…). */
    profiles: z.array(profileName).max(20).optional(),
    verified: requirements,
    switchToNew: requirements,
  })
  .strict();
export type GateConfig = z.output<typeof gateConfigSchema>;
export type GateConfigInput = z.input<typeof gateConfigSchema>;
export type GateName = "verified" | "switchToNew";

export type Gate = { requirements: Requirement[]; profiles?: string[] };

export function gateFor(config: GateConfig, name: GateName): Gate {
  return { requirements: config[name], profiles: config.profiles };
}

/** A stored record as the gate reads it (the lead's model maps onto this). */
export type GateEvidence = {
  kind: EvidenceKind;
  name: string;
  profile?: string | null;
  status: EvidenceStatus;
  conclusion?: EvidenceConclusion | null;
  measured?: Measured | null;
  observedAt: Date | string;
  expiresAt?: Date | string | null;
  /** When the server stored it: breaks a tie between two records observed at the same instant. */
  receivedAt?: Date | string | null;
};

export type Missing = {
  /** The requirement in words: "replay: mismatch ≤ 1 % over ≥ 500 requests, within 7 days". */
  requirement: string;
  /** Its position in the gate's list. */
  index: number;
  /** What is wrong: none yet, failed, expired, too old, inconclusive, over the threshold… */
  reason: string;
  /** The command or call that produces the evidence. */
  howToGet: string;
  profile?: string;
};

export type GateResult = { met: boolean; missing: Missing[] };

/** What `howToGet` can name: the project and the item, when the caller knows them. */
export type GateContext = { projectId?: string; itemKey?: string };

const ms = (value: Date | string | null | undefined): number | null => (value == null ? null : value instanceof Date ? value.getTime() : Date.parse(value));
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function evaluateGate(gate: Gate, evidence: readonly GateEvidence[], now: Date, context: GateContext = {}): GateResult {
  const missing: Missing[] = [];
  gate.requirements.forEach((req, index) => {
    const label = describeRequirement(req, gate);
    const add = (reason: string, profile?: string) =>
      missing.push({ requirement: label, index, reason, howToGet: howToGet(req, context, profile), ...(profile !== undefined && { profile }) });
    const ofKind = evidence.filter((e) => e.kind === req.kind && (req.name === undefined || e.name === req.name));
    const latest = latestPerCheck(ofKind);
    const running = ofKind.some((e) => e.status !== "completed");
    const none = (what: string) => `${what}${running ? " (a run is queued or in progress: its result will count once completed)" : ""}`;

    if (req.kind === "smoke" && (req.everyProfile || req.profiles)) {
      const profiles = req.profiles ?? gate.profiles ?? [...new Set(latest.flatMap((e) => (e.profile ? [e.profile] : [])))].sort();
      if (profiles.length === 0) add(none("no smoke evidence for any profile yet"));
      for (const profile of profiles) {
        const checks = latest.filter((e) => e.profile === profile);
        if (checks.length === 0) add(none(`no smoke evidence as profile ${profile}`), profile);
        for (const check of checks) {
          const reason = judge(check, req, now);
          if (reason) add(reason, profile);
        }
      }
      return;
    }
    if (latest.length === 0) {
      add(none(`no ${req.kind} evidence${req.name ? ` named "${req.name}"` : ""} yet`));
      return;
    }
    for (const check of latest) {
      const reason = judge(check, req, now);
      if (reason) add(reason, check.profile ?? undefined);
    }
  });
  return { met: missing.length === 0, missing };
}

/** Order: observed later wins; then received later; then the worse conclusion (deterministic). */
const CONCLUSION_RANK: Record<EvidenceConclusion, number> = { failure: 3, inconclusive: 2, neutral: 1, success: 0 };
function isLater(a: GateEvidence, b: GateEvidence): boolean {
  const ao = ms(a.observedAt) ?? 0;
  const bo = ms(b.observedAt) ?? 0;
  if (ao !== bo) return ao > bo;
  const ar = ms(a.receivedAt) ?? 0;
  const br = ms(b.receivedAt) ?? 0;
  if (ar !== br) return ar > br;
  return CONCLUSION_RANK[a.conclusion ?? "inconclusive"] > CONCLUSION_RANK[b.conclusion ?? "inconclusive"];
}

/** The latest completed record per (kind, name, profile). */
export function latestPerCheck<E extends GateEvidence>(evidence: readonly E[]): E[] {
  const latest = new Map<string, E>();
  for (const e of evidence) {
    if (e.status !== "completed") continue;
    const key = JSON.stringify([e.kind, e.name, e.profile ?? ""]);
    const seen = latest.get(key);
    if (!seen || isLater(e, seen)) latest.set(key, e);
  }
  return [...latest.values()];
}

const what = (e: GateEvidence) => `the latest ${e.kind} "${e.name}"${e.profile ? ` as ${e.profile}` : ""}`;
const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString("en") : String(Math.round(n * 100) / 100));

/** Why this latest record does not satisfy the requirement, or null when it does. */
function judge(e: GateEvidence, req: Requirement, now: Date): string | null {
  const nowMs = now.getTime();
  const observed = ms(e.observedAt) ?? 0;
  const expires = ms(e.expiresAt);
  if (expires !== null && expires <= nowMs) return `${what(e)} expired on ${day(expires)}`;
  if (req.maxAgeDays !== undefined && nowMs - observed > req.maxAgeDays * DAY_MS) {
    return `${what(e)} is from ${day(observed)}, ${Math.floor((nowMs - observed) / DAY_MS)} days ago; this gate takes evidence up to ${req.maxAgeDays} days old`;
  }
  switch (e.conclusion) {
    case "failure":
      return `${what(e)} failed (${day(observed)}${e.measured ? `; measured ${describeMeasured(e.measured)}` : ""})`;
    case "inconclusive":
    case null:
    case undefined:
      return `${what(e)} was inconclusive (${day(observed)}); inconclusive evidence never promotes`;
    case "neutral":
      if (req.conclusion !== "neutral") return `${what(e)} was neutral (${day(observed)}); this gate needs success`;
  }
  const m = e.measured ?? null;
  const needMeasured = (field: string) => `${what(e)} has no measured ${field}`;
  if (req.kind === "replay") {
    if (req.maxMismatchPercent !== undefined) {
      if (!m) return needMeasured("mismatch");
      if (m.value > req.maxMismatchPercent) return `${what(e)} measured ${fmt(m.value)} % mismatch; at most ${fmt(req.maxMismatchPercent)} % allowed`;
    }
    if (req.minRequests !== undefined && (m?.sampleSize ?? 0) < req.minRequests) {
      return `${what(e)} replayed ${fmt(m?.sampleSize ?? 0)} requests; at least ${fmt(req.minRequests)} needed`;
    }
  } else if (req.kind === "tests") {
    if (req.minTests !== undefined && (m?.sampleSize ?? 0) < req.minTests)
      return `${what(e)} ran ${fmt(m?.sampleSize ?? 0)} tests; at least ${fmt(req.minTests)} needed`;
  } else if (req.kind !== "smoke") {
    if (req.maxValue !== undefined || req.minValue !== undefined) {
      if (!m) return needMeasured("value");
      if (req.maxValue !== undefined && m.value > req.maxValue)
        return `${what(e)} measured ${fmt(m.value)}${m.unit ? ` ${m.unit}` : ""}; at most ${fmt(req.maxValue)} allowed`;
      if (req.minValue !== undefined && m.value < req.minValue)
        return `${what(e)} measured ${fmt(m.value)}${m.unit ? ` ${m.unit}` : ""}; at least ${fmt(req.minValue)} needed`;
    }
    if (req.minSampleSize !== undefined && (m?.sampleSize ?? 0) < req.minSampleSize)
      return `${what(e)} is over ${fmt(m?.sampleSize ?? 0)} samples; at least ${fmt(req.minSampleSize)} needed`;
  }
  return null;
}

const GLYPH: Record<string, string> = { "<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "=" };

/** "100 % against ≤ 1 %, over 20": the figure a record reports, next to its threshold. */
export function describeMeasured(m: Measured): string {
  const unit = m.unit ? (m.unit === "%" ? " %" : ` ${m.unit}`) : "";
  const threshold = m.threshold !== undefined ? ` against ${GLYPH[m.comparison ?? "<="]} ${fmt(m.threshold)}${unit}` : "";
  return `${fmt(m.value)}${unit}${threshold}${m.sampleSize !== undefined ? `, over ${fmt(m.sampleSize)}` : ""}`;
}

export function describeRequirement(req: Requirement, gate: Pick<Gate, "profiles"> = {}): string {
  const parts: string[] = [];
  const outcome = req.conclusion === "neutral" ? "success or neutral" : "success";
  const named = req.name ? ` "${req.name}"` : "";
  switch (req.kind) {
    case "tests":
      parts.push(`tests${named}: ${outcome}${req.minTests ? ` over ≥ ${fmt(req.minTests)} tests` : ""}`);
      break;
    case "smoke": {
      const profiles = req.profiles ?? (req.everyProfile ? gate.profiles : undefined);
      parts.push(`smoke${named}: ${outcome}${profiles ? ` as ${profiles.join(", ")}` : req.everyProfile ? " as every profile" : ""}`);
      break;
    }
    case "replay": {
      const measures = [
        req.maxMismatchPercent !== undefined && `mismatch ≤ ${fmt(req.maxMismatchPercent)} %`,
        req.minRequests !== undefined && `over ≥ ${fmt(req.minRequests)} requests`,
      ].filter(Boolean);
      parts.push(`replay${named}: ${measures.length ? measures.join(" ") : outcome}`);
      break;
    }
    default: {
      const measures = [
        req.maxValue !== undefined && `value ≤ ${fmt(req.maxValue)}`,
        req.minValue !== undefined && `value ≥ ${fmt(req.minValue)}`,
        req.minSampleSize !== undefined && `over ≥ ${fmt(req.minSampleSize)} samples`,
      ].filter(Boolean);
      parts.push(`${req.kind}${named}: ${outcome}${measures.length ? `, ${measures.join(", ")}` : ""}`);
    }
  }
  if (req.maxAgeDays !== undefined) parts.push(`within ${req.maxAgeDays} day${req.maxAgeDays === 1 ? "" : "s"}`);
  return parts.join(", ");
}

function howToGet(req: Requirement, context: GateContext, profile?: string): string {
  const project = context.projectId ?? "<project id>";
  const routes = context.itemKey ? ` --routes "${context.itemKey}"` : "";
  switch (req.kind) {
    case "tests":
      return `Run the tests in CI and post the JUnit report: POST /api/v1/projects/${project}/evidence with a token of the evidence scope and {"name": ${JSON.stringify(req.name ?? "tests")}, "items": [...], "junit": "<report XML>"} (README, "Evidence from CI").`;
    case "smoke":
      return `npx waypoint smoke --project ${project} --base-url <new stack URL>${routes} --profile ${profile ? (profile === "anonymous" ? "anonymous" : `${profile}:cookie=<session cookie>`) : "<name>[:cookie=…|:header=…]"}`;
    case "replay":
      return `npx waypoint replay --project ${project} --log <access log> --legacy <legacy URL> --new <new URL>${req.minRequests ? ` --sample ${Math.max(req.minRequests, 10_000)}` : ""} (the route needs ≥ ${fmt(req.minRequests ?? 1)} sampled requests)`;
    default:
      return `Post a ${req.kind} record${req.name ? ` named "${req.name}"` : ""}: POST /api/v1/projects/${project}/evidence with a token of the evidence scope.`;
  }
}

// ───────────────────────────── status and ranking ─────────────────────────────

export type AttentionResult = { needsAttention: boolean; reason: string | null };

/**
 * Whether a newly recorded result moves a Verified item to "needs attention": a completed failure
 * that is the latest of its check (a late re-post of an old failure, overtaken by a newer result
 * of the same check, does not). `others` are the item's other records of the same or any kind.
 */
export function afterFailure(currentStatus: PortStatusName, record: GateEvidence, others: readonly GateEvidence[] = [], now?: Date): AttentionResult {
  const no = { needsAttention: false, reason: null };
  if (currentStatus !== "VERIFIED") return no;
  if (record.status !== "completed" || record.conclusion !== "failure") return no;
  const expires = ms(record.expiresAt);
  if (now && expires !== null && expires <= now.getTime()) return no;
  const sameCheck = others.filter((o) => o.kind === record.kind && o.name === record.name && (o.profile ?? "") === (record.profile ?? ""));
  if (sameCheck.some((o) => o.status === "completed" && o !== record && isLater(o, record))) return no;
  return { needsAttention: true, reason: `${what(record)} failed after the item was verified (${day(ms(record.observedAt) ?? 0)})` };
}

/**
 * The ranking's hint: a ported item (not yet verified) without passing evidence is a next target
 * for verification. With a gate, "passing" means the Verified gate is met; without one, that some
 * check's latest record is a success that has not expired.
 */
export function needsVerification(
  item: { status: PortStatusName },
  evidence: readonly GateEvidence[],
  now: Date,
  gate?: Gate,
): { needed: boolean; reason: string | null } {
  if (item.status !== "PORTED") return { needed: false, reason: null };
  if (gate && gate.requirements.length > 0) {
    const result = evaluateGate(gate, evidence, now);
    return result.met
      ? { needed: false, reason: null }
      : { needed: true, reason: `ported, but the Verified gate is not met: ${result.missing.map((m) => m.reason).join("; ")}` };
  }
  const passing = latestPerCheck(evidence).some((e) => e.conclusion === "success" && !((ms(e.expiresAt) ?? Infinity) <= now.getTime()));
  if (passing) return { needed: false, reason: null };
  return { needed: true, reason: evidence.length === 0 ? "ported without any evidence" : "ported, but no check's latest result is a current success" };
}
