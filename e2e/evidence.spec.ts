import { expect, test, type Browser, type Page } from "@playwright/test";
import { inviteLink, newAccount, signInAsDemo } from "./helpers";

/**
 * Issue 16 in the browser: a steward sets the Verified gate (a passing smoke check), an engineer
 * tries to mark a ported route verified and is shown what is missing and how to get it, evidence
 * is posted, and Verified then goes through; the route's page shows the evidence. A manager's
 * override with a reason is recorded in the item's history.
 */
const ORG = "demo";
const BASE = "/orgs/demo/projects/php-to-python";

test.describe.configure({ mode: "serial" });

async function join(browser: Browser, link: string, role: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = newAccount(role);
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`**/orgs/${ORG}`);
  return page;
}

/** The first ported route of the demo project that no test here has used yet: its page. */
async function openPortedRoute(page: Page, skip = 0) {
  await page.goto(`${BASE}/inventory/routes?status=PORTED&sort=key`);
  const link = page.locator("table a[href*='/items/']").nth(skip);
  const key = (await link.textContent())!.trim();
  await link.click();
  await page.waitForURL("**/items/**");
  await expect(page.getByRole("heading", { level: 2, name: key })).toBeVisible();
  return { key, itemId: page.url().split("/items/")[1].split(/[?#]/)[0] };
}

test("a steward's gate refuses Verified until the evidence is posted; a manager may override with a reason", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAsDemo(admin);
  const steward = await join(browser, await inviteLink(admin, ORG, "Steward"), "Steward");
  const engineer = await join(browser, await inviteLink(admin, ORG, "Engineer"), "Engineer");

  // The steward sets the Verified gate: a passing smoke check, at most 7 days old.
  await steward.goto(`${BASE}/settings`);
  await steward.getByRole("link", { name: "Evidence gates →" }).click();
  const verified = steward.getByTestId("gate-editor-verified");
  await verified.getByRole("button", { name: "Add a requirement to the Verified gate" }).click();
  await verified.getByLabel("Kind").selectOption("smoke");
  await verified.getByLabel("At most days old").fill("0");
  await steward.getByRole("button", { name: "Save gates" }).click();
  // Refused by the server, at its field.
  await expect(verified.getByText("maxAgeDays is at least 1.")).toBeVisible();
  await verified.getByLabel("At most days old").fill("7");
  await expect(verified.getByTestId("requirement-description")).toHaveText("Asks for: smoke: success, within 7 days");
  await steward.getByRole("button", { name: "Save gates" }).click();
  await expect(steward.getByText("Gates saved: 1 requirement(s) for Verified, 0 for switching to new.")).toBeVisible();

  // The engineer tries Verified on a ported route: told what is missing and how to get it, no override.
  const { key, itemId } = await openPortedRoute(engineer);
  const itemUrl = engineer.url();
  // Next targets lists the busiest ported routes to verify (the gate is met by none yet).
  await engineer.goto(`${BASE}/next`);
  await expect(engineer.getByTestId("verify-next")).toContainText("the project's Verified gate is not met for them");
  await engineer.goto(itemUrl);
  await expect(engineer.getByTestId("evidence-empty")).toContainText("No evidence yet.");
  await expect(engineer.getByTestId("gate-verified")).toContainText("not met");
  await engineer.getByRole("button", { name: `Mark verified: ${key}` }).click();
  const refusal = engineer.getByTestId("gate-refusal");
  await expect(refusal).toContainText(`The Verified gate is not met for ${key}: 1 thing missing.`);
  await expect(refusal.getByTestId("gate-missing")).toContainText("no smoke evidence yet");
  await expect(refusal.locator("code")).toContainText("npx waypoint smoke --project");
  await expect(refusal.getByRole("button", { name: "Override with a reason…" })).toHaveCount(0);

  // CI posts a passing smoke check for it (here with the engineer's session, as the API allows).
  const projectId = (await engineer.request.get("/api/v1/projects").then((r) => r.json())).data.find((p: { slug: string }) => p.slug === "php-to-python").id;
  const posted = await engineer.request.post(`/api/v1/projects/${projectId}/evidence`, {
    headers: { Origin: new URL(engineer.url()).origin },
    data: {
      name: "smoke",
      kind: "smoke",
      conclusion: "success",
      profile: "anonymous",
      detailsUrl: "https://ci.example.com/runs/42",
      measured: { value: 180, unit: "ms", threshold: 500, comparison: "<=" },
      items: [{ id: itemId }],
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);

  // Now Verified goes through; the page shows the evidence and the gate met.
  await engineer.reload();
  await expect(engineer.getByTestId("gate-verified")).toContainText("met");
  const latest = engineer.getByTestId("evidence-latest");
  await expect(latest).toHaveCount(1);
  await expect(latest).toContainText("smoke");
  await expect(latest).toContainText("as anonymous");
  await expect(latest).toContainText("success");
  await expect(latest).toContainText("180 ms ≤ 500 ms");
  await expect(latest.getByRole("link", { name: /Details/ })).toHaveAttribute("href", "https://ci.example.com/runs/42");
  await engineer.getByRole("button", { name: `Mark verified: ${key}` }).click();
  await expect(engineer.getByText(`${key}: verified.`)).toBeVisible();
  await engineer.reload();
  await expect(
    engineer.locator("header", { has: engineer.getByRole("heading", { level: 2, name: key }) }).getByText("Verified", { exact: true }),
  ).toBeVisible();

  // The routes list counts its evidence; the overview counts it as verified by evidence.
  await engineer.goto(`${BASE}/inventory/routes?q=${encodeURIComponent(key.replace(/^GET /, ""))}`);
  const row = engineer.getByRole("row").filter({ has: engineer.getByRole("link", { name: key, exact: true }) });
  await expect(row).toContainText("Latest per check: 1 passing");
  await engineer.goto(BASE);
  await expect(engineer.getByTestId("overview-verified-by-evidence")).toContainText(/Verified by evidence: 1 of [\d,]+ routes/);
  await engineer.goto(`${BASE}/progress`);
  await expect(engineer.getByTestId("summary-verified-by-evidence")).toContainText(/Verified by evidence: 1 of [\d,]+ routes/);

  // The filter "ported, no passing smoke" lists ported routes only, which the engineer's is no longer.
  await engineer.goto(`${BASE}/inventory/routes?evidence=ported-no-smoke`);
  await expect(engineer.getByLabel("Evidence")).toHaveValue("ported-no-smoke");
  await expect(engineer.getByRole("link", { name: key, exact: true })).toHaveCount(0);
  await expect(engineer.locator("table").getByText("Ported", { exact: true }).first()).toBeVisible();

  // The admin (a manager's right) overrides the gate on another ported route, with a reason.
  const other = await openPortedRoute(admin);
  await admin.getByRole("button", { name: `Mark verified: ${other.key}` }).click();
  await admin.getByRole("button", { name: "Override with a reason…" }).click();
  await admin.getByLabel("Why override the gate").fill("checked by hand on staging");
  await admin.getByRole("button", { name: "Override and mark verified…" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Override", exact: true }).click();
  await expect(admin.getByText(`${other.key}: verified (gate overridden).`)).toBeVisible();
  await admin.reload();
  const history = admin.getByTestId("history-row").filter({ hasText: "Verified gate overridden" });
  await expect(history).toContainText("checked by hand on staging");
});
