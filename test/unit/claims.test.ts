import { describe, expect, test } from "vitest";
import { claimStaleness } from "@/lib/claims/stale";
import { nextStep } from "@/lib/claims/next-step";

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000);

describe("claimStaleness", () => {
  const claim = { startedAt: day(0), expectedFinish: day(14) };
  test.each([
    // now, item last changed, stale after, → stale, reasons
    [day(3), day(2), 10, false, []],
    [day(12), day(1), 10, true, ["no change for 11 days"]],
    [day(12), day(11), 10, false, []],
    [day(15), day(14), 10, true, ["1 day past its expected finish"]],
    [day(14.5), day(14), 10, true, ["past its expected finish today"]],
    [day(30), day(1), 10, true, ["16 days past its expected finish", "no change for 29 days"]],
    // The item's last change was before the claim: idle time counts from the claim.
    [day(9), day(-100), 10, false, []],
    [day(10), day(-100), 10, true, ["no change for 10 days"]],
  ] as const)("at %s, item changed %s, stale after %i days → %s", (now, changed, after, stale, reasons) => {
    const s = claimStaleness(claim, changed, after, now);
    expect(s.stale).toBe(stale);
    expect(s.reasons).toEqual(reasons);
  });

  test("age counts whole days since the claim", () => {
    expect(claimStaleness(claim, day(0), 10, day(6.9)).ageDays).toBe(6);
  });
});

describe("nextStep", () => {
  const route = { kind: "ROUTE", status: "NOT_STARTED", readiness: null, replacement: null, targetVersion: null } as const;
  test.each([
    [route, [], "Start: set the status to in progress."],
    [{ ...route, status: "IN_PROGRESS" }, [], "Finish the port, switch traffic, and mark it ported."],
    [{ ...route, kind: "MODULE", status: "IN_PROGRESS" }, [], "Finish the port and mark it ported."],
    [
      route,
      [
        { kind: "MODULE", key: "app/billing" },
        { kind: "DEPENDENCY", key: "mcrypt" },
      ],
      "Unblock it first: module app/billing and 1 more is not ready.",
    ],
    [{ ...route, kind: "DEPENDENCY", readiness: "REPLACE", replacement: "cryptography" }, [], "Replace it with cryptography."],
    [{ ...route, kind: "DEPENDENCY", readiness: "UPGRADE_NEEDED", targetVersion: "4.2" }, [], "Upgrade it to 4.2."],
    [{ ...route, kind: "DEPENDENCY", readiness: null }, [], "Find out whether it works on the new stack, and record its readiness."],
  ] as const)("%j blocked by %j → %s", (item, blockers, step) => {
    expect(nextStep(item as never, blockers as never)).toBe(step);
  });
});
