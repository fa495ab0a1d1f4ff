import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createProject, importRoutesCsv, newAccount, newProject, signUp } from "./helpers";

const SHOTS = path.join(import.meta.dirname, "screenshots");

/** An admin's invite link for a role, created on the members page. */
async function inviteLink(page: Page, org: string, role: string): Promise<string> {
  await page.goto(`/orgs/${org}/members`);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** A new person, in their own browser context, who signs up and joins the organisation by the link. */
async function joinAs(browser: Browser, label: string, link: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = newAccount(label);
  await signUp(page, account);
  await page.goto(link);
  await page.getByRole("button", { name: /^Join / }).click();
  await page.waitForURL(/\/orgs\/[a-z0-9-]+$/);
  return { page, account };
}

test("an engineer claims from Next targets and sees it in My work; a second engineer sees it taken and cannot claim it", async ({ page, browser }) => {
  const org = await signUp(page, newAccount("Steward"));
  const project = newProject("Claims");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  const csv =
    "method,path,traffic_per_day,complexity,test_coverage\nGET,/,90000,1,good\nGET,/about,40,1,good\nGET,/users/<int:id>,4000,2,some\nPOST,/checkout,800,5,none\n";
  await importRoutesCsv(page, base, csv, "Imported: 4 new");

  const ann = await joinAs(browser, "Ann", await inviteLink(page, org, "Engineer"));
  const bob = await joinAs(browser, "Bob", await inviteLink(page, org, "Engineer"));

  // Ann opens Next targets: nothing is ported, so a pilot leads, with its reasons.
  await ann.page.goto(`${base}/next`);
  const first = ann.page.getByTestId("ranked-item").first();
  await expect(first).toContainText("Pilot");
  await expect(first).toContainText("GET /about");
  await expect(first).toContainText("pilot: a low-traffic, low-complexity route");
  await ann.page.screenshot({ path: path.join(SHOTS, "next-targets.png"), fullPage: true });
  await first.getByRole("button", { name: "Claim" }).click();
  // The row now names the holder instead of offering the button.
  await expect(first.getByTestId("claimed-by")).toHaveText(`Claimed by ${ann.account.name}`);

  // My work lists it with its next step.
  await ann.page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "My work" }).click();
  const mine = ann.page.getByTestId("claims-table");
  await expect(mine).toContainText("GET /about");
  await expect(mine).toContainText("Start: set the status to in progress.");
  await ann.page.screenshot({ path: path.join(SHOTS, "my-work.png"), fullPage: true });

  // Bob sees it taken: no Claim button on that row, the holder on the item page, and the API says 409.
  // Someone else's claim is not in his "can start now"; "All open" shows it, taken.
  await bob.page.goto(`${base}/next`);
  await expect(bob.page.getByTestId("ranked-item").filter({ hasText: "GET /about" })).toHaveCount(0);
  await bob.page.getByRole("link", { name: /^All open/ }).click();
  await bob.page.waitForURL(/view=all/);
  const taken = bob.page.getByTestId("ranked-item").filter({ hasText: "GET /about" });
  await expect(taken.getByTestId("claimed-by")).toHaveText(`Claimed by ${ann.account.name}`);
  await expect(taken.getByRole("button", { name: "Claim" })).toHaveCount(0);
  await taken.getByRole("link", { name: "GET /about" }).click();
  await expect(bob.page.getByTestId("claim-holder")).toContainText(`Claimed by ${ann.account.name}`);
  await expect(bob.page.getByRole("button", { name: /Release/ })).toHaveCount(0);
  const itemId = bob.page.url().split("/items/")[1];
  const projectId = await bob.page.evaluate(async (slug) => {
    const r = await fetch("/api/v1/projects");
    const body = (await r.json()) as { data: { id: string; slug: string }[] };
    return body.data.find((p) => p.slug === slug)!.id;
  }, project.slug);
  // A write with the session comes from the app's own origin (the API refuses others, security review 21.8).
  const attempt = await bob.page.request.post(`/api/v1/projects/${projectId}/items/${itemId}/claim`, { headers: { Origin: new URL(bob.page.url()).origin } });
  expect(attempt.status()).toBe(409);
  expect((await attempt.json()).error.message).toContain(`Already claimed by ${ann.account.name}`);

  // The steward's view lists the claim.
  await page.goto(`${base}/claims`);
  await expect(page.getByTestId("claims-table")).toContainText(ann.account.name);
});
