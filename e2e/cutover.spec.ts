import { expect, test } from "@playwright/test";
import { fillSignIn } from "./helpers";
import { E2E_NOW } from "./clock";

const project = "/orgs/demo/projects/php-to-python";

/**
 * A manager runs the cutover of the demo project: upstreams, a canary on one route, a bulk switch
 * that names the share of traffic it moves, a freeze window that stops the next switch, and the
 * kill switch that still works during it. (The browser tests' clock is pinned: e2e/clock.ts.)
 */
test("cutover: upstreams, a canary, a bulk switch, a freeze window, the kill switch", async ({ page }) => {
  await fillSignIn(page, "demo@waypoint.local", "waypoint-demo");
  await page.waitForURL("**/orgs/demo");

  await page.goto(`${project}/cutover/settings`);
  await page.getByLabel("Legacy upstream").fill("http://10.0.0.5:8080");
  await page.getByLabel("New upstream").fill("http://10.0.0.6:8000");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Cutover settings saved.")).toBeVisible();

  // One route to a 10 % canary, from its page.
  await page.goto(`${project}/inventory/routes?q=/about`);
  await page.getByRole("link", { name: "GET /about" }).first().click();
  const traffic = page.getByRole("form", { name: "Switch this route's traffic" });
  await traffic.getByLabel("Canary").check();
  await traffic.getByLabel("Share of clients sent to new (%)").fill("10");
  await traffic.getByLabel("Why").fill("the pilot, smoke tests clean");
  await traffic.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByText("GET /about is now canary:10.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("served-by")).toHaveText("Served by Canary 10 %.");

  // Two routes at once from the list: the confirmation names how many and their share of traffic.
  await page.goto(`${project}/inventory/routes?sort=traffic`);
  const boxes = page.getByRole("checkbox", { name: /^Select GET / });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const bulk = page.getByRole("form", { name: "Switch the selected routes' traffic" });
  await bulk.getByLabel("Switch traffic to").selectOption("shadow");
  await bulk.getByLabel("Why").fill("dark launch of the busiest pages");
  await bulk.getByRole("button", { name: "Switch…" }).click();
  await expect(page.getByTestId("bulk-switch-summary")).toContainText(/2 routes, [\d.]+ % of the project's traffic/);
  await page.getByRole("button", { name: "Switch 2" }).click();
  await expect(page.getByText(/\d of 2 routes switched to shadow\./)).toBeVisible();

  // A freeze window around now stops the next switch, naming itself.
  await page.goto(`${project}/cutover/settings`);
  await page.getByLabel("What it is").fill("Launch week");
  await page.getByLabel("From (in the zone below)").fill("2026-06-09T00:00");
  await page.getByLabel("Until").fill("2026-06-12T00:00");
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByRole("button", { name: "Add window" }).click();
  await expect(page.getByText("Freeze window added.")).toBeVisible();
  await page.goto(`${project}/cutover`);
  await expect(page.getByTestId("freeze-active")).toContainText("Launch week");

  await page.goto(`${project}/inventory/routes?q=/about`);
  await page.getByRole("link", { name: "GET /about" }).first().click();
  const frozen = page.getByRole("form", { name: "Switch this route's traffic" });
  await frozen.getByLabel("New", { exact: true }).check();
  await frozen.getByLabel("Why").fill("canary clean");
  await frozen.getByLabel("Override reason").fill("");
  await frozen.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByText(/Switches are frozen until .*Launch week/)).toBeVisible();

  // The kill switch is never frozen.
  await page.goto(`${project}/cutover`);
  await page.getByRole("button", { name: "Send every route back to legacy…" }).click();
  await page.getByLabel("Why").fill("errors on the busiest pages");
  await page.getByRole("button", { name: "Send back to legacy" }).click();
  await expect(page.getByText(/\d+ routes? sent back to legacy\./)).toBeVisible();
  await expect(page.getByTestId("switches")).toContainText("(kill switch)");
});

/**
 * A switch planned for later: planned on the route's page in the project's zone, listed on the
 * Cutover tab, cancelled there. (That the first pull after its time carries it out is tested in
 * test/integration/cutover-scheduled.test.ts, where the clock can move.)
 */
test("cutover: plan a route's switch for later, see it on the Cutover tab, cancel it", async ({ page }) => {
  await fillSignIn(page, "demo@waypoint.local", "waypoint-demo");
  await page.waitForURL("**/orgs/demo");
  await page.goto(`${project}/inventory/routes?q=/signup`);
  await page
    .getByRole("link", { name: /^GET \/signup$/ })
    .first()
    .click();
  await page.getByText("Plan a switch for later").click();
  const plan = page.getByRole("form", { name: "Plan a switch of this route" });
  await plan.getByLabel("Send its traffic to").selectOption("shadow");
  // Three weeks after the pinned clock, 09:00 in the project's zone.
  const day = new Date(E2E_NOW.getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
  await plan.getByLabel(/^When/).fill(`${day}T09:00`);
  await plan.getByLabel("Why").fill("dark launch after the release");
  await plan.getByRole("button", { name: "Plan it" }).click();
  await expect(plan.getByText(/Planned: GET \/signup to shadow\./)).toBeVisible();

  await page.goto(`${project}/cutover`);
  const planned = page.getByTestId("planned-switches");
  await expect(planned).toContainText("dark launch after the release");
  await expect(planned).toContainText("to shadow");
  await planned.getByRole("button", { name: "Cancel…" }).first().click();
  await page.getByRole("button", { name: "Cancel it" }).click();
  await expect(page.getByText("None planned.")).toBeVisible();
});
