import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

const project = "/orgs/demo/projects/php-to-python";

/**
 * Issue 23: the demo's coding agent submitted two routes; a person opens Review, sends one back
 * with a note, confirms the other, and the item pages show what became of each.
 */
test("Review: send one submission back with a note, confirm another, and see the badges on the item pages", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(project);
  const tab = page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: /^Review/ });
  await expect(tab).toHaveText("Review (2)");
  await tab.click();
  await page.waitForURL(`**${project}/review`);
  const pending = page.getByTestId("pending-submission");
  await expect(pending).toHaveCount(2);
  await expect(page.getByTestId("decided-submission")).toHaveCount(1);

  // Send back: the note is required (an empty dialog does not submit).
  const followers = page.getByRole("listitem", { name: "Submission for GET /user/<int:id>/followers" });
  await expect(followers).toContainText("claude-code 2.1.0 for Dana Demo");
  await expect(followers).toContainText("Ported — awaiting confirmation");
  await followers.getByRole("button", { name: "Send back GET /user/<int:id>/followers" }).click();
  const sendBack = page.getByRole("dialog", { name: "Send GET /user/<int:id>/followers back" });
  await expect(sendBack).toBeVisible();
  await sendBack.getByRole("button", { name: "Send back" }).click();
  await expect(sendBack).toBeVisible();
  await sendBack.getByLabel("What needs to change (required)").fill("Keep the legacy ordering: newest followers first.");
  await sendBack.getByRole("button", { name: "Send back" }).click();
  await expect(pending).toHaveCount(1);

  // Confirm, behind its dialog.
  const follow = page.getByRole("listitem", { name: "Submission for POST /user/<int:id>/follow" });
  await follow.getByRole("button", { name: "Confirm POST /user/<int:id>/follow" }).click();
  const confirm = page.getByRole("dialog", { name: "Confirm POST /user/<int:id>/follow?" });
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("review-empty")).toBeVisible();
  await expect(tab).toHaveText("Review");
  const decided = page.getByTestId("decided-submission");
  await expect(decided).toHaveCount(3);
  await expect(decided.filter({ hasText: "POST /user/<int:id>/follow" })).toContainText("confirmed by Dana Demo");
  await expect(decided.filter({ hasText: "GET /user/<int:id>/followers" })).toContainText("sent back by Dana Demo");

  // The confirmed item's page: the badge, and the confirmer beside the agent.
  await decided.filter({ hasText: "POST /user/<int:id>/follow" }).getByRole("link", { name: "POST /user/<int:id>/follow" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "POST /user/<int:id>/follow" })).toBeVisible();
  await expect(page.locator("header").getByText("Ported · agent, confirmed")).toBeVisible();
  await expect(page.getByTestId("agent-work")).toContainText("Confirmed by Dana Demo");

  // The one sent back is In progress, with the note on its page.
  await page.goBack();
  await page
    .getByTestId("decided-submission")
    .filter({ hasText: "GET /user/<int:id>/followers" })
    .getByRole("link", { name: "GET /user/<int:id>/followers" })
    .click();
  await expect(page.locator("header").getByText("In progress")).toBeVisible();
  await expect(page.getByTestId("agent-work")).toContainText("Sent back by Dana Demo");
  await expect(page.getByTestId("agent-work")).toContainText("Keep the legacy ordering: newest followers first.");
});
