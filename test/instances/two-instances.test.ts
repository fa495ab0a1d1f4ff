// Two real app instances (`waypoint serve`, production build) on one PostgreSQL database: a session
// opened on A works on B and ends on B as soon as it is ended (password change, removal from the
// organisation, role change, sign out everywhere); failed sign-ins and failed token checks spread
// over A and B are throttled after the same count as on one instance (lib/auth/throttle.ts).
//
// Password, membership and "sign out everywhere" changes have no JSON API: they are server actions of
// the account and members pages. The account page's two forms and the members page's role form are
// posted over HTTP on instance A the way a browser without JavaScript posts them (submitPageForm).
// Removing a member goes through a confirmation dialog whose form needs JavaScript, so that one is
// made by calling removeMember, the domain function its action calls, against the same database
// from this process; the password, role and sign-out changes are also checked that way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { makeClient, type Db } from "@/lib/db/client";
import { changePassword, signOutEverywhere } from "@/lib/accounts/change-password";
import { changeMemberRole, removeMember } from "@/lib/members/members";
import { createInvitation, acceptInvitation } from "@/lib/members/invitations";
import { orgContextFor } from "@/lib/orgs/membership";
import { RULES } from "@/lib/auth/throttle";
import {
  call,
  submitPageForm,
  requireBuild,
  requirePostgres,
  scratchDatabase,
  seedProject,
  sessionCookie,
  setUpTenant,
  signIn,
  sql,
  startInstance,
  stopAll,
  type Instance,
  type Jar,
} from "./harness";

let database: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
let A: Instance;
let B: Instance;
let admin: { email: string; password: string; id: string };
let orgSlug: string;
let token: string;

const projects = (instance: Instance, jar: Jar) => call(instance.base, "GET", "/api/v1/projects", { cookie: jar.header() });

async function signedIn(instance: Instance, email: string, password: string): Promise<Jar> {
  const { jar, error } = await signIn(instance.base, email, password);
  expect(error, `sign-in of ${email} on ${instance.name}`).toBeNull();
  expect(sessionCookie(jar), "a session cookie was set").toBeDefined();
  return jar;
}

/** A second user, invited into the admin's organisation with `role`. */
async function member(role: "ENGINEER" | "VIEWER") {
  const account = setUpTenant({ DATABASE_URL: database.url }, "member");
  const [{ id }] = await sql<{ id: string }>(database.url, `SELECT id FROM "User" WHERE email = $1`, [account.email]);
  const ctx = await orgContextFor(db, admin.id, orgSlug);
  const { secret } = await createInvitation(db, ctx, { role, email: account.email });
  await acceptInvitation(db, id, secret);
  const [{ membershipId }] = await sql<{ membershipId: string }>(
    database.url,
    `SELECT m.id AS "membershipId" FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId" WHERE m."userId" = $1 AND o.slug = $2`,
    [id, orgSlug],
  );
  return { ...account, id, membershipId };
}

beforeAll(async () => {
  requireBuild();
  await requirePostgres();
  database = await scratchDatabase("waypoint_instances");
  const env = { DATABASE_URL: database.url };
  const account = setUpTenant(env, "admin");
  const [row] = await sql<{ id: string; slug: string }>(
    database.url,
    `SELECT u.id, o.slug FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "Organization" o ON o.id = m."organizationId" WHERE u.email = $1`,
    [account.email],
  );
  admin = { ...account, id: row.id };
  orgSlug = row.slug;
  ({ token } = seedProject(env, orgSlug));
  db = makeClient(new PrismaPg({ connectionString: database.url, max: 2 }));
  // Both instances share the database and the session-signing secret, as behind a load balancer.
  const shared = { DATABASE_URL: database.url, NEXTAUTH_SECRET: `instances-${Math.random()}` };
  [A, B] = await Promise.all([startInstance("instance A", shared), startInstance("instance B", shared)]);
}, 240_000);

afterAll(async () => {
  await stopAll();
  await db?.$disconnect();
  await database?.drop();
}, 60_000);

describe("a session opened on instance A", () => {
  it("works on instance B", async () => {
    const jar = await signedIn(A, admin.email, admin.password);
    const onA = await projects(A, jar);
    const onB = await projects(B, jar);
    expect(onA.status).toBe(200);
    expect(onB.status, onB.body).toBe(200);
    expect(onB.json().data.length).toBe(1);
    // Without the cookie B refuses: the 200 above is the session's doing.
    expect((await call(B.base, "GET", "/api/v1/projects")).status).toBe(401);
  });

  it("ends on B at its next request when the password is changed on A (the account page's form, posted over HTTP)", async () => {
    const jar = await signedIn(A, admin.email, admin.password);
    expect((await projects(B, jar)).status).toBe(200);
    const newPassword = `New-${Math.random().toString(36).slice(2)}-Pw9`;
    const answer = await submitPageForm(A.base, "/account", jar, 'name="currentPassword"', { currentPassword: admin.password, newPassword });
    // The action ran, and the page it re-renders finds its own session ended: back to sign-in.
    expect(answer.status, answer.body.slice(0, 300)).toBe(307);
    expect(answer.headers.get("location")).toMatch(/\/signin\b/);
    expect((await signIn(B.base, admin.email, admin.password)).error, "the old password no longer opens a session").toBe("CredentialsSignin");
    admin.password = newPassword;
    expect((await projects(B, jar)).status).toBe(401);
    expect((await projects(A, jar)).status).toBe(401);
    // The new password opens a new session, on either instance.
    const again = await signedIn(B, admin.email, newPassword);
    expect((await projects(A, again)).status).toBe(200);
  });

  it("ends on B when the password is changed by changePassword (the domain function the form calls)", async () => {
    const jar = await signedIn(A, admin.email, admin.password);
    expect((await projects(B, jar)).status).toBe(200);
    const newPassword = `New-${Math.random().toString(36).slice(2)}-Pw9`;
    const { sessionsEnded } = await changePassword(db, admin.id, { currentPassword: admin.password, newPassword });
    expect(sessionsEnded).toBeGreaterThanOrEqual(1);
    admin.password = newPassword;
    expect((await projects(B, jar)).status).toBe(401);
  });

  it("ends on B when the member is removed from the organisation (removeMember, the domain function of the members page's action)", async () => {
    const m = await member("ENGINEER");
    const jar = await signedIn(A, m.email, m.password);
    expect((await projects(B, jar)).json().data.length).toBe(1);
    await removeMember(db, await orgContextFor(db, admin.id, orgSlug), { membershipId: m.membershipId });
    const after = await projects(B, jar);
    expect(after.status).toBe(401);
  });

  it("ends on B when an admin changes the member's role on A (the members page's form, posted over HTTP)", async () => {
    const m = await member("VIEWER");
    const jar = await signedIn(A, m.email, m.password);
    expect((await projects(B, jar)).status).toBe(200);
    const adminJar = await signedIn(A, admin.email, admin.password);
    const answer = await submitPageForm(A.base, `/orgs/${orgSlug}/members`, adminJar, `id="role-${m.membershipId}"`, { role: "ENGINEER" });
    expect(answer.status, answer.body.slice(0, 300)).toBe(200);
    expect(answer.body).toContain("Role changed.");
    const [{ role }] = await sql<{ role: string }>(database.url, `SELECT role::text FROM "Membership" WHERE id = $1`, [m.membershipId]);
    expect(role).toBe("ENGINEER");
    expect((await projects(B, jar)).status).toBe(401);
    // The admin's own session carries on; the member signs in again under the new role.
    expect((await projects(B, adminJar)).status).toBe(200);
    const again = await signedIn(B, m.email, m.password);
    expect((await projects(A, again)).status).toBe(200);
  });

  it("ends on B when the role is changed by changeMemberRole (the domain function the form calls)", async () => {
    const m = await member("VIEWER");
    const jar = await signedIn(A, m.email, m.password);
    expect((await projects(B, jar)).status).toBe(200);
    await changeMemberRole(db, await orgContextFor(db, admin.id, orgSlug), { membershipId: m.membershipId, role: "ENGINEER" });
    expect((await projects(B, jar)).status).toBe(401);
  });

  it("ends on A and B after sign out everywhere on A (the account page's form), every session of the account", async () => {
    const onA = await signedIn(A, admin.email, admin.password);
    const onB = await signedIn(B, admin.email, admin.password);
    expect((await projects(B, onA)).status).toBe(200);
    expect((await projects(A, onB)).status).toBe(200);
    const answer = await submitPageForm(A.base, "/account", onA, "Sign out everywhere", {});
    expect(answer.status, answer.body.slice(0, 300)).toBe(307);
    expect(answer.headers.get("location")).toMatch(/\/signin\b/);
    for (const [instance, jar] of [
      [A, onA],
      [B, onA],
      [A, onB],
      [B, onB],
    ] as const) {
      expect((await projects(instance, jar)).status, `${instance.name}`).toBe(401);
    }
    const [{ n }] = await sql<{ n: number }>(
      database.url,
      `SELECT count(*)::int AS n FROM "UserSession" WHERE "userId" = $1 AND "revokedReason" = 'signed_out_elsewhere'`,
      [admin.id],
    );
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it("ends on B after signOutEverywhere (the domain function the form calls)", async () => {
    const jar = await signedIn(A, admin.email, admin.password);
    expect((await projects(B, jar)).status).toBe(200);
    expect((await signOutEverywhere(db, admin.id)).sessionsEnded).toBe(1);
    expect((await projects(B, jar)).status).toBe(401);
  });
});

describe("throttles shared by the instances", () => {
  it("locks an account after the same number of failed sign-ins whether they go to A, B or both", async () => {
    const free = RULES.account.freeFailures;
    /** Wrong passwords, round-robin over `instances`, until one is refused by the throttle: answers the failures before it. */
    const failuresBeforeLock = async (instances: Instance[], email: string) => {
      for (let i = 0; i < 3 * free; i++) {
        const { error } = await signIn(instances[i % instances.length].base, email, "wrong password");
        if (error?.startsWith("throttled:")) return i;
        expect(error).toBe("CredentialsSignin");
      }
      return Infinity;
    };
    const alone = setUpTenant({ DATABASE_URL: database.url }, "alone");
    const oneInstance = await failuresBeforeLock([A], alone.email);
    expect(oneInstance).toBe(free + 1);
    const victim = setUpTenant({ DATABASE_URL: database.url }, "victim");
    const errors: string[] = [];
    // The free failures plus the one that locks, alternately on A and B.
    for (let i = 0; i <= free; i++) {
      const { error } = await signIn([A, B][i % 2].base, victim.email, "wrong password");
      errors.push(error ?? "none");
    }
    expect(errors).toEqual(Array(oneInstance).fill("CredentialsSignin"));
    // The last failure locked the account for 1 s: the next attempts, on either instance at once,
    // even with the right password, are refused with the wait (and not counted).
    const [onA, onB] = await Promise.all([signIn(A.base, victim.email, victim.password), signIn(B.base, victim.email, victim.password)]);
    const [row] = await sql<{ failures: number; locked: boolean }>(
      database.url,
      `SELECT failures, "lockedUntil" IS NOT NULL AS locked FROM "AuthThrottle" WHERE key = $1`,
      [`signin:account:${victim.email}`],
    );
    expect(row).toEqual({ failures: free + 1, locked: true });
    expect(onA.error).toMatch(/^throttled:\d+$/);
    expect(onB.error).toMatch(/^throttled:\d+$/);
    expect(sessionCookie(onA.jar)).toBeUndefined();
    expect(sessionCookie(onB.jar)).toBeUndefined();
    // The sign-in form shows "throttled:N" as "Try again in N s" (components/auth/sign-in-form.tsx).
    expect(Number(onB.error!.slice("throttled:".length))).toBeGreaterThanOrEqual(1);
    const [events] = await sql<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM "AuthEvent" WHERE action = 'signin.throttled' AND email = $1`, [
      victim.email,
    ]);
    expect(events.n).toBe(2);
  });

  // Last in this file: it locks the token check for this machine's address (127.0.0.1).
  it("answers 429 with Retry-After on both instances after the same number of failed token checks", async () => {
    const free = RULES.address.freeFailures;
    const statuses: number[] = [];
    for (let i = 0; i <= free; i++) {
      statuses.push((await call([A, B][i % 2].base, "GET", "/api/v1/projects", { token: `wp_guess_${i}_${"x".repeat(30)}` })).status);
    }
    expect(statuses).toEqual(Array(free + 1).fill(401));
    // Even the right token is refused while the address is locked (1 s): no token is looked up.
    const answers = await Promise.all([A, B].map((instance) => call(instance.base, "GET", "/api/v1/projects", { token })));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `${[A, B][i].name}: ${answer.body}`).toBe(429);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });
});
