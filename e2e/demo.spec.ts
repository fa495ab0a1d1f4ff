import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const SHOTS = path.join(import.meta.dirname, "screenshots");

test.beforeAll(() => {
  fs.mkdirSync(SHOTS, { recursive: true });
});

test("the demo sign-in shown on the sign-in page opens the demo project's overview", async ({ page, baseURL }) => {
  await page.goto("/signin");
  const demoLogin = page.getByTestId("demo-login");
  await expect(demoLogin).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "signin.png"), fullPage: true });

  // The credentials are read from the page, as a visitor would.
  const codes = demoLogin.locator("code");
  await expect(codes).toHaveCount(2);
  const email = (await codes.nth(0).innerText()).trim();
  const password = (await codes.nth(1).innerText()).trim();
  expect(email).toBe("demo@waypoint.local");
  expect(password.length).toBeGreaterThan(0);

  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/orgs/demo");
  await expect(page.getByRole("heading", { name: "Migration projects" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Projects" })).toHaveAttribute("aria-current", "page");

  // Open the demo project from the list.
  const projectLink = page.locator('a[href="/orgs/demo/projects/php-to-python"]');
  await expect(projectLink).toHaveCount(1);
  await projectLink.click();
  await page.waitForURL("**/orgs/demo/projects/php-to-python");
  await expect(page.getByRole("heading", { level: 1, name: "Web app: PHP → Python" })).toBeVisible();

  // The overview's counts: 60 routes, and each row's statuses add up to its total.
  const table = page.getByRole("table", { name: "Items by status" });
  await expect(table).toBeVisible();
  const routes = page.getByTestId("counts-route");
  await expect(routes.getByRole("rowheader")).toHaveText("Routes");
  await expect(routes.locator("td").last()).toHaveText("60");
  for (const kind of ["route", "module", "dependency"]) {
    const cells = (await page.getByTestId(`counts-${kind}`).locator("td").allInnerTexts()).map((t) => Number(t.trim()));
    expect(cells, kind).toHaveLength(7);
    expect(
      cells.every((n) => Number.isInteger(n) && n >= 0),
      `${kind}: ${cells}`,
    ).toBe(true);
    const total = cells[cells.length - 1];
    expect(total, `${kind} total`).toBeGreaterThan(0);
    expect(
      cells.slice(0, -1).reduce((a, b) => a + b, 0),
      `${kind}: statuses add up to the total`,
    ).toBe(total);
  }
  // The "Done by count" card agrees with the table: routes Ported + Verified + Retired of those in
  // scope (all but Won't port).
  const routeCells = (await routes.locator("td").allInnerTexts()).map((t) => Number(t.trim()));
  const done = routeCells[2] + routeCells[3] + routeCells[4];
  await expect(page.getByTestId("overview-count")).toContainText(`routes: ${done} of ${60 - routeCells[5]}`);

  await page.screenshot({ path: path.join(SHOTS, "demo-overview.png"), fullPage: true });

  // The members page: the demo user is the organisation's admin and can create an invite link.
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Members" }).click();
  await page.waitForURL("**/orgs/demo/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toContainText("(you)");
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invite = page.getByTestId("invite-link");
  await expect(invite).toBeVisible();
  expect(await invite.inputValue()).toMatch(new RegExp(`^${baseURL}/invite/\\S+$`));
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "members.png"), fullPage: true });
});
