import { describe, expect, test } from "vitest";
import { signUp } from "@/lib/accounts/sign-up";
import { createOrganization } from "@/lib/orgs/create-organization";
import { listUserOrganizations, orgContextFor, renameOrganization } from "@/lib/orgs/membership";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, PASSWORD, uniqueEmail } from "../helpers/factories";

const expectAppError = async (promise: Promise<unknown>, code: AppError["code"]) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
};

describe("sign-up", () => {
  test("creates the user, their organisation, and makes them its admin; the password is hashed", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    const { user, organization } = await signUp(db, { name: "Grace", email: email.toUpperCase(), password: PASSWORD, organizationName: "Hopper Labs" });
    expect(user.email).toBe(email);
    expect(organization).toMatchObject({ name: "Hopper Labs", slug: "hopper-labs" });
    const memberships = await listUserOrganizations(db, user.id);
    expect(memberships).toEqual([{ role: "ADMIN", organization: { id: organization.id, name: "Hopper Labs", slug: "hopper-labs" } }]);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored.passwordHash!)).toBe(true);
    // The hash is omitted unless asked for.
    expect(Object.keys(await db.user.findUniqueOrThrow({ where: { id: user.id } }))).not.toContain("passwordHash");
  });

  test("a second organisation with the same name gets the next free slug", async () => {
    const db = await testDb();
    const a = await signUp(db, { name: "A", email: uniqueEmail(), password: PASSWORD, organizationName: "Twin" });
    const b = await signUp(db, { name: "B", email: uniqueEmail(), password: PASSWORD, organizationName: "Twin" });
    const c = await createOrganization(db, b.user.id, { name: "Twin" });
    expect([a.organization.slug, b.organization.slug, c.slug]).toEqual(["twin", "twin-2", "twin-3"]);
  });

  test("a duplicate e-mail is a conflict and changes nothing", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    await signUp(db, { name: "First", email, password: PASSWORD });
    const [users, orgs] = [await db.user.count(), await db.organization.count()];
    const error = await expectAppError(signUp(db, { name: "Second", email: email.toUpperCase(), password: PASSWORD }), "conflict");
    expect(error.details?.fields?.email).toBeDefined();
    expect([await db.user.count(), await db.organization.count()]).toEqual([users, orgs]);
  });

  test("concurrent sign-ups with one e-mail create one account", async () => {
    const db = await testDb();
    const email = uniqueEmail();
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => signUp(db, { name: `N${i}`, email, password: PASSWORD })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect(((r as PromiseRejectedResult).reason as AppError).code).toBe("conflict");
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  test.each([
    [{ name: "Weak", password: "password12" }, "password"],
    [{ name: "", password: PASSWORD }, "name"],
    [{ name: "Extra", password: PASSWORD, role: "ADMIN" }, "_"],
  ])("bad input %j names the field %s and writes nothing", async (partial, field) => {
    const db = await testDb();
    const before = await db.user.count();
    const error = await expectAppError(signUp(db, { email: uniqueEmail(), ...partial }), "invalid_input");
    expect(Object.keys(error.details!.fields!)).toContain(field);
    expect(await db.user.count()).toBe(before);
  });
});

describe("organisations", () => {
  test("only an admin renames; the change is audited", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const manager = await newMember(db, organization.id, "MANAGER");
    await expectAppError(renameOrganization(db, manager.ctx, { name: "Nope" }), "forbidden");
    await renameOrganization(db, ctx, { name: "Renamed" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: organization.id } })).name).toBe("Renamed");
    expect(await db.auditEvent.count({ where: { organizationId: organization.id, action: "organization.renamed" } })).toBe(1);
  });

  test("a user has no context in an organisation they do not belong to, however its slug is sent", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "Alice");
    const b = await newAdmin(db, "Bob");
    await expectAppError(orgContextFor(db, a.user.id, b.organization.slug), "not_found");
    await expectAppError(orgContextFor(db, a.user.id, "no-such-org"), "not_found");
  });
});

describe("GitHub sign-in (optional provider)", () => {
  test("matches by GitHub id, links an existing account by e-mail, or creates a user who belongs to no organisation yet", async () => {
    const { signInWithGitHub } = await import("@/lib/accounts/github");
    const db = await testDb();
    const existing = await signUp(db, { name: "Lin", email: uniqueEmail("lin"), password: PASSWORD });
    const linked = await signInWithGitHub(db, { githubId: "gh-1", email: existing.user.email.toUpperCase(), name: "Lin" });
    expect(linked?.id).toBe(existing.user.id);
    expect((await signInWithGitHub(db, { githubId: "gh-1", email: null, name: null }))?.id).toBe(existing.user.id);

    const email = uniqueEmail("octo");
    const created = await signInWithGitHub(db, { githubId: "gh-2", email, name: "Octo Cat" });
    expect(await db.user.findUniqueOrThrow({ where: { id: created!.id }, select: { name: true, email: true } })).toEqual({ name: "Octo Cat", email });
    // No organisation of its own: an invitation link, or "New organisation", decides where the person belongs.
    expect(await listUserOrganizations(db, created!.id)).toEqual([]);
    expect(await db.organization.count({ where: { memberships: { some: { userId: created!.id } } } })).toBe(0);
    expect(await signInWithGitHub(db, { githubId: "gh-3", email: null, name: "No Mail" })).toBeNull();
  });
});
