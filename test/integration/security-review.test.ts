/**
 * The holes an outside security review found (issue 21), each reproduced as the review describes
 * it. The test names carry the review's numbers.
 */
import { beforeEach, describe, expect, test, vi } from "vitest";
import type { JWT } from "next-auth/jwt";
import type { Session } from "next-auth";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject, PASSWORD, tokenHeaders } from "../helpers/factories";
import { call, callRoute } from "../helpers/route";
import { pinClock } from "../helpers/clock";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { createItem } from "@/lib/inventory/items";
import { claimItem } from "@/lib/claims/claims";
import { changeMemberRole, removeMember } from "@/lib/members/members";
import { createSlot, signUp as signUpForSession, upcomingSessions } from "@/lib/stewardship/office-hours";
import { authorizeCredentials, SignInThrottled } from "@/lib/auth/sign-in";
import { authOptions } from "@/lib/auth/options";
import { changePassword } from "@/lib/accounts/change-password";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed-demo";
import { signIn } from "../helpers/session";

const items = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
const projects = await import("@/app/api/v1/projects/route");
const claims = await import("@/app/api/v1/projects/[projectId]/claims/route");
const signups = await import("@/app/api/v1/projects/[projectId]/office-hours/[slotId]/sessions/[date]/signups/route");
const imports = await import("@/app/api/v1/projects/[projectId]/imports/route");
const commit = await import("@/app/api/v1/projects/[projectId]/imports/[importId]/commit/route");

beforeEach(() => {
  signIn(null);
});

async function twoTenants() {
  const db = await testDb();
  const a = await newAdmin(db, "Alice");
  const b = await newAdmin(db, "Bob");
  const aProject = await newProject(db, a.ctx, { name: "A port" });
  const bProject = await newProject(db, b.ctx, { name: "B port" });
  return { db, a, b, aProject, bProject };
}

describe("issue 21: tenancy", () => {
  test("21.1 a foreign id as a page cursor is an oracle: it is refused with 400, in every cursor-paginated list", async () => {
    const { db, a, b, aProject, bProject } = await twoTenants();
    const headers = await tokenHeaders(db, a.ctx, aProject.id, "VIEWER");
    for (const [path, traffic] of [
      ["/a", 10],
      ["/b", 20],
      ["/c", 30],
    ] as const)
      await createItem(db, a.ctx, aProject.id, "ROUTE", { method: "GET", path, trafficPerDay: traffic });
    const foreign = await createItem(db, b.ctx, bProject.id, "ROUTE", { method: "GET", path: "/secret", trafficPerDay: 25 });

    const attack = await call(items.GET, { projectId: aProject.id, kind: "routes" }, { headers, query: `?sort=traffic&cursor=${foreign.id}` });
    expect(attack.status).toBe(400);
    expect(attack.body.error.details.fields).toHaveProperty("cursor");
    expect(JSON.stringify(attack.body)).not.toContain("/a");
    // An unknown id answers the same: nothing tells a foreign row from no row.
    const unknown = await call(items.GET, { projectId: aProject.id, kind: "routes" }, { headers, query: "?sort=traffic&cursor=clxxxxxxxxxxxxxxxxxxxxxxx" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(attack.body.error.message);

    // A real cursor still pages.
    const first = await call(items.GET, { projectId: aProject.id, kind: "routes" }, { headers, query: "?sort=traffic&limit=2" });
    const second = await call(
      items.GET,
      { projectId: aProject.id, kind: "routes" },
      { headers, query: `?sort=traffic&limit=2&cursor=${first.body.nextCursor}` },
    );
    expect(second.body.data.map((r: { path: string }) => r.path)).toEqual(["/a"]);

    // The projects list: another organisation's project id as a cursor.
    signIn(a.user.id);
    const projectAttack = await call(projects.GET, {}, { query: `?cursor=${bProject.id}` });
    expect(projectAttack.status).toBe(400);
    expect(JSON.stringify(projectAttack.body)).not.toContain("A port");
  });
});

describe("issue 21: roles", () => {
  test("21.2 a viewer reads other people's office-hour questions: only hosts and stewards see every sign-up, others their own", async () => {
    pinClock("2026-06-10T08:00:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const org = admin.organization.id;
    const host = await newMember(db, org, "ENGINEER", "Hana Host");
    const eve = await newMember(db, org, "ENGINEER", "Eve");
    const viewer = await newMember(db, org, "VIEWER", "Vic Viewer");
    const slot = await createSlot(db, admin.ctx, project.id, {
      weekday: 3,
      startTime: "10:00",
      durationMinutes: 60,
      timeZone: "UTC",
      startsOn: "2026-06-01",
      capacity: 4,
      location: "Room 1",
      hosts: [host.user.id],
    });
    const [next] = await upcomingSessions(db, admin.ctx, project.id, { weeks: 2 });
    await signUpForSession(db, eve.ctx, project.id, slot.id, { sessionDate: next.date, topic: "Our payroll export leaks salaries" });
    const path = { projectId: project.id, slotId: slot.id, date: next.date };

    signIn(viewer.user.id);
    const asViewer = await call(signups.GET, path);
    expect(asViewer.status).toBe(200);
    expect(JSON.stringify(asViewer.body)).not.toContain("payroll");
    signIn(eve.user.id);
    expect(JSON.stringify((await call(signups.GET, path)).body)).toContain("payroll");
    signIn(host.user.id);
    expect(JSON.stringify((await call(signups.GET, path)).body)).toContain("payroll");
    signIn(admin.user.id);
    expect(JSON.stringify((await call(signups.GET, path)).body)).toContain("payroll");
    pinClock();
  });

  test("21.3 an engineer creates organisation teams through an import: the team is not created, the row is kept without that owner, with a warning", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const engineer = await tokenHeaders(db, admin.ctx, project.id, "ENGINEER", "ci");
    const csv = "path,owner,complexity\napp/billing,Team Shadow,2\n";
    const preview = await callRoute(
      imports.POST,
      { projectId: project.id },
      {
        method: "POST",
        headers: { Authorization: engineer.Authorization, "content-type": "text/csv" },
        body: csv,
        query: "?format=csv&kind=modules&fileName=modules.csv",
      },
    );
    expect(preview.status).toBe(201);
    const body = await preview.json();
    expect(body.summary.teamsToCreate).toEqual([]);
    expect(body.issues).toEqual([
      expect.objectContaining({ severity: "warning", line: 2, field: "owner", message: expect.stringContaining('no team "Team Shadow"') }),
    ]);
    expect((await call(commit.POST, { projectId: project.id, importId: body.id }, { method: "POST", headers: engineer })).status).toBe(200);
    expect(await db.team.count({ where: { organizationId: admin.organization.id } })).toBe(0);
    const row = await db.item.findFirstOrThrow({ where: { projectId: project.id, key: "app/billing" } });
    expect(row).toMatchObject({ ownerTeamId: null, ownerUserId: null, complexity: 2 });

    // A manager's import does create it.
    signIn(admin.user.id);
    const managerPreview = await callRoute(
      imports.POST,
      { projectId: project.id },
      {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: "path,owner\napp/billing,Team Shadow\n",
        query: "?format=csv&kind=modules&fileName=modules.csv",
      },
    );
    const managerBody = await managerPreview.json();
    expect(managerBody.summary.teamsToCreate).toEqual(["Team Shadow"]);
    await call(commit.POST, { projectId: project.id, importId: managerBody.id }, { method: "POST" });
    expect(await db.team.count({ where: { organizationId: admin.organization.id, name: "Team Shadow" } })).toBe(1);
  });

  test("21.4 member e-mail addresses reach viewers and viewer tokens through claims: names only, unless the reader may manage members", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const eng = await newMember(db, admin.organization.id, "ENGINEER", "Erin Engineer");
    const viewer = await newMember(db, admin.organization.id, "VIEWER", "Vic Viewer");
    const route = await createItem(db, admin.ctx, project.id, "ROUTE", { method: "GET", path: "/x" });
    await claimItem(db, eng.ctx, project.id, route.id);

    const viewerToken = await tokenHeaders(db, admin.ctx, project.id, "VIEWER");
    const byToken = await call(claims.GET, { projectId: project.id }, { headers: viewerToken });
    expect(byToken.body.data[0].holder).toEqual({ id: eng.user.id, name: "Erin Engineer" });
    expect(JSON.stringify(byToken.body)).not.toContain(eng.user.email);
    signIn(viewer.user.id);
    expect(JSON.stringify((await call(claims.GET, { projectId: project.id })).body)).not.toContain(eng.user.email);
    signIn(eng.user.id);
    expect((await call(claims.GET, { projectId: project.id })).body.data[0].holder.email).toBe(eng.user.email);
    signIn(admin.user.id);
    expect((await call(claims.GET, { projectId: project.id })).body.data[0].holder.email).toBe(eng.user.email);
  });
});

describe("issue 21: sessions and tokens", () => {
  test("21.5 no throttle on sign-in: 200 wrong passwords in a row are mostly refused unheard, the right one waits for the lock, and every refusal is audited", async () => {
    pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const { user } = await newAdmin(db, "Target");
    const address = "203.0.113.7";
    let heard = 0;
    let throttled = 0;
    let lastWait = 0;
    for (let i = 0; i < 200; i++) {
      try {
        expect(await authorizeCredentials(db, { email: user.email, password: `wrong-${i}` }, address)).toBeNull();
        heard++;
      } catch (error) {
        expect(error).toBeInstanceOf(SignInThrottled);
        lastWait = (error as SignInThrottled).retryAfter;
        throttled++;
      }
    }
    // Five free failures, then each heard failure locks for longer; the attempts in between are refused unheard.
    expect(heard).toBeLessThanOrEqual(6);
    expect(throttled).toBe(200 - heard);
    expect(lastWait).toBeGreaterThan(0);
    const during = await authorizeCredentials(db, { email: user.email, password: PASSWORD }, "198.51.100.1").catch((e) => e);
    expect(during).toBeInstanceOf(SignInThrottled);
    expect((during as Error).message).toMatch(/^throttled:\d+$/);
    expect(await db.authEvent.count({ where: { email: user.email, action: "signin.failed" } })).toBe(heard);
    expect(await db.authEvent.count({ where: { email: user.email, action: "signin.throttled" } })).toBe(throttled + 1);

    // Once the lock has passed, the right password signs in and the count starts again.
    pinClock(new Date(Date.now() + (lastWait + 1) * 1000));
    expect(await authorizeCredentials(db, { email: user.email, password: PASSWORD }, "198.51.100.1")).toMatchObject({ id: user.id });
    expect(await db.authThrottle.count({ where: { key: { startsWith: "signin:account:" } } })).toBe(0);
    pinClock();
  });

  test("21.5 bad bearer tokens are throttled per client address too: 429 with Retry-After, then heard again", async () => {
    pinClock("2026-06-10T12:00:00Z");
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const good = await tokenHeaders(db, admin.ctx, project.id, "VIEWER");
    const from = (address: string, authorization: string) => ({ headers: { Authorization: authorization, [CLIENT_ADDRESS_HEADER]: address } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await callRoute(items.GET, { projectId: project.id, kind: "routes" }, from("203.0.113.9", `Bearer wpt_guess${i}`))).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(21)).toEqual(Array(9).fill(429));
    const refused = await callRoute(items.GET, { projectId: project.id, kind: "routes" }, from("203.0.113.9", good.Authorization));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not concerned.
    expect((await callRoute(items.GET, { projectId: project.id, kind: "routes" }, from("198.51.100.2", good.Authorization))).status).toBe(200);
    expect(await db.authEvent.count({ where: { action: "token.failed", address: "203.0.113.9" } })).toBe(21);
    pinClock(new Date(Date.now() + 3_600_000));
    expect((await callRoute(items.GET, { projectId: project.id, kind: "routes" }, from("203.0.113.9", good.Authorization))).status).toBe(200);
    pinClock();
  });

  test("21.6 tokens outlive their maker's rights: a token acts at most with its maker's current role, and dies with the maker's membership", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const manager = await newMember(db, admin.organization.id, "MANAGER", "Mo Manager");
    const { secret } = await createApiToken(db, manager.ctx, { projectId: project.id, name: "deploy", role: "MANAGER" });
    const { secret: other } = await createApiToken(db, manager.ctx, { projectId: project.id, name: "nightly", role: "ENGINEER" });
    const headers = { Authorization: `Bearer ${secret}` };
    const create = (path: string) => call(items.POST, { projectId: project.id, kind: "routes" }, { method: "POST", headers, json: { method: "GET", path } });
    expect((await create("/before")).status).toBe(201);

    await changeMemberRole(db, admin.ctx, { membershipId: manager.membership.id, role: "VIEWER" });
    expect((await create("/after-demotion")).status).toBe(403);
    expect(await db.item.count({ where: { projectId: project.id, path: "/after-demotion" } })).toBe(0);
    expect((await call(items.GET, { projectId: project.id, kind: "routes" }, { headers })).status).toBe(200);

    await removeMember(db, admin.ctx, { membershipId: manager.membership.id });
    expect((await call(items.GET, { projectId: project.id, kind: "routes" }, { headers })).status).toBe(401);
    expect((await call(items.GET, { projectId: project.id, kind: "routes" }, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(401);
    expect(await db.apiToken.count({ where: { createdById: manager.user.id, revokedAt: null } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.removed", organizationId: admin.organization.id } });
    expect(audit.data).toMatchObject({ tokensRevoked: ["deploy", "nightly"] });
  });

  test("21.7 sign-out does not end the session: a cookie saved before sign-out, removal, a role change or a password change reads as signed out", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const member = await newMember(db, admin.organization.id, "ENGINEER", "Sam");
    const callbacks = authOptions.callbacks!;
    const signIn = async (userId: string) =>
      (await callbacks.jwt!({
        token: { sub: userId } as JWT,
        user: { id: userId, email: "x@example.test", name: "x" },
        account: { provider: "credentials", type: "credentials", providerAccountId: userId },
        trigger: "signIn",
      })) as JWT;
    const read = async (token: JWT) =>
      (await callbacks.session!({
        session: { user: { id: "", name: "x" }, expires: "2099-01-01T00:00:00Z" } as Session,
        token,
        user: undefined as never,
        newSession: undefined,
        trigger: "update",
      })) as Session;

    const saved = await signIn(member.user.id);
    expect((await read(saved)).user?.id).toBe(member.user.id);
    await authOptions.events!.signOut!({ token: saved, session: undefined as never });
    expect((await read(saved)).user).toBeUndefined();

    const beforeRoleChange = await signIn(member.user.id);
    await changeMemberRole(db, admin.ctx, { membershipId: member.membership.id, role: "VIEWER" });
    expect((await read(beforeRoleChange)).user).toBeUndefined();

    const beforeRemoval = await signIn(member.user.id);
    await removeMember(db, admin.ctx, { membershipId: member.membership.id });
    expect((await read(beforeRemoval)).user).toBeUndefined();

    const otherDevice = await signIn(admin.user.id);
    const thisDevice = await signIn(admin.user.id);
    await changePassword(db, admin.user.id, { currentPassword: PASSWORD, newPassword: "Quiet-Harbour-Lantern-42" });
    expect((await read(otherDevice)).user).toBeUndefined();
    expect((await read(thisDevice)).user).toBeUndefined();
    // A token forged without a session row, or for another user, is no session either.
    expect((await read({ uid: admin.user.id, sid: "made-up" } as JWT)).user).toBeUndefined();
    const fresh = await signIn(admin.user.id);
    expect((await read({ ...fresh, uid: member.user.id })).user).toBeUndefined();
    expect((await read(fresh)).user?.id).toBe(admin.user.id);
  });
});

describe("issue 21: cross-site writes", () => {
  test("21.8 the API takes cookie-authenticated writes from other origins: refused (403) from another origin, 415 for a text/plain body; tokens unaffected", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    signIn(admin.user.id);
    const body = JSON.stringify({ method: "GET", path: "/forged" });
    const forged = { method: "POST", body, headers: { origin: "http://localhost:4000", "sec-fetch-site": "same-site", "content-type": "text/plain" } };
    const fromOtherPort = await call(items.POST, { projectId: project.id, kind: "routes" }, forged);
    expect(fromOtherPort.status).toBe(403);
    expect(fromOtherPort.body.error.message).toContain("another site");
    // No Origin at all (a non-browser client replaying the cookie) is no better.
    const noOrigin = await call(
      items.POST,
      { projectId: project.id, kind: "routes" },
      { method: "POST", body, headers: { origin: "", "content-type": "application/json" } },
    );
    expect(noOrigin.status).toBe(403);
    // From the app itself, but as text/plain (what a no-cors fetch can send): 415.
    const plain = await call(items.POST, { projectId: project.id, kind: "routes" }, { method: "POST", body, headers: { "content-type": "text/plain" } });
    expect(plain.status).toBe(415);
    expect(await db.item.count({ where: { projectId: project.id } })).toBe(0);
    // The same write from the app's own page passes; a token's request is judged by the token alone.
    expect(
      (await call(items.POST, { projectId: project.id, kind: "routes" }, { method: "POST", body, headers: { "sec-fetch-site": "same-origin", origin: "" } }))
        .status,
    ).toBe(201);
    signIn(null);
    const token = await tokenHeaders(db, admin.ctx, project.id, "ENGINEER");
    expect(
      (
        await call(
          items.POST,
          { projectId: project.id, kind: "routes" },
          { method: "POST", json: { method: "GET", path: "/by-token" }, headers: { ...token, origin: "http://evil.example" } },
        )
      ).status,
    ).toBe(201);
  });
});

describe("issue 21: input", () => {
  test("21.10 invalid UTF-8 in a JSON body is 400 and stores nothing; a JSON body sent as multipart/form-data is 415", async () => {
    const db = await testDb();
    const admin = await newAdmin(db);
    const project = await newProject(db, admin.ctx);
    const headers = await tokenHeaders(db, admin.ctx, project.id, "ENGINEER");
    const prefix = new TextEncoder().encode('{"method":"GET","path":"/caf');
    const suffix = new TextEncoder().encode('"}');
    const bytes = new Uint8Array([...prefix, 0xff, 0xfe, ...suffix]);
    const bad = await call(items.POST, { projectId: project.id, kind: "routes" }, { method: "POST", headers, body: bytes });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("The request body is not valid UTF-8.");
    const form = new FormData();
    form.append("method", "GET");
    form.append("path", "/form");
    const { "Content-Type": _json, ...auth } = headers;
    const multipart = await call(items.POST, { projectId: project.id, kind: "routes" }, { method: "POST", headers: auth, body: form });
    expect(multipart.status).toBe(415);
    expect(multipart.body.error.code).toBe("unsupported_media_type");
    expect(await db.item.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("issue 21: defaults", () => {
  test("21.13 the demo sign-in works in development and, in production, only with WAYPOINT_DEMO=1", async () => {
    const db = await testDb();
    await seedDemo(db);
    const demo = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
    expect(await authorizeCredentials(db, demo, "10.0.0.1")).toMatchObject({ email: DEMO_EMAIL });
    vi.stubEnv("NODE_ENV", "production");
    try {
      expect(await authorizeCredentials(db, demo, "10.0.0.1")).toBeNull();
      expect(await db.authEvent.count({ where: { action: "signin.demo_refused" } })).toBe(1);
      vi.stubEnv("WAYPOINT_DEMO", "1");
      expect(await authorizeCredentials(db, demo, "10.0.0.1")).toMatchObject({ email: DEMO_EMAIL });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
