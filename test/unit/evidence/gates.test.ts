import { describe, expect, test } from "vitest";
import { afterFailure, evaluateGate, gateConfigSchema, gateFor, needsVerification, type Gate, type GateEvidence, describeMeasured } from "@/lib/evidence/gates";
import { fromZod } from "@/lib/errors";

// Gates take `now` as an argument: a fixed instant, whatever the process clock.
const NOW = new Date("2026-06-10T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

const tests = (over: Partial<GateEvidence> = {}): GateEvidence => ({
  kind: "tests",
  name: "unit",
  status: "completed",
  conclusion: "success",
  observedAt: daysAgo(1),
  ...over,
});
const smoke = (profile: string, over: Partial<GateEvidence> = {}): GateEvidence => ({
  kind: "smoke",
  name: "smoke",
  profile,
  status: "completed",
  conclusion: "success",
  observedAt: daysAgo(1),
  ...over,
});
const replay = (mismatch: number, requests: number, over: Partial<GateEvidence> = {}): GateEvidence => ({
  kind: "replay",
  name: "replay",
  status: "completed",
  conclusion: "success",
  measured: { value: mismatch, unit: "%", threshold: 1, comparison: "<=", sampleSize: requests },
  observedAt: daysAgo(1),
  ...over,
});

/** The example gate. */
const config = gateConfigSchema.parse({
  profiles: ["anonymous", "patron", "creator"],
  verified: [
    { kind: "tests", conclusion: "success", maxAgeDays: 7 },
    { kind: "smoke", everyProfile: true },
    { kind: "replay", maxMismatchPercent: 1, minRequests: 500 },
  ],
  switchToNew: [{ kind: "replay", maxMismatchPercent: 0.5, minRequests: 1000, maxAgeDays: 3 }],
});
const verified = gateFor(config, "verified");
const allGood = [tests(), smoke("anonymous"), smoke("patron"), smoke("creator"), replay(0.4, 812)];
const reasons = (gate: Gate, evidence: GateEvidence[]) => evaluateGate(gate, evidence, NOW).missing.map((m) => m.reason);

describe("evaluateGate", () => {
  test("met when every requirement has passing, current evidence", () => {
    expect(evaluateGate(verified, allGood, NOW)).toEqual({ met: true, missing: [] });
  });

  test.each<[string, GateEvidence[], string[]]>([
    [
      "no evidence at all",
      [],
      [
        "no tests evidence yet",
        "no smoke evidence as profile anonymous",
        "no smoke evidence as profile patron",
        "no smoke evidence as profile creator",
        "no replay evidence yet",
      ],
    ],
    ["one profile missing", allGood.filter((e) => e.profile !== "creator"), ["no smoke evidence as profile creator"]],
    [
      "tests too old",
      [tests({ observedAt: daysAgo(8) }), ...allGood.slice(1)],
      ['the latest tests "unit" is from 2026-06-02, 8 days ago; this gate takes evidence up to 7 days old'],
    ],
    ["tests expired", [tests({ expiresAt: daysAgo(0.5) }), ...allGood.slice(1)], ['the latest tests "unit" expired on 2026-06-10']],
    ["expiry exactly now counts as expired", [tests({ expiresAt: NOW.toISOString() }), ...allGood.slice(1)], ['the latest tests "unit" expired on 2026-06-10']],
    [
      "a newer failure beats an older success",
      [tests({ observedAt: daysAgo(3) }), tests({ conclusion: "failure", observedAt: daysAgo(2) }), ...allGood.slice(1)],
      ['the latest tests "unit" failed (2026-06-08)'],
    ],
    [
      "a newer success replaces an older failure",
      [tests({ conclusion: "failure", observedAt: daysAgo(3) }), tests({ observedAt: daysAgo(2) }), ...allGood.slice(1)],
      [],
    ],
    [
      "an expired latest is not replaced by an older valid one",
      [tests({ observedAt: daysAgo(3) }), tests({ observedAt: daysAgo(2), expiresAt: daysAgo(1) }), ...allGood.slice(1)],
      ['the latest tests "unit" expired on 2026-06-09'],
    ],
    [
      "inconclusive never promotes",
      [tests({ conclusion: "inconclusive" }), ...allGood.slice(1)],
      ['the latest tests "unit" was inconclusive (2026-06-09); inconclusive evidence never promotes'],
    ],
    [
      "neutral is not success",
      [tests({ conclusion: "neutral" }), ...allGood.slice(1)],
      ['the latest tests "unit" was neutral (2026-06-09); this gate needs success'],
    ],
    [
      "a run in progress is no result",
      [tests({ status: "in_progress", conclusion: undefined }), ...allGood.slice(1)],
      ["no tests evidence yet (a run is queued or in progress: its result will count once completed)"],
    ],
    [
      "each named test suite's latest must pass",
      [tests(), tests({ name: "e2e", conclusion: "failure" }), ...allGood.slice(1)],
      ['the latest tests "e2e" failed (2026-06-09)'],
    ],
    [
      "a profile's smoke failed",
      [...allGood.slice(0, 2), smoke("patron", { conclusion: "failure" }), ...allGood.slice(3)],
      ['the latest smoke "smoke" as patron failed (2026-06-09)'],
    ],
    [
      "replay over the mismatch threshold",
      [...allGood.slice(0, 4), replay(2.5, 900)],
      ['the latest replay "replay" measured 2.5 % mismatch; at most 1 % allowed'],
    ],
    ["replay over too few requests", [...allGood.slice(0, 4), replay(0, 120)], ['the latest replay "replay" replayed 120 requests; at least 500 needed']],
    ["replay without a measurement", [...allGood.slice(0, 4), replay(0, 0, { measured: null })], ['the latest replay "replay" has no measured mismatch']],
    [
      "replay that reported failure, whatever its figure",
      [...allGood.slice(0, 4), replay(0.1, 900, { conclusion: "failure" })],
      ['the latest replay "replay" failed (2026-06-09; measured 0.1 % against ≤ 1 %, over 900)'],
    ],
  ])("%s", (_what, evidence, expected) => {
    expect(reasons(verified, evidence)).toEqual(expected);
  });

  test("a tie on observedAt goes to the later receipt, then to the worse conclusion", () => {
    const at = daysAgo(1);
    const gate: Gate = { requirements: [{ kind: "tests", conclusion: "success" }] };
    expect(
      evaluateGate(gate, [tests({ observedAt: at, receivedAt: daysAgo(0.5), conclusion: "failure" }), tests({ observedAt: at, receivedAt: daysAgo(0.2) })], NOW)
        .met,
    ).toBe(true);
    expect(evaluateGate(gate, [tests({ observedAt: at }), tests({ observedAt: at, conclusion: "failure" })], NOW).met).toBe(false);
  });

  test("neutral counts where the requirement accepts it", () => {
    const gate: Gate = { requirements: [{ kind: "manual", conclusion: "neutral" }] };
    expect(evaluateGate(gate, [{ kind: "manual", name: "QA walk-through", status: "completed", conclusion: "neutral", observedAt: daysAgo(1) }], NOW).met).toBe(
      true,
    );
  });

  test("without listed profiles, everyProfile means every profile that reported", () => {
    const gate: Gate = { requirements: [{ kind: "smoke", everyProfile: true, conclusion: "success" }] };
    expect(evaluateGate(gate, [smoke("anonymous"), smoke("admin")], NOW).met).toBe(true);
    expect(reasons(gate, [smoke("anonymous"), smoke("admin", { conclusion: "failure" })])).toEqual(['the latest smoke "smoke" as admin failed (2026-06-09)']);
    expect(reasons(gate, [])).toEqual(["no smoke evidence for any profile yet"]);
  });

  test("each missing piece says what it is and how to get it", () => {
    const result = evaluateGate(verified, [], NOW, { projectId: "p1", itemKey: "GET /users/<id>" });
    expect(result.met).toBe(false);
    expect(result.missing[0]).toMatchObject({ requirement: "tests: success, within 7 days", index: 0 });
    expect(result.missing[0].howToGet).toMatch(/POST \/api\/v1\/projects\/p1\/evidence/);
    expect(result.missing[3]).toMatchObject({ requirement: "smoke: success as anonymous, patron, creator", profile: "creator", index: 1 });
    expect(result.missing[3].howToGet).toBe(
      'npx waypoint smoke --project p1 --base-url <new stack URL> --routes "GET /users/<id>" --profile creator:cookie=<session cookie>',
    );
    expect(result.missing[4]).toMatchObject({ requirement: "replay: mismatch ≤ 1 % over ≥ 500 requests", index: 2 });
    expect(result.missing[4].howToGet).toMatch(/^npx waypoint replay --project p1 --log/);
  });

  test("the switch gate is separate and may be stricter", () => {
    const sw = gateFor(config, "switchToNew");
    expect(reasons(sw, allGood)).toEqual(['the latest replay "replay" replayed 812 requests; at least 1,000 needed']);
    expect(reasons(sw, [replay(0.6, 5000)])).toEqual(['the latest replay "replay" measured 0.6 % mismatch; at most 0.5 % allowed']);
    expect(reasons(sw, [replay(0.2, 5000, { observedAt: daysAgo(4) })])).toEqual([
      'the latest replay "replay" is from 2026-06-06, 4 days ago; this gate takes evidence up to 3 days old',
    ]);
    expect(reasons(sw, [replay(0.2, 5000)])).toEqual([]);
  });

  test("an empty gate is met", () => {
    expect(evaluateGate(gateFor(gateConfigSchema.parse({}), "verified"), [], NOW).met).toBe(true);
  });
});

describe("the gate config", () => {
  test.each([
    [{ verified: [{ kind: "tests", maxMismatchPercent: 1 }] }, "verified.0"],
    [{ verified: [{ kind: "replay", maxMismatchPercent: 101 }] }, "verified.0.maxMismatchPercent"],
    [{ verified: [{ kind: "smoke", maxAgeDays: 0 }] }, "verified.0.maxAgeDays"],
    [{ verified: [{ kind: "vibes" }] }, "verified.0.kind"],
    [{ profiles: ["power user"] }, "profiles.0"],
    [{ verifed: [] }, "_"],
  ])("refuses %j", (input, field) => {
    const r = gateConfigSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(Object.keys(fromZod(r.error!).details!.fields!)).toContain(field);
  });
});

describe("afterFailure", () => {
  const failed = tests({ conclusion: "failure", observedAt: daysAgo(0) });
  test.each<[string, Parameters<typeof afterFailure>, boolean]>([
    ["a failure on a verified route", ["VERIFIED", failed, [tests()]], true],
    ["a failure on a route only ported", ["PORTED", failed, []], false],
    ["a success on a verified route", ["VERIFIED", tests(), []], false],
    ["an inconclusive result", ["VERIFIED", tests({ conclusion: "inconclusive" }), []], false],
    [
      "a late re-post of an old failure, overtaken by a newer success",
      ["VERIFIED", tests({ conclusion: "failure", observedAt: daysAgo(5) }), [tests({ observedAt: daysAgo(1) })]],
      false,
    ],
    [
      "a newer success of another check does not excuse it",
      ["VERIFIED", tests({ conclusion: "failure", observedAt: daysAgo(5) }), [tests({ name: "e2e", observedAt: daysAgo(1) })]],
      true,
    ],
    ["an in-progress run", ["VERIFIED", tests({ status: "in_progress", conclusion: undefined }), []], false],
  ])("%s", (_what, args, expected) => {
    expect(afterFailure(...args).needsAttention).toBe(expected);
  });

  test("says why", () => {
    expect(afterFailure("VERIFIED", smoke("patron", { conclusion: "failure", observedAt: daysAgo(0) })).reason).toBe(
      'the latest smoke "smoke" as patron failed after the item was verified (2026-06-10)',
    );
  });
});

describe("needsVerification (the ranking's hint)", () => {
  test.each<[string, "PORTED" | "VERIFIED" | "IN_PROGRESS", GateEvidence[], boolean]>([
    ["ported without evidence", "PORTED", [], true],
    ["ported with a current success", "PORTED", [tests()], false],
    ["ported whose latest result failed", "PORTED", [tests({ observedAt: daysAgo(3) }), tests({ conclusion: "failure" })], true],
    ["ported whose success expired", "PORTED", [tests({ expiresAt: daysAgo(0.1) })], true],
    ["already verified", "VERIFIED", [], false],
    ["not ported yet", "IN_PROGRESS", [], false],
  ])("%s", (_what, status, evidence, expected) => {
    expect(needsVerification({ status }, evidence, NOW).needed).toBe(expected);
  });

  test("with a gate, the Verified gate decides", () => {
    expect(needsVerification({ status: "PORTED" }, [tests()], NOW, verified)).toMatchObject({
      needed: true,
      reason: expect.stringMatching(/^ported, but the Verified gate is not met: no smoke evidence as profile anonymous/),
    });
    expect(needsVerification({ status: "PORTED" }, allGood, NOW, verified).needed).toBe(false);
  });
});

describe("describeMeasured: the figure next to its threshold", () => {
  test.each([
    [{ value: 0.4, unit: "%", threshold: 1, comparison: "<=", sampleSize: 900 }, "0.4 % against ≤ 1 %, over 900"],
    [{ value: 120, unit: "tests", sampleSize: 120 }, "120 tests, over 120"],
    [{ value: 2.345, unit: "ms", threshold: 300, comparison: "<" }, "2.35 ms against < 300 ms"],
    [{ value: 95, threshold: 90, comparison: ">=" }, "95 against ≥ 90"],
    [{ value: 1500 }, "1,500"],
  ] as const)("%j → %s", (measured, text) => {
    expect(describeMeasured(measured)).toBe(text);
  });
});
