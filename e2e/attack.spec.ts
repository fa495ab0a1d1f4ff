/**
 * Issue 18, the browser half of the attack suite (the API half is `npm run test:security`):
 * every page route under app/ is loaded with another tenant's ids (404, nothing of theirs shown),
 * and markup and script URLs stored in every text field the API takes are rendered by every page
 * of the project without a dialog ever firing.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { newAccount, signUp } from "./helpers";

/** Every page route under app/, as its folder path ("/orgs/[org]/projects/[project]/items/[itemId]"). */
function pageRoutes(): string[] {
  const routes: string[] = [];
  for (const file of fs.readdirSync("app", { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "page.tsx") continue;
    const dir = path.dirname(file).split(path.sep).join("/");
    routes.push(
      dir === "."
        ? "/"
        : `/${dir
            .split("/")
            .filter((s) => !/^\(.*\)$/.test(s))
            .join("/")}`,
    );
  }
  return routes.sort();
}

type World = { org: string; project: string; projectId: string; projectName: string; itemId: string; meetingId: string; decisionId: string };

/** Fills a route's [segments]; null when a segment has no value (a page outside any tenant). */
function fill(route: string, w: Partial<World>): string | null {
  const values: Record<string, string | undefined> = {
    org: w.org,
    project: w.project,
    kind: "routes",
    itemId: w.itemId,
    meetingId: w.meetingId,
    decisionId: w.decisionId,
  };
  let missing = false;
  const out = route.replace(/\[(\w+)\]/g, (_, name: string) => {
    const v = values[name];
    if (!v) missing = true;
    return v ?? "";
  });
  return missing ? null : out;
}

/** A JSON write with the signed-in user's cookie, from the app's own origin. */
async function post(request: APIRequestContext, baseURL: string, url: string, data: unknown, method: "POST" | "PATCH" = "POST") {
  const response = await request.fetch(url, { method, data, headers: { Origin: baseURL } });
  expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** A project with one of everything a page's URL can name, made through the API as `page`'s user. */
async function buildWorld(page: Page, baseURL: string, org: string, name: string, text: (field: string) => string): Promise<World> {
  const r = page.request;
  const project = await post(r, baseURL, "/api/v1/projects", {
    organization: org,
    name,
    fromStack: "PHP",
    toStack: "Python",
    description: text("description"),
  });
  const p = `/api/v1/projects/${project.id}`;
  const item = await post(r, baseURL, `${p}/routes`, {
    method: "GET",
    path: `/orders/${text("path").replace(/[^A-Za-z0-9]/g, "")}`,
    handler: text("handler"),
    notes: text("notes"),
    statusReason: text("statusReason"),
    links: ["https://example.com/ok"],
  });
  await post(r, baseURL, `${p}/modules`, { path: `app/${text("module")}`, notes: text("module notes") });
  await post(r, baseURL, `${p}/dependencies`, { name: text("dependency"), replacement: text("replacement"), currentVersion: "1", targetVersion: "2" });
  const meeting = await post(r, baseURL, `${p}/meetings`, { date: "2026-06-11", title: text("meeting title") });
  await post(r, baseURL, `${p}/meetings/${meeting.id}`, { notes: text("meeting notes") }, "PATCH");
  await post(r, baseURL, `${p}/meetings/${meeting.id}/agenda`, { title: text("agenda title"), detail: text("agenda detail"), itemIds: [item.id] });
  await post(r, baseURL, `${p}/meetings/${meeting.id}/action-items`, { text: text("action item"), itemIds: [item.id] });
  const decision = await post(r, baseURL, `${p}/decisions`, {
    title: text("decision title"),
    context: text("context"),
    decision: text("decision"),
    consequences: text("consequences"),
    itemIds: [item.id],
  });
  return { org, project: project.slug, projectId: project.id, projectName: project.name, itemId: item.id, meetingId: meeting.id, decisionId: decision.id };
}

test("every page route with another tenant's ids answers 404 and shows nothing of theirs", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  const orgB = await signUp(pageB, newAccount("AttackB"));
  const b = await buildWorld(pageB, baseURL!, orgB, "Zanzibar secret port", (f) => `Zanzibar ${f}`);
  await contextB.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const orgA = await signUp(page, newAccount("AttackA"));
  const a = await buildWorld(page, baseURL!, orgA, "Home port", (f) => `Home ${f}`);

  const tried: string[] = [];
  for (const route of pageRoutes().filter((r) => r.includes("[org]"))) {
    // All of B's ids; and A's organisation (and project) with B's ids below it.
    const urls = new Set(
      [fill(route, b), fill(route, { ...b, org: a.org }), fill(route, { ...b, org: a.org, project: a.project })].filter(
        (u): u is string => u !== null && !u.startsWith(`/orgs/${a.org}/projects/new`),
      ),
    );
    // A's own page exists (so a 404 below is about ownership): only where no id of B's remains.
    for (const url of urls) {
      if (url === fill(route, a)) continue;
      const response = await page.goto(url);
      tried.push(url);
      expect(response?.status(), url).toBe(404);
      const body = await page.locator("body").innerText();
      for (const secret of [b.projectName, "Zanzibar", b.project]) expect(body, `${url} shows ${secret}`).not.toContain(secret);
    }
  }
  console.log(`attack.spec: ${tried.length} page URLs with another tenant's ids, all 404`);
  expect(tried.length).toBeGreaterThan(40);
  await context.close();
});

test("markup and script URLs stored in every text field render as text on every page: no dialog fires", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const PAYLOADS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "javascript:alert('x3')",
    "\"><svg onload=alert('x4')>",
    "[md link](javascript:alert('x5'))",
  ];
  let n = 0;
  const text = (field: string) => `${PAYLOADS[n++ % PAYLOADS.length]} ${field}`;
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  const org = await signUp(page, newAccount("Xss"));
  const w = await buildWorld(page, baseURL!, org, "<img src=x onerror=alert('project')> port", text);
  // The rest of the project's text: office hours, a sign-up, a freeze window, a switch's reason.
  const p = `/api/v1/projects/${w.projectId}`;
  const me = (await post(page.request, baseURL!, `${p}/items/${w.itemId}/claim`, {})).holderId as string;
  const slot = await post(page.request, baseURL!, `${p}/office-hours`, {
    weekday: 3,
    startTime: "15:00",
    durationMinutes: 60,
    timeZone: "UTC",
    startsOn: "2026-01-01",
    capacity: 5,
    location: text("location"),
    hosts: [me],
  });
  const sessions = (await (await page.request.get(`${p}/office-hours/sessions`)).json()) as { data: { slotId: string; date: string }[] };
  await post(page.request, baseURL!, `${p}/office-hours/${slot.id}/sessions/${sessions.data[0].date}/signups`, { topic: text("topic") });
  await post(page.request, baseURL!, `${p}/freeze-windows`, { reason: text("freeze"), startsAt: "2027-01-01T00:00:00Z", endsAt: "2027-01-02T00:00:00Z" });
  await post(
    page.request,
    baseURL!,
    `${p}/cutover/settings`,
    { legacyUpstream: "http://legacy.internal:8080", newUpstream: "http://new.internal:8080" },
    "PATCH",
  );
  await post(page.request, baseURL!, `${p}/items/${w.itemId}/switch`, { target: { to: "shadow" }, reason: text("switch") });
  await post(page.request, baseURL!, `${p}/cutover/kill-switch`, { scope: { kind: "project" }, reason: text("kill switch") });
  // A javascript: link is refused outright.
  const link = await page.request.post(`/api/v1/projects/${w.projectId}/routes`, {
    data: { method: "GET", path: "/x", links: ["javascript:alert(1)"] },
    headers: { Origin: baseURL! },
  });
  expect(link.status()).toBe(400);

  let loaded = 0;
  let shown = "";
  for (const route of pageRoutes()) {
    const url = fill(route, w);
    if (!url || url.includes("/invite/")) continue;
    const response = await page.goto(url);
    expect(response?.status(), url).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    // Script URLs never reach an href, and the markup never became elements.
    expect(await page.locator('a[href^="javascript:" i], [src^="javascript:" i]').count(), url).toBe(0);
    expect(await page.locator('img[src="x"], svg[onload], [onerror]').count(), url).toBe(0);
    shown += await page.locator("body").innerText();
    loaded++;
  }
  // The payloads did reach the pages, as text.
  expect(shown).toContain("<img src=x onerror=alert('project')> port");
  expect(shown).toContain("<script>alert('x1')</script>");
  expect(loaded).toBeGreaterThan(25);
  expect(dialogs).toEqual([]);
});
