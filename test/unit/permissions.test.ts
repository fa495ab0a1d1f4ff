import { describe, expect, test } from "vitest";
import { assertCan, can, type Action } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";

const table: [Action, Role[]][] = [
  ["org:view", ["ADMIN", "MANAGER", "STEWARD", "ENGINEER", "VIEWER"]],
  ["org:manage", ["ADMIN"]],
  ["members:manage", ["ADMIN"]],
  ["project:view", ["ADMIN", "MANAGER", "STEWARD", "ENGINEER", "VIEWER"]],
  ["project:create", ["ADMIN", "MANAGER"]],
  ["project:edit", ["ADMIN", "MANAGER"]],
  ["tokens:manage", ["ADMIN", "MANAGER"]],
];
const ALL: Role[] = ["ADMIN", "MANAGER", "STEWARD", "ENGINEER", "VIEWER"];

describe("permissions", () => {
  test.each(table)("%s is allowed exactly for %j", (action, allowed) => {
    for (const role of ALL) expect(can(role, action), `${role} ${action}`).toBe(allowed.includes(role));
  });

  test("assertCan throws a forbidden AppError naming the role", () => {
    expect(() => assertCan("VIEWER", "project:create")).toThrowError(AppError);
    try {
      assertCan("VIEWER", "project:create");
    } catch (error) {
      expect((error as AppError).code).toBe("forbidden");
      expect((error as AppError).message).toContain("Viewer");
    }
    expect(() => assertCan("MANAGER", "project:create")).not.toThrow();
  });
});
