/**
 * What strangers can reach without a session is throttled per client address, in the database so
 * that every instance shares the count (lib/auth/throttle.ts `throttled`): making accounts,
 * guessing invitation links, asking the public status page for e-mails, and push webhooks with a
 * wrong signature. Each is refused with the seconds to wait once the address is over its rule,
 * another address is not concerned, and the address is heard again once the lock has passed.
 */
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { AppError } from "@/lib/errors";
import { RULES } from "@/lib/auth/throttle";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { signUpFrom } from "@/lib/accounts/sign-up";
import { acceptInvitationFrom, createInvitation } from "@/lib/members/invitations";
import { subscribeByShareLink } from "@/lib/status/subscribe";
import { rotateStatusShareLink } from "@/lib/status/manage";
import { linkRepository } from "@/lib/repositories/manage";
import { POST as pushWebhook } from "@/app/api/hooks/repositories/[repoId]/route";

const saved = { key: process.env.WAYPOINT_SECRET_KEY, root: process.env.WAYPOINT_REPOSITORY_ROOT };
beforeAll(() => {
  process.env.WAYPOINT_SECRET_KEY = randomBytes(32).toString("base64");
  process.env.WAYPOINT_REPOSITORY_ROOT = "/srv/git";
});
afterAll(() => {
  process.env.WAYPOINT_SECRET_KEY = saved.key;
  process.env.WAYPOINT_REPOSITORY_ROOT = saved.root;
});

/** The AppError code an attempt ends with ("ok" when it succeeds). */
async function outcome(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const hourLater = () => pinClock(new Date(Date.now() + 2 * 3_600_000 + 1000));

test("sign-ups: every attempt from one address counts; past the rule they are refused unheard and make no account", async () => {
  pinClock();
  const db = await testDb();
  const signUp = (i: number, address = "203.0.113.7") =>
    outcome(signUpFrom(db, { name: `Person ${i}`, email: `person${i}@example.com`, password: "a long enough password 1" }, address));
  const answers: string[] = [];
  for (let i = 0; i < RULES.signUp.freeFailures + 3; i++) answers.push(await signUp(i));
  expect(answers.slice(0, RULES.signUp.freeFailures)).toEqual(Array(RULES.signUp.freeFailures).fill("ok"));
  expect(answers.slice(RULES.signUp.freeFailures + 1)).toEqual(["rate_limited", "rate_limited"]);
  expect(await db.user.count({ where: { email: { startsWith: "person" } } })).toBe(
    RULES.signUp.freeFailures + (answers[RULES.signUp.freeFailures] === "ok" ? 1 : 0),
  );
  expect(await signUp(100, "198.51.100.8")).toBe("ok");
  // Joining through an invitation link is not a new organisation: the locked address may still.
  const admin = await newAdmin(db);
  const { secret } = await createInvitation(db, admin.ctx, { role: "ENGINEER" });
  const joined = signUpFrom(db, { name: "Invited", email: "invited@example.com", password: "a long enough password 1", invitation: secret }, "203.0.113.7");
  expect(await outcome(joined)).toBe("ok");
  hourLater();
  expect(await signUp(101)).toBe("ok");
});

test("invitation links: wrong links count against the address; a locked address cannot use even a good link until the lock passes", async () => {
  pinClock();
  const db = await testDb();
  const admin = await newAdmin(db);
  const user = await db.user.create({ data: { email: "guest@example.com", name: "Guest" } });
  const { secret } = await createInvitation(db, admin.ctx, { role: "ENGINEER" });
  const address = "203.0.113.8";
  const answers: string[] = [];
  for (let i = 0; i < RULES.address.freeFailures + 2; i++) answers.push(await outcome(acceptInvitationFrom(db, user.id, `wpi_guess${i}`, address)));
  expect(answers.slice(0, RULES.address.freeFailures)).toEqual(Array(RULES.address.freeFailures).fill("not_found"));
  expect(answers.at(-1)).toBe("rate_limited");
  expect(await outcome(acceptInvitationFrom(db, user.id, secret, address))).toBe("rate_limited");
  expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  hourLater();
  expect(await outcome(acceptInvitationFrom(db, user.id, secret, address))).toBe("ok");
  expect(await db.membership.count({ where: { userId: user.id, organizationId: admin.organization.id } })).toBe(1);
});

test("the public status page's e-mail form: one address cannot spend a page's hourly sign-ups; others still can", async () => {
  pinClock();
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const { secret } = await rotateStatusShareLink(db, admin.ctx, project.id);
  const ask = (i: number, address: string) => outcome(subscribeByShareLink(db, secret, { email: `reader${i}@example.com` }, address));
  const answers: string[] = [];
  for (let i = 0; i < RULES.statusSubscribe.freeFailures + 2; i++) answers.push(await ask(i, "203.0.113.9"));
  // Without an SMTP server configured the request itself is "unavailable"; the throttle answers before it.
  expect(answers.slice(0, RULES.statusSubscribe.freeFailures)).toEqual(Array(RULES.statusSubscribe.freeFailures).fill("unavailable"));
  expect(answers.at(-1)).toBe("rate_limited");
  expect(await ask(99, "198.51.100.9")).toBe("unavailable");
  expect(await db.statusSubscriber.count({ where: { projectId: project.id } })).toBe(0);
});

test("push webhooks: wrong signatures from one address are answered 401, then 429 with Retry-After before anything is read", async () => {
  pinClock();
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const { repository, webhookSecret } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: "https://8.8.8.8/acme/shop.git" });
  const body = JSON.stringify({ ref: "refs/heads/other", before: "1".repeat(40), after: "2".repeat(40), commits: [] });
  const send = async (secret: string, address: string) => {
    const request = new Request(`http://localhost/api/hooks/repositories/${repository.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
        [CLIENT_ADDRESS_HEADER]: address,
      },
      body,
    });
    const response = await pushWebhook(request, { params: Promise.resolve({ repoId: repository.id }) });
    return { status: response.status, retryAfter: response.headers.get("retry-after") };
  };
  const statuses: number[] = [];
  for (let i = 0; i < RULES.address.freeFailures + 2; i++) statuses.push((await send(`guess${i}`, "203.0.113.10")).status);
  expect(statuses.slice(0, RULES.address.freeFailures)).toEqual(Array(RULES.address.freeFailures).fill(401));
  expect(statuses.at(-1)).toBe(429);
  const locked = await send(webhookSecret, "203.0.113.10");
  expect(locked.status).toBe(429);
  expect(Number(locked.retryAfter)).toBeGreaterThan(0);
  // The host's own address is not concerned: a push to another branch is heard and ignored.
  expect((await send(webhookSecret, "140.82.112.1")).status).toBe(202);
  hourLater();
  expect((await send(webhookSecret, "203.0.113.10")).status).toBe(202);
  expect(await db.repositoryScan.count({ where: { repositoryId: repository.id } })).toBe(0);
});
