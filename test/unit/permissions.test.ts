import { describe, expect, test } from "vitest";
import { ACTIONS, assertCan, can, ROLES, TOKEN_ROLES, type Action } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

/**
 * The rule, as the product states it: roles form a ladder (viewer < engineer < steward < manager <
 * admin) and each action needs a rung — everyone reads; engineers change the inventory and claim;
 * stewards run the stewardship work, tune the ranking and reassign claims; managers manage
 * projects, teams and tokens; admins the organisation and its members. Typed as a record of every
 * action, so a new action without a stated rule does not compile.
 */
const LADDER: readonly Role[] = ["VIEWER", "ENGINEER", "STEWARD", "MANAGER", "ADMIN"];
const NEEDS: Record<Action, Role> = {
  "org:view": "VIEWER",
  "members:view": "VIEWER",
  "project:view": "VIEWER",
  "inventory:edit": "ENGINEER",
  "inventory:import": "ENGINEER",
  "claims:claim": "ENGINEER",
  "stewardship:take-part": "ENGINEER",
  "claims:reassign": "STEWARD",
  "ranking:tune": "STEWARD",
  "stewardship:run": "STEWARD",
  "status:manage": "STEWARD",
  "project:create": "MANAGER",
  "project:edit": "MANAGER",
  "teams:manage": "MANAGER",
  "tokens:view": "MANAGER",
  "tokens:manage": "MANAGER",
  "cutover:switch": "ENGINEER",
  "cutover:configure": "MANAGER",
  "cutover:override-freeze": "ADMIN",
  "evidence:post": "ENGINEER",
  "evidence:gates": "STEWARD",
  "evidence:override-gate": "MANAGER",
  "repositories:manage": "MANAGER",
  "repositories:scan": "ENGINEER",
  "code:review": "STEWARD",
  "patterns:manage": "STEWARD",
  "agents:review": "STEWARD",
  "guide:edit": "STEWARD",
  "notifications:manage": "MANAGER",
  "org:manage": "ADMIN",
  "members:manage": "ADMIN",
};
const rung = (role: Role) => LADDER.indexOf(role);

describe("permissions", () => {
  test("the ladder holds every role", () => {
    expect([...LADDER].sort()).toEqual([...ROLES].sort());
    expect(Object.keys(NEEDS).sort()).toEqual([...ACTIONS].sort());
  });

  const cases = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role, rung(role) >= rung(NEEDS[action])] as const));
  test.each(cases)("%s for %s: %s", (action, role, allowed) => {
    expect(can(role, action)).toBe(allowed);
    if (allowed) expect(() => assertCan(role, action)).not.toThrow();
    else expect(() => assertCan(role, action)).toThrowError(AppError);
  });

  test("a viewer may only read, and an admin may do everything", () => {
    expect(ACTIONS.filter((a) => can("VIEWER", a)).every((a) => a.endsWith(":view"))).toBe(true);
    expect(
      ACTIONS.filter((a) => a.endsWith(":view"))
        .filter((a) => a !== "tokens:view")
        .every((a) => can("VIEWER", a)),
    ).toBe(true);
    expect(ACTIONS.filter((a) => !can("ADMIN", a))).toEqual([]);
  });

  test("a token never carries the admin role", () => {
    expect(TOKEN_ROLES).not.toContain("ADMIN");
  });

  test("assertCan throws a forbidden AppError naming the role and the action", () => {
    const error = (() => {
      try {
        assertCan("VIEWER", "project:create");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "forbidden" });
    expect((error as AppError).message).toBe("Your role (Viewer) may not do this (project:create).");
  });
});
