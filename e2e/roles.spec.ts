import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { DESKTOP, expectNoSidewaysScroll, inviteLink, newAccount, PHONE, signInAsDemo, type Account } from "./helpers";

/**
 * Each role's journey through the demo project, on a desktop and on a phone (390 px), with the
 * people the demo's admin invites: a manager, a steward, an engineer and a viewer, each signing up
 * through their invitation link. Then every page of the app, as each role: its HTTP status, and
 * that it does not scroll sideways on the phone. The screenshots of docs/screens/ are taken here
 * (`WAYPOINT_UPDATE_SCREENS=1 npx playwright test e2e/roles.spec.ts` renews them).
 */

const ORG = "demo";
const BASE = "/orgs/demo/projects/php-to-python";
// docs/screens/ is committed: the tests write there when asked (WAYPOINT_UPDATE_SCREENS=1), else beside their results.
const SCREENS =
  process.env.WAYPOINT_UPDATE_SCREENS === "1"
    ? path.join(import.meta.dirname, "..", "docs", "screens")
    : path.join(import.meta.dirname, "..", "test-results", "screens");
const STATES = path.join(import.meta.dirname, "..", "test-results", "role-sessions");

type Role = "Admin" | "Manager" | "Steward" | "Engineer" | "Viewer";
const INVITED: Role[] = ["Manager", "Steward", "Engineer", "Viewer"];
const people = new Map<Role, { account: Account; storageState: string }>();

test.describe.configure({ mode: "serial" });

/** A new person signs up through the invitation link and joins the demo organisation, and only it. */
async function joinByInvitation(browser: Browser, role: Role, link: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = newAccount(role);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Demo Co" })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByTestId("signup-invitation")).toHaveText("You will join Demo Co.");
  await expect(page.getByLabel("Organisation name")).toHaveCount(0);
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`**/orgs/${ORG}`);
  await expect(page.getByRole("heading", { name: "Migration projects" })).toBeVisible();
  // No organisation of their own: the switcher offers the demo organisation and "New organisation" only.
  await expect(page.locator("#org-switcher option")).toHaveText(["Demo Co", "+ New organisation…"]);
  await expect(page.getByText(`Your role here: ${role}`)).toBeAttached();
  const storageState = path.join(STATES, `${role.toLowerCase()}.json`);
  await context.storageState({ path: storageState });
  await context.close();
  people.set(role, { account, storageState });
}

test.beforeAll(async ({ browser }) => {
  fs.mkdirSync(STATES, { recursive: true });
  fs.mkdirSync(SCREENS, { recursive: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsDemo(page);
  const links = new Map<Role, string>();
  for (const role of INVITED) links.set(role, await inviteLink(page, ORG, role));
  const storageState = path.join(STATES, "admin.json");
  await context.storageState({ path: storageState });
  await context.close();
  people.set("Admin", { account: { name: "Dana Demo", email: "demo@waypoint.local", password: "", organizationName: "Demo Co" }, storageState });
  for (const role of INVITED) await joinByInvitation(browser, role, links.get(role)!);
});

async function open(browser: Browser, role: Role, device: BrowserContextOptions = DESKTOP) {
  const context = await browser.newContext({ ...device, storageState: people.get(role)!.storageState });
  return { context, page: await context.newPage() };
}

const tabs = (page: Page) => page.getByRole("navigation", { name: "Project" });

/** Opens a project tab by its link (scrolled into view inside the tab bar on a phone). */
async function openTab(page: Page, name: string, url: string) {
  await tabs(page).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(`**${url}`);
  await expect(tabs(page).getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
}

/** "20 of 85": how many items of all kinds Progress counts as ported. */
async function portedCount(page: Page): Promise<number> {
  await page.goto(`${BASE}/progress`);
  const text = await page.getByTestId("summary-count").innerText();
  const match = /^(\d+) of \d+$/.exec(text.trim());
  expect(match, `summary-count: ${text}`).not.toBeNull();
  return Number(match![1]);
}

for (const [device, options] of [
  ["desktop", DESKTOP],
  ["390 px", PHONE],
] as const) {
  test(`manager: overview → progress → settings (${device})`, async ({ browser }) => {
    const { context, page } = await open(browser, "Manager", options);
    await page.goto(BASE);
    await expect(page.getByRole("heading", { level: 1, name: "Web app: PHP → Python" })).toBeVisible();
    await expect(tabs(page).getByRole("link")).toHaveText([
      "Overview",
      "Progress",
      "Next targets",
      "My work",
      "Claims",
      /^Review( \(\d+\))?$/,
      "Stewardship",
      "Inventory",
      "Code review",
      "Cutover",
      "Status page",
      "Import",
      "API tokens",
      "Settings",
    ]);
    await expect(tabs(page).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    if (device === "390 px") {
      // The tab bar scrolls inside itself, with a cue at the edge that has more.
      await expect(page.getByTestId("tabs-more-after")).toBeVisible();
      await expect(page.getByTestId("tabs-more-before")).toHaveCount(0);
      await expectNoSidewaysScroll(page, "Overview");
    }
    await openTab(page, "Progress", `${BASE}/progress`);
    await expect(page.getByTestId("summary-count")).toHaveText(/^\d+ of \d+$/);
    await expect(page.getByRole("figure", { name: "How much is ported, and how much is there to port?" })).toBeVisible();
    await openTab(page, "Settings", `${BASE}/settings`);
    if (device === "390 px") {
      await expect(page.getByTestId("tabs-more-before")).toBeVisible();
      await expect(page.getByTestId("tabs-more-after")).toHaveCount(0);
    }
    await expect(page.getByRole("heading", { name: "Details" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("Web app: PHP → Python");
    await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
    // The organisation's settings are the admins': neither in the manager's header nor open to them.
    await expect(page.getByRole("navigation", { name: "Organisation" }).getByRole("link")).toHaveText(["Projects", "Teams", "Members", "Notifications"]);
    expect((await page.goto(`/orgs/${ORG}/settings`))?.status()).toBe(403);
    await context.close();
  });

  test(`steward: next targets → meeting → decision (${device})`, async ({ browser }) => {
    const { context, page } = await open(browser, "Steward", options);
    await page.goto(`${BASE}/next`);
    await expect(tabs(page).getByRole("link")).toHaveText([
      "Overview",
      "Progress",
      "Next targets",
      "My work",
      "Claims",
      /^Review( \(\d+\))?$/,
      "Stewardship",
      "Inventory",
      "Code review",
      "Cutover",
      "Status page",
      "Import",
      "API tokens",
      "Settings",
    ]);
    await expect(page.getByTestId("ranked-item").first()).toBeVisible();
    const tune = page.getByRole("link", { name: "Tune the ranking →" });
    if (device === "390 px") {
      // On a phone the filters are folded away under "Filters" until asked for.
      const filters = page.getByTestId("filter-disclosure");
      await expect(filters).not.toHaveAttribute("open");
      await expect(page.getByLabel("Kind", { exact: true })).toBeHidden();
      await filters.locator("summary").click();
      await expect(page.getByLabel("Kind", { exact: true })).toBeVisible();
      await expectNoSidewaysScroll(page, "Next targets, filters open");
    } else {
      await expect(page.getByTestId("filter-disclosure").locator("summary")).toBeHidden();
      await expect(page.getByLabel("Kind", { exact: true })).toBeVisible();
    }
    await expect(tune).toBeVisible();
    await openTab(page, "Stewardship", `${BASE}/stewardship`);
    await page.getByRole("navigation", { name: "Stewardship" }).getByRole("link", { name: "Meetings" }).click();
    await page.waitForURL(`**${BASE}/stewardship/meetings`);
    await page.getByTestId("meeting-row").first().getByRole("link", { name: "Stewardship meeting" }).click();
    await page.waitForURL(/\/stewardship\/meetings\/[^/]+$/);
    await expect(page.getByRole("heading", { name: "Stewardship meeting" })).toBeVisible();
    if (device === "390 px") await expectNoSidewaysScroll(page, "the meeting");
    await page.getByRole("link", { name: "Record a decision" }).click();
    await page.waitForURL(/\/stewardship\/decisions\/new\?meetingId=/);
    const title = `Serve static files from the CDN (${device})`;
    await page.getByLabel("Title").fill(title);
    await page.getByRole("textbox", { name: "Decision", exact: true }).fill("Both stacks read assets from the CDN; neither serves /static.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await page.waitForURL(/\/stewardship\/decisions\/[^/?]+(\?created=1)?$/);
    await expect(page.getByRole("heading", { name: new RegExp(`^D-\\d+ ${title.replace(/[()]/g, "\\$&")}$`) })).toBeVisible();
    await expect(page.getByRole("link", { name: /^meeting of / })).toBeVisible();
    if (device === "390 px") await expectNoSidewaysScroll(page, "the decision");
    await context.close();
  });

  // The single-state rules end to end: a claimed dependency marked ported from My work.
  const dependency =
    device === "desktop"
      ? { key: "elasticsearch/elasticsearch", plan: "Upgrade to 8.12.1", done: "Upgraded to 8.12.1" }
      : { key: "sentry/sentry", plan: "Upgrade to 1.45.0", done: "Upgraded to 1.45.0" };
  test(`engineer: claim ${dependency.key} from Next targets → My work → Mark ported → Undo → Mark ported again (${device})`, async ({ browser }) => {
    const { context, page } = await open(browser, "Engineer", options);
    const before = await portedCount(page);

    await page.goto(`${BASE}/next?kind=DEPENDENCY`);
    await expect(tabs(page).getByRole("link")).toHaveText([
      "Overview",
      "Progress",
      "Next targets",
      "My work",
      "Claims",
      /^Review( \(\d+\))?$/,
      "Stewardship",
      "Inventory",
      "Code review",
      "Cutover",
      "Status page",
      "Import",
      "API tokens",
    ]);
    const ranked = page.getByTestId("ranked-item").filter({ hasText: dependency.key });
    await expect(ranked).toHaveCount(1);
    const itemHref = await ranked.getByRole("link", { name: dependency.key, exact: true }).getAttribute("href");
    expect(itemHref).toMatch(/\/items\/[^/]+$/);
    await ranked.getByRole("button", { name: "Claim", exact: true }).click();
    await expect(ranked.getByTestId("claimed-by")).toHaveText(`Claimed by ${people.get("Engineer")!.account.name}`);

    await openTab(page, "My work", `${BASE}/my-work`);
    const mine = page.getByTestId("claims-table").locator("tbody tr").filter({ hasText: dependency.key });
    await expect(mine).toContainText(dependency.plan);
    if (device === "390 px") await expectNoSidewaysScroll(page, "My work");

    const markPorted = page.getByRole("button", { name: `Mark ported: ${dependency.key}` });
    await markPorted.click();
    const toast = page.getByTestId("toast");
    await expect(toast).toContainText(`${dependency.key}: ported; your claim is completed.`);
    await expect(mine).toHaveCount(0);
    // Undo puts the status back and gives the claim back.
    await toast.getByRole("button", { name: "Undo" }).click();
    await expect(toast).toContainText("Undone.");
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText("Not started");
    await markPorted.click();
    await expect(toast).toContainText(`${dependency.key}: ported; your claim is completed.`);
    await expect(mine).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("claims-table").locator("tbody tr").filter({ hasText: dependency.key })).toHaveCount(0);

    // Gone from Next targets.
    await page.goto(`${BASE}/next?kind=DEPENDENCY`);
    await expect(page.getByTestId("ranked-item").first()).toBeVisible();
    await expect(page.getByTestId("ranked-item").filter({ hasText: dependency.key })).toHaveCount(0);
    // The item's header agrees: Ported, the plan in the past tense, no claim held, the claim recorded as completed.
    await page.goto(itemHref!);
    await expect(page.getByRole("heading", { level: 2, name: dependency.key })).toBeVisible();
    await expect(page.locator("header").getByText("Ported", { exact: true })).toBeVisible();
    await expect(page.getByTestId("dependency-plan")).toHaveText(dependency.done);
    await expect(page.getByTestId("claim-holder")).toHaveCount(0);
    await expect(page.getByTestId("history-row").filter({ hasText: "claim completed" }).first()).toBeVisible();
    if (device === "390 px") await expectNoSidewaysScroll(page, "the item");
    // Progress counts it: one more ported.
    expect(await portedCount(page)).toBe(before + 1);
    await context.close();
  });

  test(`viewer: reads everything, sees no edit controls, and edit pages refuse (${device})`, async ({ browser }) => {
    const { context, page } = await open(browser, "Viewer", options);
    await page.goto(BASE);
    await expect(tabs(page).getByRole("link")).toHaveText([
      "Overview",
      "Progress",
      "Next targets",
      "Claims",
      "Stewardship",
      "Inventory",
      "Code review",
      "Cutover",
      "Status page",
    ]);
    await expect(page.getByRole("navigation", { name: "Organisation" }).getByRole("link")).toHaveText(["Projects", "Teams", "Members", "Notifications"]);
    await openTab(page, "Progress", `${BASE}/progress`);
    await expect(page.getByTestId("summary-count")).toHaveText(/^\d+ of \d+$/);
    await openTab(page, "Next targets", `${BASE}/next`);
    await expect(page.getByTestId("ranked-item").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Claim" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Start|Mark ported|Mark verified|Release)/ })).toHaveCount(0);
    await openTab(page, "Inventory", `${BASE}/inventory`);
    await page.goto(`${BASE}/inventory/routes`);
    await expect(page.getByTestId("inventory-row").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Add route" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.getByTestId("inventory-row").first().getByRole("link").first().click();
    await page.waitForURL(/\/items\/[^/]+$/);
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    for (const name of ["Save changes", "Delete…", "Start", "Mark ported", "Release"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
    await expect(page.getByRole("textbox")).toHaveCount(0);
    // Direct URLs to the pages of changes are refused: 403, the "Not allowed" page, nothing of the form.
    for (const url of [
      `${BASE}/inventory/routes/new`,
      `${BASE}/import`,
      `${BASE}/settings`,
      `${BASE}/settings/ranking`,
      `${BASE}/tokens`,
      `${BASE}/stewardship/decisions/new`,
      `/orgs/${ORG}/projects/new`,
      `/orgs/${ORG}/settings`,
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
      await expect(page.getByRole("button", { name: /Save|Create|Record|Upload/ })).toHaveCount(0);
    }
    // And the server refuses the change itself, whatever a page shows.
    const projects = (await (await page.request.get("/api/v1/projects")).json()) as { data: { id: string; slug: string }[] };
    const projectId = projects.data.find((p) => p.slug === "php-to-python")!.id;
    // (From the app's own origin, as its pages post: the refusal is the role's, not the same-origin check's.)
    const origin = new URL(page.url()).origin;
    const refused = await page.request.post(`/api/v1/projects/${projectId}/routes`, {
      data: { method: "GET", path: "/viewer-was-here" },
      headers: { Origin: origin },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("Viewer");
    await context.close();
  });
}

test("screenshots of Overview, Progress and My work, on a desktop and a phone, light and dark", async ({ browser }) => {
  // The engineer holds a claim, so that My work has a row to show.
  const setup = await open(browser, "Engineer");
  await setup.page.goto(`${BASE}/next`);
  const claimable = setup.page
    .getByTestId("ranked-item")
    .filter({ has: setup.page.getByRole("button", { name: "Claim", exact: true }) })
    .first();
  const key = await claimable.getByRole("link").first().innerText();
  await claimable.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(setup.page.getByTestId("ranked-item").filter({ hasText: key }).getByTestId("claimed-by")).toBeVisible();
  await setup.context.close();

  for (const [device, options] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await open(browser, "Engineer", { ...options, colorScheme });
      for (const [name, url] of [
        ["overview", BASE],
        ["progress", `${BASE}/progress`],
        ["my-work", `${BASE}/my-work`],
      ] as const) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        if (name === "progress") await expect(page.locator(".recharts-surface").first()).toBeVisible();
        if (name === "my-work") await expect(page.getByTestId("claims-table").locator("tbody tr").first()).toBeVisible();
        // Dark means dark: the page's background is the dark scheme's.
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        if (colorScheme === "dark") expect(background, name).toBe("rgb(11, 17, 32)");
        else expect(background, name).not.toBe("rgb(11, 17, 32)");
        await page.screenshot({ path: path.join(SCREENS, `${name}-${device}-${colorScheme}.png`) });
      }
      await context.close();
    }
  }
});

/** Every page of the app, with the roles that may open it (the others get 403). */
function appPages(ids: { item: string; meeting: string; decision: string }): { path: string; roles: Role[] }[] {
  const all: Role[] = ["Admin", "Manager", "Steward", "Engineer", "Viewer"];
  const p = (suffix: string) => `${BASE}${suffix}`;
  return [
    { path: `/orgs/${ORG}`, roles: all },
    { path: `/orgs/${ORG}/teams`, roles: all },
    { path: `/orgs/${ORG}/members`, roles: all },
    { path: `/orgs/${ORG}/settings`, roles: ["Admin"] },
    { path: `/orgs/${ORG}/projects/new`, roles: ["Admin", "Manager"] },
    { path: "/orgs/new", roles: all },
    { path: "/account", roles: all },
    { path: "/inbox", roles: all },
    { path: p(""), roles: all },
    { path: p("/progress"), roles: all },
    { path: p("/next"), roles: all },
    { path: p("/my-work"), roles: all },
    { path: p("/claims"), roles: all },
    { path: p("/stewardship"), roles: all },
    { path: p("/stewardship/meetings"), roles: all },
    { path: p(`/stewardship/meetings/${ids.meeting}`), roles: all },
    { path: p("/stewardship/decisions"), roles: all },
    { path: p(`/stewardship/decisions/${ids.decision}`), roles: all },
    { path: p("/stewardship/decisions/new"), roles: ["Admin", "Manager", "Steward"] },
    { path: p("/stewardship/office-hours"), roles: all },
    { path: p("/stewardship/office-hours/slots"), roles: all },
    { path: p("/inventory"), roles: all },
    { path: p("/inventory/routes"), roles: all },
    { path: p("/inventory/modules"), roles: all },
    { path: p("/inventory/dependencies"), roles: all },
    { path: p("/inventory/routes/new"), roles: ["Admin", "Manager", "Steward", "Engineer"] },
    { path: p(`/items/${ids.item}`), roles: all },
    { path: p("/import"), roles: ["Admin", "Manager", "Steward", "Engineer"] },
    // Members who claim see their coding agents' tokens there (issue 23).
    { path: p("/tokens"), roles: ["Admin", "Manager", "Steward", "Engineer"] },
    { path: p("/settings"), roles: ["Admin", "Manager", "Steward"] },
    { path: p("/settings/ranking"), roles: ["Admin", "Manager", "Steward"] },
  ];
}

test("every page answers its HTTP status to each role, and none scrolls sideways at 390 px; signed out, each redirects to sign-in and back", async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  // Real ids of the demo project, read through the API as its admin.
  const admin = await open(browser, "Admin");
  const projectId = ((await (await admin.page.request.get("/api/v1/projects")).json()) as { data: { id: string; slug: string }[] }).data.find(
    (p) => p.slug === "php-to-python",
  )!.id;
  const first = async (what: string) =>
    ((await (await admin.page.request.get(`/api/v1/projects/${projectId}/${what}?limit=1`)).json()) as { data: { id: string }[] }).data[0].id;
  const ids = { item: await first("routes"), meeting: await first("meetings"), decision: await first("decisions") };
  await admin.context.close();
  const pages = appPages(ids);

  for (const role of ["Admin", "Manager", "Steward", "Engineer", "Viewer"] as Role[]) {
    const { context, page } = await open(browser, role, PHONE);
    for (const { path: url, roles } of pages) {
      const response = await page.goto(url);
      const expected = roles.includes(role) ? 200 : 403;
      expect(response?.status(), `${role}: ${url}`).toBe(expected);
      await expectNoSidewaysScroll(page, `${role}: ${url}`);
    }
    if (role === "Viewer") {
      // Unknown ids and slugs answer 404 (the not-found page), whoever asks.
      for (const url of [
        `${BASE}/items/no-such-item`,
        `${BASE}/stewardship/meetings/no-such-meeting`,
        `${BASE}/stewardship/decisions/no-such-decision`,
        `${BASE}/inventory/no-such-kind`,
        `${BASE}/inventory/no-such-kind/new`,
        `/orgs/${ORG}/projects/no-such-project`,
        `/orgs/${ORG}/projects/no-such-project/progress`,
        "/orgs/no-such-org",
        "/invite/no-such-invitation",
      ]) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(404);
        await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
        await expectNoSidewaysScroll(page, url);
      }
    }
    await context.close();
  }

  // Signed out: every page redirects to sign-in, naming itself (query included) as the way back.
  for (const { path: url } of [...pages, { path: `${BASE}/inventory/routes?status=PORTED&sort=traffic` }]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(307);
    expect(response.headers().location, url).toBe(`/signin?callbackUrl=${encodeURIComponent(url)}`);
  }
  for (const url of ["/signin", "/signup"]) expect((await request.get(url)).status(), url).toBe(200);
});
