import { describe, expect, test } from "vitest";
import { changeMemberRole, listMembers, removeMember } from "@/lib/members/members";
import { acceptInvitation, createInvitation, describeInvitation, listPendingInvitations, revokeInvitation } from "@/lib/members/invitations";
import { AppError } from "@/lib/errors";
import { testDb } from "../helpers/db";
import { codeOf } from "../helpers/errors";
import { newAdmin, newMember, uniqueEmail } from "../helpers/factories";

describe("invitations", () => {
  test("a link joins the organisation once, with its role; only the hash is stored", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const { secret, invitation } = await createInvitation(db, ctx, { role: "STEWARD", email: "" });
    expect(invitation.tokenHash).not.toContain(secret);
    expect(await describeInvitation(db, secret)).toMatchObject({ state: "valid", role: "STEWARD" });
    const joiner = await db.user.create({ data: { email: uniqueEmail(), name: "Joiner" } });
    const result = await acceptInvitation(db, joiner.id, secret);
    expect(result.organization.slug).toBe(organization.slug);
    const membership = await db.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: organization.id, userId: joiner.id } } });
    expect(membership.role).toBe("STEWARD");
    const other = await db.user.create({ data: { email: uniqueEmail(), name: "Latecomer" } });
    expect(await codeOf(acceptInvitation(db, other.id, secret))).toBe("conflict");
    expect(await db.membership.count({ where: { userId: other.id } })).toBe(0);
  });

  test("an invitation for an e-mail refuses other accounts; expired and revoked links refuse everyone", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const stranger = await db.user.create({ data: { email: uniqueEmail(), name: "Stranger" } });
    const forSomeone = await createInvitation(db, ctx, { role: "ENGINEER", email: "someone@example.test" });
    expect(await codeOf(acceptInvitation(db, stranger.id, forSomeone.secret))).toBe("forbidden");

    const old = await createInvitation(db, ctx, { role: "ENGINEER" }, new Date(Date.now() - 8 * 86_400_000));
    expect(await codeOf(acceptInvitation(db, stranger.id, old.secret))).toBe("conflict");

    const revoked = await createInvitation(db, ctx, { role: "ENGINEER" });
    await revokeInvitation(db, ctx, { invitationId: revoked.invitation.id });
    expect(await codeOf(acceptInvitation(db, stranger.id, revoked.secret))).toBe("conflict");
    expect(await codeOf(acceptInvitation(db, stranger.id, "wpi_garbage"))).toBe("not_found");
    expect(await db.membership.count({ where: { userId: stranger.id } })).toBe(0);
    expect((await listPendingInvitations(db, ctx)).map((i) => i.id)).toEqual([forSomeone.invitation.id]);
  });

  test("only admins invite; an invalid role names the field", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const manager = await newMember(db, organization.id, "MANAGER");
    expect(await codeOf(createInvitation(db, manager.ctx, { role: "ENGINEER" }))).toBe("forbidden");
    const error = await createInvitation(db, ctx, { role: "OWNER" }).catch((e: AppError) => e);
    expect((error as AppError).details?.fields?.role).toBeDefined();
  });

  test("an admin cannot revoke another organisation's invitation", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    const { invitation } = await createInvitation(db, b.ctx, { role: "VIEWER" });
    expect(await codeOf(revokeInvitation(db, a.ctx, { invitationId: invitation.id }))).toBe("not_found");
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeNull();
  });
});

describe("members", () => {
  test("admins change roles and remove members; others may only leave", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const eng = await newMember(db, organization.id, "ENGINEER");
    const viewer = await newMember(db, organization.id, "VIEWER");
    expect(await codeOf(changeMemberRole(db, eng.ctx, { membershipId: viewer.membership.id, role: "ADMIN" }))).toBe("forbidden");
    expect(await codeOf(removeMember(db, eng.ctx, { membershipId: viewer.membership.id }))).toBe("forbidden");
    await changeMemberRole(db, ctx, { membershipId: eng.membership.id, role: "STEWARD" });
    await removeMember(db, viewer.ctx, { membershipId: viewer.membership.id }); // leaving
    const members = await listMembers(db, ctx);
    expect(members.map((m) => [m.user.name, m.role]).sort()).toEqual([
      ["Ada Admin", "ADMIN"],
      ["engineer user", "STEWARD"],
    ]);
    expect(await db.auditEvent.count({ where: { organizationId: organization.id, action: { in: ["member.role_changed", "member.removed"] } } })).toBe(2);
  });

  test("the last admin can be neither demoted nor removed", async () => {
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const self = await db.membership.findFirstOrThrow({ where: { organizationId: ctx.organizationId, userId: ctx.userId! } });
    expect(await codeOf(changeMemberRole(db, ctx, { membershipId: self.id, role: "MANAGER" }))).toBe("conflict");
    expect(await codeOf(removeMember(db, ctx, { membershipId: self.id }))).toBe("conflict");
    expect((await db.membership.findUniqueOrThrow({ where: { id: self.id } })).role).toBe("ADMIN");
  });

  test("two admins demoting each other at once leave one admin", async () => {
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const second = await newMember(db, organization.id, "ADMIN");
    const first = await db.membership.findFirstOrThrow({ where: { organizationId: organization.id, userId: ctx.userId! } });
    const results = await Promise.all([
      codeOf(changeMemberRole(db, ctx, { membershipId: second.membership.id, role: "VIEWER" })),
      codeOf(changeMemberRole(db, second.ctx, { membershipId: first.id, role: "VIEWER" })),
    ]);
    expect(results.sort()).toEqual(["conflict", "ok"]);
    expect(await db.membership.count({ where: { organizationId: organization.id, role: "ADMIN" } })).toBe(1);
  });

  test("another organisation's membership id answers not found and changes nothing", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const b = await newAdmin(db, "B");
    const victim = await newMember(db, b.organization.id, "ENGINEER");
    expect(await codeOf(changeMemberRole(db, a.ctx, { membershipId: victim.membership.id, role: "ADMIN" }))).toBe("not_found");
    expect(await codeOf(removeMember(db, a.ctx, { membershipId: victim.membership.id }))).toBe("not_found");
    expect((await db.membership.findUniqueOrThrow({ where: { id: victim.membership.id } })).role).toBe("ENGINEER");
  });
});

describe("signing up through an invitation link", () => {
  test("the new account joins the inviting organisation with the invitation's role, and gets no organisation of its own", async () => {
    const { signUp } = await import("@/lib/accounts/sign-up");
    const { PASSWORD } = await import("../helpers/factories");
    const db = await testDb();
    const { ctx, organization } = await newAdmin(db);
    const { secret } = await createInvitation(db, ctx, { role: "ENGINEER" });
    const organizationsBefore = await db.organization.count();

    const email = uniqueEmail("invited");
    const { user, organization: joined, invited } = await signUp(db, { name: "Ivy Invited", email, password: PASSWORD, invitation: secret });
    expect(invited).toBe(true);
    expect(joined.slug).toBe(organization.slug);
    const memberships = await db.membership.findMany({ where: { userId: user.id }, select: { organizationId: true, role: true } });
    expect(memberships).toEqual([{ organizationId: organization.id, role: "ENGINEER" }]);
    expect(await db.organization.count()).toBe(organizationsBefore);
    expect(await describeInvitation(db, secret)).toMatchObject({ state: "used" });
  });

  test("a refused invitation creates no account: used, revoked, for another e-mail, or with an organisation name as well", async () => {
    const { signUp } = await import("@/lib/accounts/sign-up");
    const { PASSWORD } = await import("../helpers/factories");
    const db = await testDb();
    const { ctx } = await newAdmin(db);
    const used = await createInvitation(db, ctx, { role: "VIEWER" });
    await signUp(db, { name: "First", email: uniqueEmail("first"), password: PASSWORD, invitation: used.secret });
    const forAnna = await createInvitation(db, ctx, { role: "VIEWER", email: "anna@example.test" });
    const revoked = await createInvitation(db, ctx, { role: "VIEWER" });
    await revokeInvitation(db, ctx, { invitationId: revoked.invitation.id });
    const fresh = await createInvitation(db, ctx, { role: "VIEWER" });

    const attempts = [
      { invitation: used.secret, code: "conflict" },
      { invitation: revoked.secret, code: "conflict" },
      { invitation: "wpi_garbage", code: "not_found" },
      { invitation: forAnna.secret, code: "forbidden", field: "email" },
      { invitation: fresh.secret, organizationName: "Mine too", code: "invalid_input", field: "organizationName" },
    ];
    for (const { code, field, ...extra } of attempts) {
      const email = uniqueEmail("refused");
      const error = await signUp(db, { name: "Refused", email, password: PASSWORD, ...extra }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(extra)).toBeInstanceOf(AppError);
      expect((error as AppError).code, JSON.stringify(extra)).toBe(code);
      if (field) expect(Object.keys((error as AppError).details?.fields ?? {}), JSON.stringify(extra)).toContain(field);
      expect(await db.user.count({ where: { email } }), JSON.stringify(extra)).toBe(0);
    }
    expect(await describeInvitation(db, fresh.secret)).toMatchObject({ state: "valid" });
  });
});
