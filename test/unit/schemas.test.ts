import { describe, expect, test } from "vitest";
import { passwordSchema } from "@/lib/auth/password";
import { signUpSchema } from "@/lib/accounts/sign-up";
import { createProjectSchema, listProjectsQuerySchema } from "@/lib/projects/schemas";
import { dateOnlySchema, slugify } from "@/lib/validation/common";
import { fromZod } from "@/lib/errors";

describe("password policy", () => {
  test.each([
    ["short", false],
    ["1234567890", false],
    ["aaaaaaaaaaaa", false],
    ["x".repeat(73), false],
    ["correct-horse-battery", true],
    ["Tr0ub4dor&3x", true],
  ])("%s → %s", (password, ok) => {
    expect(passwordSchema.safeParse(password).success).toBe(ok);
  });

  test("a password containing the e-mail name is refused", () => {
    const r = signUpSchema.safeParse({ name: "Ann", email: "annabelle@example.com", password: "annabelle-2026!" });
    expect(r.success).toBe(false);
    expect(fromZod(r.error!).details?.fields?.password?.[0]).toMatch(/e-mail name/);
  });
});

describe("sign-up input", () => {
  test("normalises the e-mail", () => {
    const r = signUpSchema.parse({ name: " Ann ", email: " Ann@Example.COM ", password: "correct-horse-battery" });
    expect(r).toMatchObject({ name: "Ann", email: "ann@example.com" });
  });
  test.each([
    [{ name: "Ann", email: "not-an-email", password: "correct-horse-battery" }, "email"],
    [{ name: "x".repeat(121), email: "a@b.co", password: "correct-horse-battery" }, "name"],
    [{ name: "Ann", email: "a@b.co", password: "correct-horse-battery", isAdmin: true }, "_"],
  ])("rejects %j on %s", (input, field) => {
    const r = signUpSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(Object.keys(fromZod(r.error!).details!.fields!)).toContain(field);
  });
});

describe("project input", () => {
  const base = { name: "Port", fromStack: "PHP", toStack: "Python" };
  test("empty optional fields from a form are absent", () => {
    expect(createProjectSchema.parse({ ...base, slug: "", startDate: "", targetDate: "", description: "" })).toEqual({
      ...base,
      description: "",
      slug: undefined,
      startDate: undefined,
      targetDate: undefined,
    });
  });
  test.each([
    [{ ...base, targetDate: "2026-01-01", startDate: "2026-02-01" }, "targetDate"],
    [{ ...base, startDate: "2026-02-30" }, "startDate"],
    [{ ...base, slug: "Has Spaces" }, "slug"],
    [{ ...base, fromStack: "" }, "fromStack"],
    [{ ...base, organizationId: "forged" }, "_"],
  ])("rejects %j on %s", (input, field) => {
    const r = createProjectSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(Object.keys(fromZod(r.error!).details!.fields!)).toContain(field);
  });
  test("list query: coerces the limit and rejects unknown parameters", () => {
    expect(listProjectsQuerySchema.parse({ limit: "5" })).toMatchObject({ limit: 5, archived: "exclude" });
    expect(listProjectsQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(listProjectsQuerySchema.safeParse({ org: "x" }).success).toBe(false);
  });
});

describe("helpers", () => {
  test.each([
    ["Acme Corp", "acme-corp"],
    ["  Ünïcödé — Team ", "unicode-team"],
    ["!!", "item"],
  ])("slugify(%s) = %s", (text, slug) => expect(slugify(text)).toBe(slug));

  test("dateOnly keeps the calendar day in UTC", () => {
    expect(dateOnlySchema.parse("2026-03-29")?.toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(dateOnlySchema.parse("")).toBeUndefined();
  });
});
