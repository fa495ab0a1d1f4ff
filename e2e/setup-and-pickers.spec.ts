import { expect, test, type Page } from "@playwright/test";
import { createProject, importRoutesCsv, newAccount, newProject, signUp } from "./helpers";
import { e2eDay as day } from "./clock";

async function checklistDone(page: Page) {
  const list = page.getByTestId("setup-checklist");
  await expect(list).toBeVisible();
  return list;
}

test("a new organisation and project: empty states lead to their action, the setup checklist follows the data", async ({ page }) => {
  const org = await signUp(page, newAccount("Setup"));
  // The empty projects list offers the action.
  await expect(page.getByText("No migration projects yet.")).toBeVisible();
  await expect(page.getByTestId("empty-state").getByRole("link", { name: "Create a project" })).toHaveAttribute("href", `/orgs/${org}/projects/new`);

  const project = newProject("Setup");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;

  // A new project's Overview: five steps, none done, each a link.
  const list = await checklistDone(page);
  await expect(list.getByText("0 of 5 done")).toBeVisible();
  await expect(list.getByRole("link", { name: "Import the inventory" })).toHaveAttribute("href", `${base}/import`);
  await expect(list.getByRole("link", { name: "Create a team" })).toHaveAttribute("href", `/orgs/${org}/teams`);
  await expect(list.getByRole("link", { name: "Invite a colleague" })).toHaveAttribute("href", `/orgs/${org}/members`);

  // Empty lists say what fills them, with the action.
  await page.goto(`${base}/inventory/routes`);
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No routes yet.");
  await expect(empty.getByRole("link", { name: "Import" })).toHaveAttribute("href", `${base}/import`);
  await page.goto(`/orgs/${org}/teams`);
  await page.getByTestId("empty-state").getByRole("link", { name: "Create team" }).click();
  await expect(page).toHaveURL(/#new-team-form$/);
  await page.goto(`/orgs/${org}/members`);
  await expect(page.getByTestId("members-empty")).toContainText("Only you so far.");

  // Importing ticks the first step; the import is listed as a link to its own page.
  await importRoutesCsv(page, base, "method,path,traffic_per_day\nGET,/about,40\nGET,/users/<int:id>,4000\n", "Imported: 2 new");
  await page.goto(`${base}/import`);
  await page.getByRole("link", { name: "routes.csv" }).first().click();
  await expect(page.getByRole("heading", { name: "routes.csv" })).toBeVisible();
  await expect(page.getByTestId("import-status")).toHaveText("Committed");
  await page.goto(base);
  const after = await checklistDone(page);
  await expect(after.getByText("1 of 5 done")).toBeVisible();
  await expect(after.locator('[data-step="import"]')).toHaveAttribute("data-done", "true");
  await expect(after.getByRole("link", { name: "Import the inventory" })).toHaveCount(0);
});

test("the item picker and the time-zone field work from the keyboard", async ({ page }) => {
  const org = await signUp(page, newAccount("Picker"));
  const project = newProject("Picker");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  await importRoutesCsv(page, base, "method,path,traffic_per_day\nGET,/about,40\nGET,/billing/invoices,900\nPOST,/billing,30\n", "Imported: 3 new");

  await page.goto(`${base}/stewardship/meetings`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Date").fill(day(0));
  await page.getByRole("button", { name: "Plan the meeting" }).click();
  await page.waitForURL(/\/stewardship\/meetings\/[^/?#]+(\?.*)?$/);
  await page.waitForLoadState("networkidle");

  const agendaForm = page.locator("form", { has: page.getByRole("button", { name: "Add to the agenda" }) });
  const picker = agendaForm.getByRole("combobox", { name: "About an item (optional)" });
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await picker.focus();
  await page.keyboard.type("billing");
  const options = agendaForm.getByRole("option");
  // Paths starting with the text first, shorter first.
  await expect(options).toHaveText([/^POST \/billing/, /^GET \/billing\/invoices/]);
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(picker).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  await page.keyboard.press("ArrowDown"); // wraps round
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter"); // picks; does not submit the form
  await expect(picker).toHaveValue("GET /billing/invoices");
  await expect(picker).toHaveAttribute("aria-expanded", "false");

  // Escape closes the list and keeps the choice; typed text that was not picked is never sent.
  await page.keyboard.press("End");
  await page.keyboard.type("x");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Escape");
  await expect(picker).toHaveValue("GET /billing/invoices");

  await agendaForm.getByLabel("Title").fill("Invoices need a decision on PDF rendering");
  await agendaForm.getByRole("button", { name: "Add to the agenda" }).click();
  const entry = page.getByTestId("agenda-entry").filter({ hasText: "Invoices need a decision on PDF rendering" });
  await expect(entry.getByRole("link", { name: "GET /billing/invoices" })).toBeVisible();
  await expect(picker).toHaveValue(""); // the form is ready for the next entry

  // The project's time zone: ~400 zones, filtered as one types.
  await page.goto(`${base}/settings`);
  await page.waitForLoadState("networkidle");
  const zone = page.getByRole("combobox", { name: "Time zone" });
  await zone.fill("berl");
  await expect(page.getByRole("listbox", { name: "Suggestions" }).getByRole("option").first()).toHaveText("Europe/Berlin");
  await zone.press("Enter");
  await expect(zone).toHaveValue("Europe/Berlin");
  await page.getByRole("button", { name: "Save progress settings" }).click();
  await expect(page.getByText("Progress settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/Berlin");
});

test("an access log's unmatched paths can be added later, from the import's own page", async ({ page }) => {
  const org = await signUp(page, newAccount("Later"));
  const project = newProject("Later");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  await importRoutesCsv(page, base, "method,path\nGET,/\n", "Imported: 1 new");
  const line = (path: string, second: number) =>
    `203.0.113.5 - - [10/Oct/2026:13:55:${String(second).padStart(2, "0")} +0000] "GET ${path} HTTP/1.1" 200 512 "-" "curl/8"`;
  const log = [line("/", 1), line("/pricing", 2), line("/pricing", 3)].join("\n") + "\n";
  await page.getByRole("button", { name: "Import another file" }).click();
  await page.getByLabel("What are you importing?", { exact: true }).selectOption("access-log");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "access.log", mimeType: "text/plain", buffer: Buffer.from(log) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.getByRole("button", { name: "Commit import" }).click();
  await expect(page.getByLabel("Pattern for GET /pricing")).toBeVisible();

  // Leave without adding anything; come back through Recent imports.
  await page.goto(`${base}/import`);
  await page.getByRole("link", { name: "access.log" }).click();
  await expect(page.getByTestId("import-status")).toHaveText("Committed");
  const panel = page.getByTestId("import-unmatched");
  await panel.getByLabel("Add GET /pricing").check();
  await panel.getByRole("button", { name: "Add 1 route to the inventory" }).click();
  await expect(panel.getByText("Added 1.")).toBeVisible();
  await page.goto(`${base}/inventory/routes`);
  await expect(page.getByRole("row").filter({ hasText: "GET /pricing" })).toHaveCount(1);
});
