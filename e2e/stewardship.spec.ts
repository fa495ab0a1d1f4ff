import path from "node:path";
import { expect, test } from "@playwright/test";
import { createProject, importRoutesCsv, newAccount, newProject, signUp } from "./helpers";
import { e2eDay as day } from "./clock";

const SHOTS = path.join(import.meta.dirname, "screenshots");

test("a steward runs a meeting: agenda proposed, a decision recorded, an action item assigned and carried over to the next meeting", async ({ page }) => {
  const account = newAccount("Steward");
  const org = await signUp(page, account);
  const project = newProject("Meetings");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  const csv = "method,path,traffic_per_day,complexity,test_coverage\nGET,/,90000,1,good\nGET,/about,40,1,good\nGET,/users/<int:id>,4000,2,some\n";
  await importRoutesCsv(page, base, csv, "Imported: 3 new");

  // Plan a meeting: its agenda is proposed from the project — nothing is ported, so the pilot is handed out first.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Stewardship" }).click();
  await page.goto(`${base}/stewardship/meetings`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Date").fill(day(0));
  await page.getByRole("button", { name: "Plan the meeting" }).click();
  await page.waitForURL(/\/stewardship\/meetings\/[^/?#]+(\?.*)?$/);
  const meetingUrl = page.url();
  await page.waitForLoadState("networkidle");
  const agenda = page.getByTestId("agenda-entry");
  await expect(agenda.first()).toContainText("Hand out: GET /about");
  expect(await agenda.count()).toBeGreaterThanOrEqual(3);

  // An action item for the steward, due in three days.
  await page.getByLabel("What is to be done").fill("Write the deployment runbook for the pilot");
  await page.getByLabel("Owner").selectOption({ label: account.name });
  await page.getByLabel("Due date (optional)").fill(day(3));
  await page.getByRole("button", { name: "Add action item" }).click();
  await expect(page.getByTestId("action-item").filter({ hasText: "Write the deployment runbook for the pilot" })).toContainText(account.name);

  // A decision recorded at the meeting.
  await page.getByRole("link", { name: "Record a decision" }).click();
  await page.waitForURL(/\/decisions\/new/);
  await page.waitForLoadState("networkidle"); // the form is interactive once hydrated
  await page.getByRole("textbox", { name: "Title", exact: true }).fill("Pilot with GET /about");
  await page.getByRole("textbox", { name: "Decision", exact: true }).fill("The about page goes first, to prove deployment, sessions and the switch.");
  await page.getByLabel(/^Accepted/).check();
  await page.getByRole("button", { name: "Record the decision" }).click();
  await page.waitForURL(/\/stewardship\/decisions\/[^/?#]+(\?.*)?$/);
  await expect(page.getByText("D-1").first()).toBeVisible();
  await expect(page.getByText("Accepted").first()).toBeVisible();
  await expect(page.getByText("Pilot with GET /about").first()).toBeVisible();
  await page.goto(meetingUrl);
  await expect(page.getByRole("region", { name: "Decisions" })).toContainText("Pilot with GET /about");
  await page.screenshot({ path: path.join(SHOTS, "meeting.png"), fullPage: true });

  // Next week's meeting carries the open action item over.
  await page.goto(`${base}/stewardship/meetings`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Date").fill(day(7));
  await page.getByRole("button", { name: "Plan the meeting" }).click();
  await page.waitForURL(/\/stewardship\/meetings\/[^/?#]+(\?.*)?$/);
  expect(page.url()).not.toBe(meetingUrl);
  await expect(page.getByRole("region", { name: "Carried over" })).toContainText("Write the deployment runbook for the pilot");

  // The decision log finds it.
  await page.goto(`${base}/stewardship/decisions?q=pilot`);
  await expect(page.getByRole("region", { name: "Decision log" })).toContainText("Pilot with GET /about");
  await page.screenshot({ path: path.join(SHOTS, "decisions.png"), fullPage: true });
});
