/**
 * The gates editor's form and the gate configuration (`gateConfigSchema`), both ways. Pure: the
 * editor sends what `formToGateConfig` makes, and the server validates it with the schema, so a
 * bad number reaches the server as typed and comes back as that field's message.
 */
import type { GateConfig, GateName, RequirementInput } from "@/lib/evidence/gates";
import { EVIDENCE_KINDS, type EvidenceKind } from "@/lib/evidence/schemas";

/** The numeric settings a requirement of each kind offers, with their labels. */
export const NUMBER_FIELDS = {
  tests: [{ key: "minTests", label: "At least this many tests" }],
  smoke: [],
  replay: [
    { key: "maxMismatchPercent", label: "Mismatch at most (%)" },
    { key: "minRequests", label: "Over at least this many requests" },
  ],
  visual: [
    { key: "maxValue", label: "Value at most" },
    { key: "minValue", label: "Value at least" },
    { key: "minSampleSize", label: "Over at least this many samples" },
  ],
  manual: [
    { key: "maxValue", label: "Value at most" },
    { key: "minValue", label: "Value at least" },
    { key: "minSampleSize", label: "Over at least this many samples" },
  ],
  custom: [
    { key: "maxValue", label: "Value at most" },
    { key: "minValue", label: "Value at least" },
    { key: "minSampleSize", label: "Over at least this many samples" },
  ],
} as const satisfies Record<EvidenceKind, readonly { key: string; label: string }[]>;

export type NumberKey = "minTests" | "maxMismatchPercent" | "minRequests" | "maxValue" | "minValue" | "minSampleSize";

/** One requirement as the form holds it: text as typed. */
export type RequirementForm = {
  kind: EvidenceKind;
  name: string;
  maxAgeDays: string;
  conclusion: "success" | "neutral";
  everyProfile: boolean;
  /** Kept when the kind changes, sent only for the kinds that take them. */
  numbers: Partial<Record<NumberKey, string>>;
  /** A smoke requirement's own profiles (set through the API): not edited here, kept as they are. */
  profiles?: string[];
};
export type GateForm = { profiles: string; verified: RequirementForm[]; switchToNew: RequirementForm[] };

export const GATE_NAMES: GateName[] = ["verified", "switchToNew"];

export function blankRequirement(kind: EvidenceKind = "smoke"): RequirementForm {
  return { kind, name: "", maxAgeDays: "", conclusion: "success", everyProfile: false, numbers: {} };
}

/** A number as typed: empty is absent; anything else is sent as a number, or as typed when it is not one (the server names the field). */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export function requirementFromForm(f: RequirementForm): RequirementInput {
  const out: Record<string, unknown> = { kind: f.kind };
  if (f.name.trim()) out.name = f.name.trim();
  const age = numberOrText(f.maxAgeDays);
  if (age !== undefined) out.maxAgeDays = age;
  if (f.conclusion === "neutral") out.conclusion = "neutral";
  if (f.kind === "smoke" && f.everyProfile) out.everyProfile = true;
  if (f.kind === "smoke" && f.profiles?.length) out.profiles = f.profiles;
  for (const { key } of NUMBER_FIELDS[f.kind]) {
    const v = numberOrText(f.numbers[key] ?? "");
    if (v !== undefined) out[key] = v;
  }
  return out as RequirementInput;
}

/** "anonymous, patron" → ["anonymous", "patron"]; empty → absent. */
export function profilesFromText(text: string): string[] | undefined {
  const list = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return list.length ? [...new Set(list)] : undefined;
}

export function formToGateConfig(form: GateForm): Record<string, unknown> {
  const profiles = profilesFromText(form.profiles);
  return {
    ...(profiles && { profiles }),
    verified: form.verified.map(requirementFromForm),
    switchToNew: form.switchToNew.map(requirementFromForm),
  };
}

export function gateConfigToForm(config: GateConfig): GateForm {
  const req = (r: GateConfig["verified"][number]): RequirementForm => {
    const numbers: Partial<Record<NumberKey, string>> = {};
    for (const { key } of NUMBER_FIELDS[r.kind]) {
      const v = (r as Partial<Record<NumberKey, number>>)[key];
      if (v !== undefined) numbers[key] = String(v);
    }
    return {
      kind: r.kind,
      name: r.name ?? "",
      maxAgeDays: r.maxAgeDays === undefined ? "" : String(r.maxAgeDays),
      conclusion: r.conclusion,
      everyProfile: r.kind === "smoke" && Boolean(r.everyProfile),
      numbers,
      ...(r.kind === "smoke" && r.profiles ? { profiles: r.profiles } : {}),
    };
  };
  return { profiles: (config.profiles ?? []).join(", "), verified: config.verified.map(req), switchToNew: config.switchToNew.map(req) };
}

export const KIND_OPTIONS: readonly EvidenceKind[] = EVIDENCE_KINDS;
