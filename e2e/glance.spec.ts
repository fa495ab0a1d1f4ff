import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, expectNoSidewaysScroll, PHONE, signInAsDemo } from "./helpers";

/**
 * The answer at a glance (issue 13) on the demo project: the Overview's summary, the Teams table
 * and the titled charts of Progress, and Next targets' "can start now" view — on a desktop and
 * on a 390 px phone in the dark scheme.
 */
const BASE = "/orgs/demo/projects/php-to-python";

async function signIn(page: Page) {
  await page.goto("/signin");
  await signInAsDemo(page);
}

test("Overview, Progress and Next targets answer at a glance (desktop)", async ({ browser }) => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await signIn(page);

  // Overview: done by count (saying what it counts) and by traffic, the forecast against the target, what needs attention.
  await page.goto(BASE);
  await expect(page.getByText("The forecast comes with the dashboard")).toHaveCount(0);
  await expect(page.getByText("Burn-up, forecast and risks will appear here", { exact: false })).toHaveCount(0);
  await expect(page.getByTestId("overview-count")).toContainText(/^Done by count\d+%\d+ of \d+ items of all kinds in scope; routes: \d+ of \d+/);
  await expect(page.getByTestId("overview-traffic")).toContainText(/Done by traffic\d+%[\d,]+ of [\d,]+ requests\/day/);
  const forecast = page.getByTestId("overview-forecast");
  await expect(forecast).toContainText("Forecast finish");
  // The demo's target date is ten weeks ahead: the card says whether the forecast makes it.
  await expect(forecast.getByTestId("overview-target")).toHaveText(/^(On track for|Later than) the target, \d{1,2} \w{3} \d{4}\.$/);
  const attention = page.getByRole("region", { name: "What needs attention" });
  await expect(attention.getByTestId("overview-blocker")).not.toBeEmpty();
  await expect(attention.getByText("Stuck teams (no movement for 3 weeks, work left)")).toBeVisible();
  await expect(attention.getByTestId("overview-stuck")).not.toBeEmpty();

  // Into Progress: the Teams table, at the top.
  await attention.getByRole("link", { name: "Teams →" }).click();
  await page.waitForURL(`**${BASE}/progress#teams`);
  const teams = page.getByRole("region", { name: "Which teams are moving, and which are stuck?" });
  await expect(teams).toBeVisible();
  await expect(teams.getByRole("columnheader")).toHaveText([
    "Owner",
    "Left",
    "Done, last 4 weeks",
    "Per week",
    "Last movement",
    "Stale claims",
    "Top blocker",
    "State",
  ]);
  const rows = teams.getByTestId("team-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  for (const row of await rows.all()) {
    await expect(row.locator("td").last()).toHaveText(/^(Stuck|Moving|Nothing left)$/);
    // Stuck means work left: never on a row with nothing left.
    if ((await row.getAttribute("data-stuck")) === "true") expect(Number(await row.locator("td").first().innerText())).toBeGreaterThan(0);
  }
  // Sorted as the owner bars: most left first.
  const left = (await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("td")!.textContent!.replace(/,/g, "")))).map(Number);
  expect(left).toEqual([...left].sort((a, b) => b - a));
  // The teams table sits above the first chart.
  const teamsBox = (await teams.boundingBox())!;
  const burnupBox = (await page.getByTestId("chart-burnup").boundingBox())!;
  expect(teamsBox.y).toBeLessThan(burnupBox.y);
  // An owner's name filters the dashboard to it.
  const firstOwner = rows.first().getByRole("rowheader").getByRole("link");
  await firstOwner.click();
  await page.waitForURL(/[?&]owner=((team|user)(%3A|:)[^&]+|none)/);
  await page.goto(`${BASE}/progress`);

  // The headline says what it counts, beside routes by count.
  await expect(page.getByTestId("summary-count")).toHaveText(/^\d+ of \d+$/);
  await expect(page.getByTestId("summary-count-what")).toHaveText("items");
  await expect(page.getByTestId("summary-routes")).toHaveText(/^; routes: \d+ of \d+ \(\d+(\.\d)?%\)$/);
  // The quadrant's axes are titled.
  const quadrant = page.getByTestId("chart-quadrant");
  await expect(quadrant.getByText("Traffic per day (requests, log scale)")).toBeVisible();
  await expect(quadrant.getByText("Complexity (1 easy – 5 hard)")).toBeVisible();
  // The owner bars show what is left: only the open statuses.
  await expect(page.getByTestId("chart-owners").locator(".recharts-legend-item-text")).toHaveText(["Not started", "In progress"]);

  // Next targets: "can start now" by default — nothing blocked, nobody else's claim.
  await page.goto(`${BASE}/next`);
  const now = page.getByRole("navigation", { name: "Which items" }).getByRole("link", { name: /^Can start now/ });
  const all = page.getByRole("navigation", { name: "Which items" }).getByRole("link", { name: /^All open/ });
  await expect(now).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("next-summary")).toContainText("can start now: not blocked, and nobody has claimed them.");
  await expect(page.getByTestId("next-summary")).not.toContainText("unblockers");
  await expect(page.getByTestId("ranked-item").first()).toBeVisible();
  await expect(page.getByTestId("ranked-item").getByText("Blocked", { exact: true })).toHaveCount(0);
  const startable = Number((await now.innerText()).match(/\(([\d,]+)\)/)![1].replace(/,/g, ""));
  const open = Number((await all.innerText()).match(/\(([\d,]+)\)/)![1].replace(/,/g, ""));
  expect(open).toBeGreaterThan(startable);

  // The whole list, by keyboard; blocked items come last, and the page says why.
  await all.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/[?&]view=all/);
  await expect(page.getByRole("navigation", { name: "Which items" }).getByRole("link", { name: /^All open/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("next-summary")).toContainText("Blocked items always come after everything that can start, even when their score is higher");
  await context.close();
});

test("the three pages on a 390 px phone in the dark: no sideways scroll, the Teams table as cards", async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE, colorScheme: "dark" });
  const page = await context.newPage();
  await signIn(page);
  for (const [label, url] of [
    ["Overview", BASE],
    ["Progress", `${BASE}/progress`],
    ["Next targets", `${BASE}/next`],
    ["Next targets, all", `${BASE}/next?view=all`],
  ] as const) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await expectNoSidewaysScroll(page, label);
  }
  await page.goto(`${BASE}/progress`);
  const row = page.getByTestId("team-row").first();
  await expect(row).toBeVisible();
  // A card: the cells stack under their labels, and the header row is only for screen readers.
  expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
  expect(
    await page
      .getByTestId("teams-table")
      .locator("thead")
      .evaluate((el) => el.getBoundingClientRect().width),
  ).toBeLessThanOrEqual(1);
  await context.close();
});
