import { expect, test } from "@playwright/test";
import { fillSignIn } from "./helpers";

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
  const traffic = page.getByRole("region", { name: "Traffic" }).or(page.locator("section", { has: page.getByRole("heading", { name: "Traffic" }) }));
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
  const frozen = page.locator("section", { has: page.getByRole("heading", { name: "Traffic" }) });
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
