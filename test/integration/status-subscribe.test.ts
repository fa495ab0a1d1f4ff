/**
 * Issue 17, the status page's public e-mail subscription: a double opt-in from the share link's
 * page (signed out), a one-click unsubscribe link and RFC 8058 headers on every status e-mail, rate
 * limits that do not reveal whether an address is subscribed — over a real SMTP server, through the
 * real server actions and route handler.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { pinClock } from "../helpers/clock";
import { startSmtp, type ReceivedMail } from "../helpers/receivers";
import { sha256 } from "@/lib/secrets";
import { createItem } from "@/lib/inventory/items";
import { updateCutoverSettings } from "@/lib/cutover/settings";
import { rescheduleSwitch, scheduleSwitch } from "@/lib/cutover/scheduled";
import { sendStatusEvents } from "@/lib/status/send-events";
import { addStatusSubscriber, rotateStatusShareLink, setMyStatusSubscription, statusManagement, statusSubscribersFor } from "@/lib/status/manage";
import { describeConfirmation, describeUnsubscribe, purgeExpiredStatusSubscribers, SUBSCRIBE_CAP_PER_HOUR, subscribeAnswer } from "@/lib/status/subscribe";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// Each request comes from another reader's address, as on the real page: the per-address throttle
// (test/integration/public-throttles.test.ts) is not what these tests are about.
const reader = vi.hoisted(() => ({ n: 0 }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-waypoint-client-address": `198.51.100.${(reader.n++ % 250) + 1}` }) }));

const { subscribeToStatusAction } = await import("@/app/status/[token]/actions");
const { confirmStatusSubscriptionAction } = await import("@/app/status/confirm/[token]/actions");
const { unsubscribeFromStatusAction } = await import("@/app/status/unsubscribe/[token]/actions");
const oneClick = await import("@/app/status/unsubscribe/[token]/one-click/route");

const ORIGIN = "https://waypoint.example.test";
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const saved = { url: process.env.WAYPOINT_SMTP_URL, from: process.env.WAYPOINT_SMTP_FROM, nextauth: process.env.NEXTAUTH_URL };

beforeAll(async () => {
  smtp = await startSmtp();
  Object.assign(process.env, { WAYPOINT_SMTP_URL: smtp.url, WAYPOINT_SMTP_FROM: "Waypoint <waypoint@example.test>", NEXTAUTH_URL: ORIGIN });
});
afterAll(async () => {
  for (const [key, value] of [
    ["WAYPOINT_SMTP_URL", saved.url],
    ["WAYPOINT_SMTP_FROM", saved.from],
    ["NEXTAUTH_URL", saved.nextauth],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await smtp.close();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** A received mail's headers (unfolded) and text body (quoted-printable decoded). */
function parse(mail: ReceivedMail) {
  const [head, ...rest] = mail.raw.split("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const at = line.indexOf(":");
    headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  let body = rest.join("\r\n\r\n");
  if (/quoted-printable/i.test(headers.get("content-transfer-encoding") ?? "")) {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, "latin1").toString("utf8");
  }
  return { headers, body };
}

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address)).map(parse);
const linkIn = (body: string, kind: "confirm" | "unsubscribe") => {
  const match = body.match(new RegExp(`${ORIGIN}/status/${kind}/(wps[cu]_[A-Za-z0-9_-]{43})`));
  if (!match) throw new Error(`No ${kind} link in:\n${body}`);
  return match[1];
};

async function setup(name: string) {
  pinClock("2026-06-10T12:00:00Z");
  const db = await testDb();
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx, { name });
  const pid = project.id;
  await db.project.update({ where: { id: pid }, data: { timeZone: "Europe/Berlin" } });
  await updateCutoverSettings(db, admin.ctx, pid, { legacyUpstream: "http://10.0.0.5:8080", newUpstream: "https://new.internal:8443" });
  const checkout = await createItem(db, admin.ctx, pid, "ROUTE", { method: "GET", path: "/checkout", trafficPerDay: 600 });
  const steward = await newMember(db, admin.organization.id, "STEWARD", "Stella");
  const { secret } = await rotateStatusShareLink(db, steward.ctx, pid);
  return { db, ...admin, pid, checkout, steward, secret, scope: { organizationId: admin.organization.id, projectId: pid } };
}

const subscribe = (token: string, email: string) => subscribeToStatusAction(null, form({ token, email }));

describe("e-mail updates from the share link's page", () => {
  test("subscribe → one confirmation → confirm → a moved change is e-mailed with one-click unsubscribe → unsubscribed → nothing more", async () => {
    const { db, ctx, pid, checkout, steward, secret, scope } = await setup("Shop port");
    const reader = "reader@example.com";
    const lurker = "pending@example.com";

    expect(await subscribe(secret, "Reader@Example.com")).toEqual({ ok: true, message: subscribeAnswer(reader) });
    expect(await subscribe(secret, lurker)).toMatchObject({ ok: true });
    let confirmation = mailsTo(reader);
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0].headers.get("subject")).toBe("Confirm: e-mail updates about Shop port");
    const confirmToken = linkIn(confirmation[0].body, "confirm");
    // Pending: stored, shown to stewards as waiting, and not told anything.
    const row = await db.statusSubscriber.findFirstOrThrow({ where: { projectId: pid, email: reader } });
    expect(row).toMatchObject({ confirmedAt: null, confirmTokenHash: sha256(confirmToken) });
    expect(JSON.stringify(row)).not.toContain(confirmToken);
    expect(await statusSubscribersFor(db, scope)).toEqual([]);

    // A second request within the hour: refused in words, no second e-mail.
    const again = await subscribe(secret, reader);
    expect(again).toMatchObject({ code: "rate_limited" });
    expect(again?.error).toMatch(/less than an hour ago/);
    confirmation = mailsTo(reader);
    expect(confirmation).toHaveLength(1);

    // Opening the link changes nothing; its button confirms.
    expect(await describeConfirmation(db, confirmToken)).toEqual({ email: reader, projectName: "Shop port" });
    expect(await confirmStatusSubscriptionAction(null, form({ token: confirmToken }))).toMatchObject({
      ok: true,
      message: expect.stringContaining("Confirmed"),
    });
    expect(await confirmStatusSubscriptionAction(null, form({ token: confirmToken }))).toMatchObject({ code: "not_found" });
    expect(await describeConfirmation(db, confirmToken)).toBeNull();
    await addStatusSubscriber(db, steward.ctx, pid, { email: "ops@example.com" });
    expect(await statusSubscribersFor(db, scope)).toEqual(["ops@example.com", reader]);
    const listed = await statusManagement(db, steward.ctx, pid);
    expect(listed.subscribers.map((s) => [s.email, s.confirmedAt !== null])).toEqual([
      ["ops@example.com", true],
      [lurker, false],
      [reader, true],
    ]);

    // A planned switch moves: the sweep e-mails the confirmed addresses, each with its own link and headers.
    const planned = await scheduleSwitch(db, ctx, pid, { itemId: checkout.id, target: { to: "new" }, reason: "launch", at: "2026-06-16T14:00" });
    await rescheduleSwitch(db, ctx, pid, planned.id, { at: "2026-06-18T09:30" });
    await sendStatusEvents(db);
    expect(mailsTo(lurker)).toHaveLength(1); // its confirmation only
    const [moved] = mailsTo(reader).slice(1);
    expect(moved.headers.get("subject")).toBe("Shop port: a planned change");
    expect(moved.body).toContain("now happens on Thursday 18 June 2026 at 09:30 (Europe/Berlin time)");
    const unsubscribeToken = linkIn(moved.body, "unsubscribe");
    expect(moved.headers.get("list-unsubscribe")).toBe(`<${ORIGIN}/status/unsubscribe/${unsubscribeToken}/one-click>`);
    expect(moved.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const opsFirst = mailsTo("ops@example.com");
    expect(opsFirst).toHaveLength(1);
    const opsToken = linkIn(opsFirst[0].body, "unsubscribe");
    expect(opsToken).not.toBe(unsubscribeToken);

    // The share link is rotated: the old one answers 404 to the form; the e-mailed links still work.
    const { secret: second } = await rotateStatusShareLink(db, steward.ctx, pid);
    expect(await subscribe(secret, "late@example.com")).toMatchObject({ code: "not_found" });
    expect(await db.statusSubscriber.count({ where: { projectId: pid, email: "late@example.com" } })).toBe(0);
    expect(await describeUnsubscribe(db, unsubscribeToken)).toEqual({ email: reader, projectName: "Shop port" });

    // A GET of the one-click URL (a scanner) changes nothing; the mail program's POST unsubscribes.
    const params = { params: Promise.resolve({ token: unsubscribeToken }) };
    const get = await oneClick.GET(new Request(`${ORIGIN}/status/unsubscribe/${unsubscribeToken}/one-click`), params);
    expect([get.status, get.headers.get("location")]).toEqual([303, `/status/unsubscribe/${unsubscribeToken}`]);
    expect(await statusSubscribersFor(db, scope)).toEqual(["ops@example.com", reader]);
    const post = await oneClick.POST(
      new Request(`${ORIGIN}/status/unsubscribe/${unsubscribeToken}/one-click`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
      params,
    );
    expect([post.status, await post.text()]).toEqual([200, "Unsubscribed.\n"]);
    expect(await statusSubscribersFor(db, scope)).toEqual(["ops@example.com"]);
    expect(await unsubscribeFromStatusAction(null, form({ token: unsubscribeToken }))).toMatchObject({
      ok: true,
      message: expect.stringMatching(/not subscribed/),
    });

    // The next change: ops is told, the unsubscribed reader and the unconfirmed address are not.
    const before = { reader: mailsTo(reader).length, lurker: mailsTo(lurker).length };
    await rescheduleSwitch(db, ctx, pid, planned.id, { at: "2026-06-19T09:30" });
    await sendStatusEvents(db);
    expect(mailsTo(reader)).toHaveLength(before.reader);
    expect(mailsTo(lurker)).toHaveLength(before.lurker);
    expect(mailsTo("ops@example.com")).toHaveLength(2);
    // An older e-mail's link still unsubscribes (through its page's button).
    expect(await unsubscribeFromStatusAction(null, form({ token: opsToken }))).toMatchObject({
      ok: true,
      message: "Unsubscribed: ops@example.com gets no more e-mail about “Shop port”.",
    });
    expect(await statusSubscribersFor(db, scope)).toEqual([]);
    // The new share link's form works.
    expect(await subscribe(second, "new@example.com")).toMatchObject({ ok: true });
  });

  test("no enumeration: a subscribed address gets the same answer and one e-mail (with its unsubscribe link); limits per address and per link", async () => {
    const { db, pid, steward, secret, scope } = await setup("Billing port");
    await addStatusSubscriber(db, steward.ctx, pid, { email: "known@example.com" });
    const known = await subscribe(secret, "known@example.com");
    const unknown = await subscribe(secret, "unknown@example.com");
    expect(known).toEqual({ ok: true, message: subscribeAnswer("known@example.com") });
    expect(unknown).toEqual({ ok: true, message: subscribeAnswer("unknown@example.com") });
    const [told] = mailsTo("known@example.com");
    expect(told.headers.get("subject")).toBe("Billing port: you are subscribed already");
    expect(await describeUnsubscribe(db, linkIn(told.body, "unsubscribe"))).toEqual({ email: "known@example.com", projectName: "Billing port" });
    expect(told.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(await subscribe(secret, "known@example.com")).toMatchObject({ code: "rate_limited", error: expect.stringMatching(/less than an hour ago/) });
    expect(await subscribe(secret, "unknown@example.com")).toMatchObject({ code: "rate_limited", error: expect.stringMatching(/less than an hour ago/) });
    expect(await statusSubscribersFor(db, scope)).toEqual(["known@example.com"]);

    // The link's cap: SUBSCRIBE_CAP_PER_HOUR requests an hour, whoever asks.
    for (let i = 2; i < SUBSCRIBE_CAP_PER_HOUR; i++) expect(await subscribe(secret, `a${i}@example.com`)).toMatchObject({ ok: true });
    const capped = await subscribe(secret, "one-too-many@example.com");
    expect(capped).toMatchObject({ code: "rate_limited", error: "This page has had too many sign-ups in the last hour. Please try again in an hour." });
    expect(mailsTo("one-too-many@example.com")).toHaveLength(0);

    // An hour later both work again; a new request sends a new link and the old one stops working.
    const firstLink = linkIn(mailsTo("unknown@example.com")[0].body, "confirm");
    pinClock("2026-06-10T13:01:00Z");
    expect(await subscribe(secret, "unknown@example.com")).toMatchObject({ ok: true });
    expect(await subscribe(secret, "one-too-many@example.com")).toMatchObject({ ok: true });
    const secondLink = linkIn(mailsTo("unknown@example.com")[1].body, "confirm");
    expect(await describeConfirmation(db, firstLink)).toBeNull();
    expect(await describeConfirmation(db, secondLink)).toMatchObject({ email: "unknown@example.com" });

    // Pending addresses expire after 7 days: the link says so, and the sweep forgets them.
    pinClock("2026-06-17T13:02:00Z");
    expect(await confirmStatusSubscriptionAction(null, form({ token: secondLink }))).toMatchObject({
      code: "not_found",
      error: expect.stringMatching(/expired/),
    });
    expect(await purgeExpiredStatusSubscribers(db)).toBeGreaterThanOrEqual(SUBSCRIBE_CAP_PER_HOUR - 1);
    expect(await db.statusSubscriber.findMany({ where: { projectId: pid }, select: { email: true } })).toEqual([{ email: "known@example.com" }]);
  });

  test("a member's own subscription and a steward's addition confirm a pending address at once; a failed send does not count", async () => {
    const { db, pid, steward, secret, scope, organization } = await setup("Search port");
    const viewer = await newMember(db, organization.id, "VIEWER", "Vic");
    const viewerEmail = (await db.user.findUniqueOrThrow({ where: { id: viewer.user.id } })).email.toLowerCase();
    await subscribe(secret, viewerEmail);
    await subscribe(secret, "friend@example.com");
    expect(await statusSubscribersFor(db, scope)).toEqual([]);
    await setMyStatusSubscription(db, viewer.ctx, pid, { subscribed: true });
    await addStatusSubscriber(db, steward.ctx, pid, { email: "friend@example.com" });
    expect((await statusSubscribersFor(db, scope)).sort()).toEqual(["friend@example.com", viewerEmail].sort());

    process.env.WAYPOINT_SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens there
    try {
      expect(await subscribe(secret, "unlucky@example.com")).toMatchObject({ code: "unavailable", error: expect.stringMatching(/could not send/) });
    } finally {
      process.env.WAYPOINT_SMTP_URL = smtp.url;
    }
    expect(await subscribe(secret, "unlucky@example.com")).toMatchObject({ ok: true });
    expect(mailsTo("unlucky@example.com")).toHaveLength(1);
  });
});
