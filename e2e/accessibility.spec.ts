import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, signInAsDemo } from "./helpers";

/**
 * Automated accessibility checks (axe-core) where a person cannot look at every state: labels on
 * the office-hours forms, and readable contrast on the main pages in both colour schemes.
 */

const BASE = "/orgs/demo/projects/php-to-python";
const LABEL_RULES = ["label", "select-name", "aria-input-field-name", "form-field-multiple-labels", "button-name", "link-name"];

/** axe's violations as one readable line each (rule, element, why), for a failure message. */
async function violations(page: Page, rules: string[], include?: string) {
  let builder = new AxeBuilder({ page }).withRules(rules);
  if (include) builder = builder.include(include);
  const { violations: found } = await builder.analyze();
  return found.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`));
}

test("office hours: the sign-up, move and slot edit fields all have labels", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(`${BASE}/stewardship/office-hours`);
  await page
    .getByRole("link", { name: /^Sign up for / })
    .first()
    .click();
  await expect(page.getByLabel("What would you like to ask?")).toBeVisible();
  // Open every "Move the session" disclosure too, so that its fields are checked.
  for (const summary of await page.locator("details > summary").all()) await summary.click();
  expect(await violations(page, LABEL_RULES, "main")).toEqual([]);

  await page.goto(`${BASE}/stewardship/office-hours/slots`);
  for (const edit of await page.locator("details > summary", { hasText: "Edit" }).all()) await edit.click();
  await expect(page.getByLabel("Time zone").first()).toBeVisible();
  expect(await violations(page, LABEL_RULES, "main")).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`text is readable (WCAG AA contrast) on the main pages, ${colorScheme} scheme`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ ...DESKTOP, colorScheme });
    const page = await context.newPage();
    await signInAsDemo(page);
    const item = (await page.request.get("/api/v1/projects").then((r) => r.json())) as { data: { id: string; slug: string }[] };
    const projectId = item.data.find((p) => p.slug === "php-to-python")!.id;
    const route = ((await (await page.request.get(`/api/v1/projects/${projectId}/routes?limit=1`)).json()) as { data: { id: string }[] }).data[0].id;
    for (const url of [BASE, `${BASE}/progress`, `${BASE}/review`, `${BASE}/next`, `${BASE}/inventory/routes`, `${BASE}/items/${route}`, "/signin"]) {
      if (url === "/signin") await context.clearCookies();
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      expect(await violations(page, ["color-contrast"]), `${url} (${colorScheme})`).toEqual([]);
    }
    await context.close();
  });
}
