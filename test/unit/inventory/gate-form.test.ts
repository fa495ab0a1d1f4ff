import { describe, expect, test } from "vitest";
import { gateConfigSchema } from "@/lib/evidence/gates";
import { blankRequirement, formToGateConfig, gateConfigToForm, profilesFromText, requirementFromForm, type RequirementForm } from "@/lib/projects/gate-form";

const req = (over: Partial<RequirementForm>): RequirementForm => ({ ...blankRequirement(), ...over });

describe("requirementFromForm", () => {
  test.each([
    [req({ kind: "smoke" }), { kind: "smoke" }],
    [req({ kind: "smoke", everyProfile: true, name: "  home  ", maxAgeDays: "7" }), { kind: "smoke", everyProfile: true, name: "home", maxAgeDays: 7 }],
    [req({ kind: "replay", numbers: { maxMismatchPercent: "1", minRequests: "500" } }), { kind: "replay", maxMismatchPercent: 1, minRequests: 500 }],
    [req({ kind: "tests", conclusion: "neutral", numbers: { minTests: "10" } }), { kind: "tests", conclusion: "neutral", minTests: 10 }],
    [req({ kind: "custom", numbers: { maxValue: "250", minValue: "", minSampleSize: " 30 " } }), { kind: "custom", maxValue: 250, minSampleSize: 30 }],
    // Numbers of another kind are kept in the form but not sent.
    [req({ kind: "tests", everyProfile: true, numbers: { maxMismatchPercent: "1" } }), { kind: "tests" }],
    // Not a number: sent as typed, for the server to name the field.
    [req({ kind: "smoke", maxAgeDays: "a week" }), { kind: "smoke", maxAgeDays: "a week" }],
  ])("%j → %j", (form, expected) => {
    expect(requirementFromForm(form)).toEqual(expected);
  });
});

test.each([
  ["", undefined],
  ["anonymous", ["anonymous"]],
  ["anonymous, patron,, admin patron", ["anonymous", "patron", "admin"]],
])("profilesFromText(%j)", (text, expected) => {
  expect(profilesFromText(text)).toEqual(expected);
});

test("a configuration survives the form both ways, and the server's schema accepts what the form sends", () => {
  const config = gateConfigSchema.parse({
    profiles: ["anonymous", "patron"],
    verified: [
      { kind: "smoke", everyProfile: true, maxAgeDays: 7 },
      { kind: "replay", maxMismatchPercent: 0.5, minRequests: 1000 },
    ],
    switchToNew: [
      { kind: "smoke", profiles: ["admin"] },
      { kind: "custom", name: "p95", maxValue: 250, conclusion: "neutral" },
    ],
  });
  const sent = formToGateConfig(gateConfigToForm(config));
  expect(gateConfigSchema.parse(sent)).toEqual(config);
});

test("a bad number comes back from the schema at its field", () => {
  const result = gateConfigSchema.safeParse(formToGateConfig({ profiles: "", verified: [req({ maxAgeDays: "0" })], switchToNew: [] }));
  expect(result.success).toBe(false);
  expect(result.error?.issues[0].path).toEqual(["verified", 0, "maxAgeDays"]);
});
