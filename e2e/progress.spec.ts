import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { fillSignIn } from "./helpers";

const SHOTS = path.join(import.meta.dirname, "screenshots");
const DASHBOARD = "/orgs/demo/projects/php-to-python/progress";

async function signInAsDemo(page: Page) {
  await page.goto("/signin");
  await fillSignIn(page, "demo@waypoint.local", "waypoint-demo");
  await page.waitForURL("**/orgs/demo");
}

/** The marks a chart drew: its lines, areas, bars or dots. */
const marks = (page: Page, chart: string, selector: string) =>
  page.getByTestId(`chart-${chart}`).locator(`.recharts-wrapper > svg.recharts-surface ${selector}`);

test("the demo project's dashboard: every chart drawn with data, a date range, drill-downs into a bar and a day", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(DASHBOARD);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Progress" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("summary-count")).toHaveText(/^\d+ of \d+$/);
  await expect(page.getByTestId("forecast")).toBeVisible();

  // Every chart has its question as an accessible name and drew its data.
  for (const [chart, name] of [
    ["burnup", "How much is ported, and how much is there to port?"],
    ["traffic", "How much of the traffic does the new stack serve?"],
    ["flow", "Where is the work piling up?"],
    ["quadrant", "Which routes are easy wins, and which are the long tail?"],
    ["owners", "Which teams and people have the most left?"],
    ["dependencies", "Are the dependencies ready?"],
  ]) {
    await expect(page.getByRole("figure", { name })).toBeVisible();
    await expect(page.getByTestId(`chart-${chart}`).locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  }
  await expect(marks(page, "burnup", ".recharts-line-curve")).toHaveCount(3);
  await expect(marks(page, "traffic", ".recharts-line-curve")).toHaveCount(2);
  expect(await marks(page, "flow", ".recharts-area-area").count()).toBeGreaterThanOrEqual(3);
  expect(await marks(page, "quadrant", ".recharts-scatter-symbol").count()).toBeGreaterThanOrEqual(50);
  expect(await marks(page, "owners", ".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(3);
  expect(await marks(page, "dependencies", ".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("activity-rows").locator("li").first()).toBeVisible();

  // The burn-up's table alternative has a row per day; its last row agrees with the summary.
  const burnup = page.getByTestId("chart-burnup");
  await burnup.getByText("Table of this chart").click();
  const rows = burnup.locator("tbody tr");
  const days = await rows.count();
  expect(days).toBeGreaterThan(28);
  const last = await rows.last().locator("td").allInnerTexts();
  await expect(page.getByTestId("summary-count")).toHaveText(`${last[2]} of ${last[1]}`);
  await page.screenshot({ path: path.join(SHOTS, "progress.png"), fullPage: true });

  // A shorter range: the URL keeps it, and the series has 29 days.
  await page.getByRole("link", { name: "4 weeks" }).click();
  await page.waitForURL(/[?&]from=\d{4}-\d{2}-\d{2}/);
  await page.getByTestId("chart-burnup").getByText("Table of this chart").click();
  await expect(page.getByTestId("chart-burnup").locator("tbody tr")).toHaveCount(29);
  const ranged = page.url();

  // Drill into a day of the burn-up: the changes behind it.
  const plot = page.getByTestId("chart-burnup").locator(".recharts-wrapper > svg.recharts-surface");
  const box = (await plot.boundingBox())!;
  const point = { x: box.width * 0.8, y: box.height * 0.5 };
  await plot.hover({ position: point });
  await expect(page.getByTestId("chart-burnup").locator(".recharts-tooltip-wrapper")).toContainText("click for the changes");
  await plot.click({ position: point });
  await page.waitForURL(/[?&]day=\d{4}-\d{2}-\d{2}/);
  const day = new URL(page.url()).searchParams.get("day");
  await expect(page.getByRole("heading", { name: `Who changed what on ${day}?` })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("from")).toBe(new URL(ranged).searchParams.get("from"));

  // Drill into a bar: the owner's items in that status, in the inventory.
  await page.goto(DASHBOARD);
  await marks(page, "owners", ".recharts-bar-rectangle").first().click();
  await page.waitForURL(/\/inventory\/routes\?.*owner=[^&]+.*status=[A-Z_]+/);
  expect(new URL(page.url()).searchParams.get("status")).toMatch(/^[A-Z_]+$/);
  await expect(page.getByTestId("inventory-row").first()).toBeVisible();

  // The chart's data downloads as CSV: a header and a row per day.
  await page.goto(DASHBOARD);
  const href = await page.getByTestId("chart-burnup").getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe('"day","scope","ported","verified"');
  expect(lines).toHaveLength(days + 1);
});
