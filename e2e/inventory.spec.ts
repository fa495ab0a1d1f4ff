import { expect, test } from "@playwright/test";
import { createProject, newAccount, newProject, signUp } from "./helpers";

test.describe("inventory and import", () => {
  test("import routes from a CSV: preview, commit, re-import changes nothing; filter, edit, bulk edit", async ({ page }) => {
    const slug = await signUp(page, newAccount("Inventory"));
    const project = newProject("Inventory");
    await createProject(page, slug, project);
    const base = `/orgs/${slug}/projects/${project.slug}`;

    // An empty inventory says what to do.
    await page.goto(`${base}/inventory/routes`);
    await expect(page.getByText("No routes yet.")).toBeVisible();

    // Import a CSV of routes.
    const csv = "method,path,traffic_per_day,complexity,status,owner\nGET,/,90000,1,ported,Web\nGET,/users/:id,4000,2,not started,Web\nPOST,/users/{id}/settings,300,4,not started,\n";
    await page.goto(`${base}/import`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("What are you importing?", { exact: true }).selectOption("csv");
    await page.getByLabel("Rows are", { exact: true }).selectOption("routes");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "routes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    const summary = page.getByTestId("import-summary");
    await expect(summary).toContainText("New3");
    await expect(page.getByText("New teams will be created for owners: Web.")).toBeVisible();
    await page.getByRole("button", { name: "Commit import" }).click();
    await expect(page.getByText("Imported: 3 new, 0 changed, 0 restored, 0 unchanged.")).toBeVisible();

    // The same file again: nothing to change.
    await page.getByRole("button", { name: "Import another file" }).click();
    await page.getByLabel("What are you importing?", { exact: true }).selectOption("csv");
    await page.getByLabel("Rows are", { exact: true }).selectOption("routes");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "routes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(summary).toContainText("Unchanged3");
    await expect(page.getByRole("button", { name: "Nothing to change" })).toBeDisabled();
    await page.getByRole("button", { name: "Discard" }).click();

    // A bad file: the error names the file, the line and the field; nothing is imported.
    await page.getByLabel("What are you importing?", { exact: true }).selectOption("csv");
    await page.getByLabel("Rows are", { exact: true }).selectOption("routes");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("method,path,status\nGET,/x,half done\n") });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "bad.csv" })).toContainText("bad.csv: 1 error(s); nothing was imported");
    const issues = page.getByTestId("import-issues");
    await expect(issues).toContainText("bad.csv");
    await expect(issues).toContainText("status");
    await expect(issues.getByRole("cell", { name: "2", exact: true })).toBeVisible();

    // The list: three routes, canonical paths, filters in the URL.
    await page.goto(`${base}/inventory/routes`);
    await expect(page.getByTestId("inventory-row")).toHaveCount(3);
    await expect(page.getByRole("link", { name: "POST /users/<id>/settings" })).toBeVisible();
    await page.getByLabel("Status", { exact: true }).selectOption("NOT_STARTED");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=NOT_STARTED/);
    await expect(page.getByTestId("inventory-row")).toHaveCount(2);
    await page.getByLabel("Owner", { exact: true }).selectOption("none");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("inventory-row")).toHaveCount(1);
    await page.getByRole("link", { name: "Reset" }).click();

    // An item: edit its status; the history records it.
    await page.getByRole("link", { name: "GET /users/<id>" }).click();
    await page.waitForLoadState("networkidle"); // the form is interactive once hydrated
    await page.getByLabel("Status", { exact: true }).selectOption("IN_PROGRESS");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toContainText("Saved.");
    await page.reload();
    await expect(page.getByTestId("history-row").first()).toContainText("status");
    await expect(page.getByTestId("history-row").first()).toContainText("In progress");

    // Bulk edit behind a confirmation.
    await page.goto(`${base}/inventory/routes`);
    await page.getByLabel("Select all on this page", { exact: true }).check();
    await page.getByLabel("Set status", { exact: true }).selectOption("VERIFIED");
    await page.getByRole("button", { name: "Apply…" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Set status to “Verified” for 3 selected routes?");
    await dialog.getByRole("button", { name: "Apply to 3" }).click();
    await expect(page.getByText("3 of 3 changed.")).toBeVisible();
    await page.goto(`${base}/inventory/routes?status=VERIFIED`);
    await expect(page.getByTestId("inventory-row")).toHaveCount(3);
    await page.screenshot({ path: "e2e/screenshots/inventory.png", fullPage: true });
  });

  test("the demo project's inventory: blocked routes say by what", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("E-mail", { exact: true }).fill("demo@waypoint.local");
    await page.getByLabel("Password", { exact: true }).fill("waypoint-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/orgs\/demo/);
    await page.goto("/orgs/demo/projects/php-to-python/inventory/routes?blocked=true&sort=traffic");
    const first = page.getByTestId("inventory-row").first();
    await expect(first).toContainText("Blocked");
    await first.getByRole("link").first().click();
    await expect(page.getByRole("note")).toContainText("Blocked by");
    await page.screenshot({ path: "e2e/screenshots/item.png", fullPage: true });
  });
});
