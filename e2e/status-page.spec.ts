import path from "node:path";
import { expect, test } from "@playwright/test";
import { startSmtp } from "../test/helpers/receivers";
import { createProject, e2eSmtpPort, expectNotFoundPage, importRoutesCsv, newAccount, newProject, signUp } from "./helpers";

const SHOTS = path.join(import.meta.dirname, "screenshots");

/**
 * Issue 17: a steward writes the project's status page and shares it; someone outside the
 * organisation reads it signed out through the link; after the link is rotated the old one is a 404.
 */
test("status page: a share link read signed out, and rotated", async ({ page, browser }) => {
  const account = newAccount("Status");
  const org = await signUp(page, account);
  const project = newProject("Status");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  await importRoutesCsv(page, base, "method,path,traffic_per_day\nGET,/checkout,750\nGET,/about,250\n", "Imported: 2 new");

  // Upstreams, then the checkout route to the new stack: 750 of 1,000 visits a day.
  await page.goto(`${base}/cutover/settings`);
  await page.getByLabel("Legacy upstream").fill("http://10.0.0.5:8080");
  await page.getByLabel("New upstream").fill("http://10.0.0.6:8000");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Cutover settings saved.")).toBeVisible();
  await page.goto(`${base}/inventory/routes?q=/checkout`);
  await page.getByRole("link", { name: "GET /checkout" }).first().click();
  const traffic = page.getByRole("form", { name: "Switch this route's traffic" });
  await traffic.getByLabel("New", { exact: true }).check();
  await traffic.getByLabel("Why").fill("the new checkout passed its tests");
  await traffic.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByText("GET /checkout is now new.")).toBeVisible();

  // The steward's side: summary, a note, the share link.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Status page" }).click();
  await page.waitForURL(`**${base}/status`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByTestId("status-share")).toHaveText("75 %");
  await page.getByRole("textbox", { name: "Summary", exact: true }).fill("We are moving the shop to a new system, one page at a time.");
  await page.getByRole("button", { name: "Save the summary" }).click();
  await expect(page.getByText("Summary saved.")).toBeVisible();
  await page.getByRole("textbox", { name: "Title", exact: true }).fill("The checkout looks new");
  await page.getByRole("textbox", { name: "How to notice", exact: true }).fill("The payment page has a new layout; card payments work as before.");
  await page.getByRole("textbox", { name: "Whom to tell", exact: true }).fill("The shop support desk, extension 4242");
  await page.getByRole("button", { name: "Add the note" }).click();
  await expect(page.getByText("Note added.")).toBeVisible();
  await page.getByRole("button", { name: "Create a share link" }).click();
  const reveal = page.getByTestId("status-link");
  await expect(reveal).toBeVisible();
  const firstLink = await reveal.inputValue();
  expect(firstLink).toMatch(/\/status\/wps_[A-Za-z0-9_-]{43}$/);

  // Someone outside: a fresh browser, signed out.
  const outsider = await browser.newContext();
  const reader = await outsider.newPage();
  const response = await reader.goto(firstLink);
  expect(response?.status()).toBe(200);
  await expect(reader.getByRole("heading", { level: 1, name: project.name })).toBeVisible();
  await expect(reader.getByTestId("status-summary")).toHaveText("We are moving the shop to a new system, one page at a time.");
  await expect(reader.getByTestId("status-share")).toHaveText("75 %");
  await expect(reader.getByTestId("status-recent")).toContainText("/checkout moved to the new system.");
  await expect(reader.getByTestId("status-note")).toContainText("The checkout looks new");
  await expect(reader.getByTestId("status-note")).toContainText("Whom to tell: The shop support desk, extension 4242");
  await expect(reader.getByText("GET /checkout")).toHaveCount(0);
  const feed = await reader.request.get(`${firstLink}/feed.xml`);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain("/checkout moved to the new system.");
  await reader.screenshot({ path: path.join(SHOTS, "status-page.png"), fullPage: true });

  // Rotated (behind a confirmation): the old link is a 404 naming nothing, the new one works.
  await page.reload();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Rotate the share link" }).click();
  await page.getByRole("dialog", { name: "Rotate the share link?" }).getByRole("button", { name: "Rotate the link" }).click();
  await expect(page.getByText("New share link created; the old one no longer works.")).toBeVisible();
  const secondLink = await page.getByTestId("status-link").inputValue();
  expect(secondLink).not.toBe(firstLink);

  await expectNotFoundPage(reader, firstLink);
  await expect(reader.getByText(project.name)).toHaveCount(0);
  expect((await reader.request.get(`${firstLink}/feed.xml`)).status()).toBe(404);
  expect((await reader.goto(secondLink))?.status()).toBe(200);
  await expect(reader.getByTestId("status-share")).toHaveText("75 %");
  await outsider.close();
});

/**
 * The share link's "Get e-mail updates", signed out and by keyboard: the neutral answer, a second
 * request refused in words, the pending row in the stewards' list, the confirmation link from the
 * real e-mail (an SMTP receiver on the server's configured port) confirmed by its button, and the
 * old link's form gone with the page after rotation.
 */
test("status page: a reader outside subscribes by e-mail with a double opt-in", async ({ page, browser }) => {
  const smtp = await startSmtp(e2eSmtpPort());
  try {
    const account = newAccount("Subscribe");
    const org = await signUp(page, account);
    const project = newProject("Subscribe");
    await createProject(page, org, project);
    const base = `/orgs/${org}/projects/${project.slug}`;
    await page.goto(`${base}/status`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Create a share link" }).click();
    const link = await page.getByTestId("status-link").inputValue();

    const outsider = await browser.newContext();
    const reader = await outsider.newPage();
    expect((await reader.goto(link))?.status()).toBe(200);
    await reader.waitForLoadState("networkidle");
    const form = reader.getByRole("form", { name: "Get e-mail updates" });
    const address = `reader-${Date.now().toString(36)}@example.com`;
    // Keyboard only: focus the field, type, Enter submits.
    await form.getByLabel("E-mail address").focus();
    await reader.keyboard.type(address);
    await reader.keyboard.press("Enter");
    await expect(form.getByRole("status")).toHaveText(
      `Thank you. We have sent an e-mail to ${address}: follow its link to confirm (it works for 7 days). Until then, nothing else is sent to it.`,
    );
    await form.getByLabel("E-mail address").fill(address);
    await form.getByRole("button", { name: "Get e-mail updates" }).press("Enter");
    await expect(form.getByRole("alert")).toContainText("An e-mail was sent to this address less than an hour ago");

    // The stewards see it waiting.
    await page.reload();
    await expect(page.getByTestId("status-subscriber").filter({ hasText: address })).toContainText("waiting for confirmation");

    // The confirmation e-mail: exactly one; its link shows a button, which confirms.
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(address)).length).toBe(1);
    const raw = smtp.mails.find((m) => m.to.includes(address))!.raw.replace(/=\r\n/g, "");
    const confirmUrl = raw.match(/http:\/\/localhost:\d+\/status\/confirm\/wpsc_[A-Za-z0-9_-]{43}/)?.[0];
    expect(confirmUrl).toBeTruthy();
    await reader.goto(confirmUrl!);
    await expect(reader.getByRole("heading", { level: 1, name: "Confirm e-mail updates" })).toBeVisible();
    await reader.getByRole("button", { name: "Confirm" }).click();
    await expect(reader.getByRole("status")).toContainText(`Confirmed: ${address} gets an e-mail`);
    await page.reload();
    await expect(page.getByTestId("status-subscriber").filter({ hasText: address })).toContainText("(confirmed)");
    await reader.reload();
    await expect(reader.getByRole("main").getByRole("alert")).toContainText("This link no longer works");

    // Rotated: the old link (and its form) is a 404.
    await page.getByRole("button", { name: "Rotate the share link" }).click();
    await page.getByRole("dialog", { name: "Rotate the share link?" }).getByRole("button", { name: "Rotate the link" }).click();
    await expect(page.getByText("New share link created; the old one no longer works.")).toBeVisible();
    await expectNotFoundPage(reader, link);
    await outsider.close();
  } finally {
    await smtp.close();
  }
});
