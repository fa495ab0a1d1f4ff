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
    const csv =
      "method,path,traffic_per_day,complexity,status,owner\nGET,/,90000,1,ported,Web\nGET,/users/:id,4000,2,not started,Web\nPOST,/users/{id}/settings,300,4,not started,\n";
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
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("method,path,status\nGET,/x,half done\n") });
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

  test("an access log: traffic per route, and the unmatched paths added to the inventory in one click", async ({ page }) => {
    const slug = await signUp(page, newAccount("Logs"));
    const project = newProject("Logs");
    await createProject(page, slug, project);
    const base = `/orgs/${slug}/projects/${project.slug}`;
    const line = (path: string, second: number) =>
      `203.0.113.5 - - [10/Oct/2026:13:55:${String(second).padStart(2, "0")} +0000] "GET ${path} HTTP/1.1" 200 512 "-" "curl/8"`;
    const log = [line("/", 1), line("/users/42", 2), line("/users/7", 3), line("/users/9", 4), line("/", 5), line("/about", 6)].join("\n") + "\n";

    await page.goto(`${base}/import`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("What are you importing?", { exact: true }).selectOption("csv");
    await page.getByLabel("Rows are", { exact: true }).selectOption("routes");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "routes.csv", mimeType: "text/csv", buffer: Buffer.from("method,path\nGET,/\n") });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await page.getByRole("button", { name: "Commit import" }).click();
    await page.getByRole("button", { name: "Import another file" }).click();

    await page.getByLabel("What are you importing?", { exact: true }).selectOption("access-log");
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "access.log", mimeType: "text/plain", buffer: Buffer.from(log) });
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByText("6 requests over 1 day(s); 2 (33%) matched a route.")).toBeVisible();
    await page.getByRole("button", { name: "Commit import" }).click();

    // The three /users/N paths are offered with a guessed pattern; one click adds them as one route.
    const table = page.getByTestId("unmatched-paths");
    await expect(page.getByLabel("Pattern for GET /users/42")).toHaveValue("/users/<int:id>");
    for (const path of ["/users/42", "/users/7", "/users/9"]) await page.getByLabel(`Add GET ${path}`).check();
    await page.getByRole("button", { name: "Add 3 routes to the inventory" }).click();
    await expect(page.getByText("Added 1.")).toBeVisible();
    await expect(table).not.toContainText("/users/42");
    await expect(table).toContainText("/about");

    // A pattern that does not match its path is refused, next to the row, and nothing is added.
    await page.getByLabel("Pattern for GET /about").fill("/contact");
    await page.getByRole("button", { name: "Add 1 route to the inventory" }).click();
    await expect(table).toContainText("The pattern /contact does not match /about.");

    await page.goto(`${base}/inventory/routes?sort=traffic`);
    const row = page.getByRole("row").filter({ hasText: "GET /users/<int:id>" });
    await expect(row).toContainText("3");
    await expect(page.getByRole("row").filter({ hasText: "/contact" })).toHaveCount(0);
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
    // The page may hold other notes too (a freeze window in force, from the cutover spec).
    await expect(page.getByRole("note").filter({ hasText: "Blocked by" })).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/item.png", fullPage: true });
  });
});
