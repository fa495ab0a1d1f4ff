import { expect, test } from "@playwright/test";
import { DEMO_EMAIL, DEMO_PASSWORD, signInAsDemo } from "./helpers";

const BASE = "/orgs/demo/projects/php-to-python";

test("a deep link survives sign-in: the page asked for, query included, opens after signing in", async ({ page, baseURL }) => {
  const deep = `${BASE}/inventory/routes?status=PORTED&sort=traffic`;
  await page.goto(deep);
  await page.waitForURL(/\/signin\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(deep);
  await page.getByLabel("E-mail").fill(DEMO_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === deep);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Inventory" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("PORTED");

  // next-auth writes its callback as a full URL of this site: that comes back to its page too.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(`${baseURL}${BASE}/progress`)}`);
  await page.getByLabel("E-mail").fill(DEMO_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${BASE}/progress`);
  // Another site's URL is not followed: the sign-in goes home instead.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("https://evil.example.com/orgs/demo")}`);
  await page.getByLabel("E-mail").fill(DEMO_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/orgs/demo");
});

test("the favicon is linked and served; the skip link is the keyboard's first stop and jumps to the main content", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(BASE);
  const icon = page.locator('head link[rel="icon"]');
  await expect(icon).toHaveCount(1);
  await expect(icon).toHaveAttribute("type", "image/svg+xml");
  const iconResponse = await page.request.get((await icon.getAttribute("href"))!);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toContain("image/svg+xml");

  const skip = page.getByRole("link", { name: "Skip to main content" });
  expect((await skip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())?.width ?? 0).toBeGreaterThan(100);
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab lands inside the page's content, past the header's navigation.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest("main")?.id)).toBe("main");
});

test("resetting the ranking weights asks in an in-page dialog that Escape cancels", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(`${BASE}/settings/ranking`);
  const traffic = page.getByLabel("Traffic", { exact: true });
  const defaultTraffic = /Default ([\d.]+)\./.exec(await page.locator("#w-traffic-hint").innerText())?.[1];
  expect(defaultTraffic).toBeTruthy();
  await traffic.fill("7.5");
  await page.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByText("Saved: the next targets use these weights.")).toBeVisible();

  let nativeDialogs = 0;
  page.on("dialog", (dialog) => {
    nativeDialogs += 1;
    void dialog.dismiss();
  });
  const reset = page.getByRole("button", { name: "Reset to defaults" });
  await reset.click();
  const dialog = page.getByRole("dialog", { name: "Reset every weight to its default?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(reset).toBeFocused();
  await expect(traffic).toHaveValue("7.5");

  await reset.click();
  await dialog.getByRole("button", { name: "Reset weights" }).click();
  await expect(page.getByText("Reset: the next targets use the defaults.")).toBeVisible();
  await expect(traffic).toHaveValue(defaultTraffic!);
  expect(nativeDialogs).toBe(0);
});
