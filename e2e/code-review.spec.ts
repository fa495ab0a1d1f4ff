import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

/**
 * Issue 22 in the browser: the review of what a scan proposes (the demo's baseline additions from
 * the legacy code), decided per row and in bulk after a confirmation, down to the empty state; and
 * Settings → Code, a form whose refusals show at their fields, used from the keyboard.
 */
const BASE = "/orgs/demo/projects/php-to-python";

test.describe.configure({ mode: "serial" });

test("a steward reviews the proposed baseline: one rejected on its row, the rest in bulk after a confirmation", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(BASE);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Code review" }).click();
  await page.waitForURL(`**${BASE}/code/review`);
  await expect(page.getByRole("link", { name: "Additions (3)" })).toHaveAttribute("aria-current", "page");
  const rows = page.getByTestId("proposal-row");
  await expect(rows).toHaveCount(3);
  const feed = rows.filter({ hasText: "GET /legacy/feed.rss" });
  await expect(feed).toContainText("baseline");
  await expect(feed).toContainText("public/legacy/feed.php:9");
  await expect(feed).toContainText("3f2a9c1");

  await page.getByRole("button", { name: "Reject: GET /legacy/feed.rss" }).click();
  await expect(page.getByRole("status")).toHaveText("1 proposal rejected.");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Additions (2)" })).toBeVisible();

  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Reject selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Reject 2 proposals?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByText("Nothing to review.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Additions (0)" })).toBeVisible();
});

test("Settings → Code: a refused prefix is shown at its field; fixed from the keyboard, the settings are saved", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(`${BASE}/settings`);
  await page.getByRole("link", { name: "Code →" }).click();
  await page.waitForURL(`**${BASE}/settings/code`);
  await page.getByRole("button", { name: "Add a prefix" }).click();
  await page.getByLabel("Legacy prefix").fill("app");
  await page.getByLabel("New prefix").fill("/app/");
  await page.getByRole("button", { name: "Save code settings" }).click();
  await expect(page.getByText("Starts with /.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Legacy prefix")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Legacy prefix").fill("/");
  await page.getByLabel("Days a match may wait while Not started").fill("10");
  await page.getByLabel("Days a match may wait while Not started").press("Enter");
  await expect(page.getByText("Code settings saved. They apply from the next scan.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Legacy prefix")).toHaveValue("/");
  await expect(page.getByLabel("Days a match may wait while Not started")).toHaveValue("10");
});
