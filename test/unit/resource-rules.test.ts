import { describe, expect, test } from "vitest";
import { mayActOnClaim, mayCancelSignup, mayClaimFor, mayCloseActionItem, runsSlot, type Actor } from "@/lib/auth/resource-rules";

const me = (role: Actor["role"]): Actor => ({ role, userId: "me" });
const token = (role: Actor["role"]): Actor => ({ role, userId: null });

describe("resource rules", () => {
  test.each([
    ["an engineer, own claim", me("ENGINEER"), "me", true],
    ["an engineer, someone else's", me("ENGINEER"), "them", false],
    ["a steward, someone else's", me("STEWARD"), "them", true],
    ["a manager, someone else's", me("MANAGER"), "them", true],
    ["a viewer, a claim in their name (cannot hold one)", me("VIEWER"), "me", false],
    ["an engineer token, anyone's", token("ENGINEER"), "them", false],
    ["a steward token, anyone's", token("STEWARD"), "them", true],
  ] as const)("mayActOnClaim: %s → %s", (_n, actor, holderId, allowed) => {
    expect(mayActOnClaim(actor, { holderId })).toBe(allowed);
  });

  test.each([
    ["an engineer for themselves", me("ENGINEER"), "me", true],
    ["an engineer for someone else", me("ENGINEER"), "them", false],
    ["a steward for someone else", me("STEWARD"), "them", true],
    ["a viewer for themselves", me("VIEWER"), "me", false],
  ] as const)("mayClaimFor: %s → %s", (_n, actor, holderId, allowed) => {
    expect(mayClaimFor(actor, holderId)).toBe(allowed);
  });

  test.each([
    ["a steward, not a host", me("STEWARD"), [], true],
    ["an engineer hosting it", me("ENGINEER"), ["me"], true],
    ["an engineer not hosting it", me("ENGINEER"), ["them"], false],
    ["a viewer listed as host (cannot take part)", me("VIEWER"), ["me"], false],
    ["an engineer token (no one hosts as a token)", token("ENGINEER"), ["me"], false],
  ] as const)("runsSlot: %s → %s", (_n, actor, hostIds, allowed) => {
    expect(runsSlot(actor, { hostIds })).toBe(allowed);
  });

  test.each([
    ["own sign-up", me("ENGINEER"), "me", [], true],
    ["someone else's, not hosting", me("ENGINEER"), "them", [], false],
    ["someone else's, hosting", me("ENGINEER"), "them", ["me"], true],
    ["someone else's, a steward", me("STEWARD"), "them", [], true],
    ["own, as a viewer", me("VIEWER"), "me", [], false],
  ] as const)("mayCancelSignup: %s → %s", (_n, actor, userId, hostIds, allowed) => {
    expect(mayCancelSignup(actor, { userId }, { hostIds })).toBe(allowed);
  });

  test.each([
    ["its owner, an engineer", me("ENGINEER"), "me", true],
    ["not its owner, an engineer", me("ENGINEER"), "them", false],
    ["nobody's, a steward", me("STEWARD"), null, true],
    ["nobody's, an engineer", me("ENGINEER"), null, false],
    ["its owner, a viewer", me("VIEWER"), "me", false],
  ] as const)("mayCloseActionItem: %s → %s", (_n, actor, ownerId, allowed) => {
    expect(mayCloseActionItem(actor, { ownerId })).toBe(allowed);
  });
});
