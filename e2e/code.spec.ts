import { expect, test, type Page } from "@playwright/test";
import { fillSignIn } from "./helpers";

/**
 * Issue 22 in the browser, on the code demo (lib/demo/seed-code-demo.ts, seeded by the test
 * server): a route's page shows both sides — the legacy and the new code's file, line and commit —
 * and its drift; Progress shows "declared vs found in code"; its disagreement count opens the
 * inventory filtered on that drift, with the drift in the code column.
 * Later: linking a repository, a scan's log and the review screen (other screens of issue 22).
 */
const EMAIL = "code-demo@waypoint.local";
const PASSWORD = "both-repositories-scanned";

test.describe.configure({ mode: "serial" });

async function signInToCodeDemo(page: Page): Promise<string> {
  await fillSignIn(page, EMAIL, PASSWORD);
  await page.waitForURL(/\/orgs\/[^/]+$/);
  const org = new URL(page.url()).pathname.split("/")[2];
  return `/orgs/${org}/projects/shop`;
}

async function openRoute(page: Page, base: string, key: string) {
  await page.goto(`${base}/inventory/routes?sort=key`);
  await page.getByRole("link", { name: key, exact: true }).click();
  await page.waitForURL("**/items/**");
  await expect(page.getByRole("heading", { level: 2, name: key })).toBeVisible();
}

test("a route shows both sides with their commits; a drifted one says how, in words", async ({ page }) => {
  const base = await signInToCodeDemo(page);
  await openRoute(page, base, "GET /about");
  const code = page.getByTestId("item-code");
  await expect(code.getByRole("heading", { name: "In the code" })).toBeVisible();
  await expect(code.getByTestId("item-code-legacy")).toHaveText(/^In the legacy code at pages\/about\.php:12, commit 4b1d3c2\.$/);
  await expect(code.getByTestId("item-code-new")).toContainText("In the new code at shop/views.py:42, commit 9f8e7d6, since");
  await expect(code.getByTestId("item-code-new")).toContainText("as GET /app/about");
  // Server folders: no host to link to, so plain text.
  await expect(code.getByRole("link", { name: "shop/views.py:42" })).toHaveCount(0);
  const suggestions = code.getByTestId("item-code-suggestions");
  await expect(suggestions).toContainText("Suggestions only: what people set always wins.");
  await expect(suggestions).toContainText("Team Web");
  await expect(suggestions).toContainText("CODEOWNERS: @code-demo/web");
  await expect(code.getByTestId("drift-badge")).toHaveCount(0);

  await openRoute(page, base, "GET /cart");
  await expect(page.getByTestId("item-code").getByRole("note")).toContainText("Marked ported, but nothing in the new code matches it (since");
  await expect(page.getByTestId("item-code-new")).toHaveText("Nothing in the new code matches it yet.");
});

test("Progress compares declared with found, and a disagreement opens the filtered inventory", async ({ page }) => {
  const base = await signInToCodeDemo(page);
  await page.goto(`${base}/progress`);
  const panel = page.getByTestId("code-agreement");
  await expect(panel.getByRole("heading", { name: "Declared vs found in code" })).toBeVisible();
  // 6 routes in scope (none is won't port), 3,250 requests/day.
  await expect(panel).toContainText("Of 6 routes in scope (all but won't port; 3,250 requests/day)");
  await expect(panel.getByTestId("code-declared")).toContainText("3");
  await expect(panel.getByTestId("code-found")).toContainText("3");
  await expect(panel.getByTestId("code-agree")).toContainText("2");
  await expect(panel.getByTestId("code-drift-in-code-not-started")).toHaveText("1 · In the new code, not started");

  await panel.getByRole("link", { name: "1 · In the new code, not started" }).click();
  await page.waitForURL(/inventory\/routes\?drift=in-code-not-started/);
  await expect(page.getByLabel("Code disagrees")).toHaveValue("in-code-not-started");
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link", { name: "GET /search" })).toBeVisible();
  const badge = rows.first().getByTestId("drift-badge");
  await expect(badge).toContainText("In the new code, not started");
  await expect(badge).toHaveAttribute("title", "The new code has had a match, but it is still not started.");

  // The filter from the form: not in the new code.
  await page.goto(`${base}/inventory/routes?sort=key`);
  const filters = page.getByRole("search", { name: "Filter the inventory" });
  await filters.getByLabel("Found in new code").selectOption("false");
  await filters.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/inNewCode=false/);
  await expect(page.locator("table tbody tr")).toHaveCount(3);
  for (const key of ["GET /cart", "GET /contact", "GET /old-feed"]) await expect(page.getByRole("link", { name: key, exact: true })).toBeVisible();
});
