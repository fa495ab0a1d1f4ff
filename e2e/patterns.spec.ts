import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

const BASE = "/orgs/demo/projects/php-to-python";

test("Settings → Patterns: a look-around refused as it is typed, a pattern added, edited, shown on Progress, archived after confirming", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto(`${BASE}/settings`);
  await page.getByRole("link", { name: "Patterns →" }).click();
  await page.waitForURL(`**${BASE}/settings/patterns`);
  await expect(page.getByTestId("patterns-empty")).toContainText("No patterns yet");

  const add = page.getByRole("region", { name: "Add a pattern" });
  await add.getByRole("textbox", { name: "Name" }).fill("six imports");
  const regex = add.getByRole("textbox", { name: "Regular expression" });
  await regex.fill("(?<=import )six");
  await expect(add.getByText(/look-around and back-references are not supported/)).toBeVisible();
  await expect(regex).toHaveAttribute("aria-invalid", "true");
  await regex.fill(String.raw`^\s*(import six|from six\b)`);
  await expect(add.getByText(/are not supported by the linear-time engine/)).toHaveCount(0);
  await expect(regex).not.toHaveAttribute("aria-invalid", "true");
  await add.getByRole("checkbox", { name: "python" }).check();
  await add.getByRole("button", { name: "Add pattern" }).click();
  await expect(add.getByText('Pattern "six imports" added as six-imports: the next scan counts it.')).toBeVisible();

  const item = page.getByRole("listitem", { name: "Pattern six imports" });
  await expect(item.getByTestId("pattern-state")).toHaveText("Not counted yet");
  await expect(item).toContainText("python");

  // The server's own refusal shows at its field: the slug is taken.
  await add.getByRole("textbox", { name: "Name" }).fill("six again");
  await add.getByRole("textbox", { name: "Slug" }).fill("six-imports");
  await add.getByRole("textbox", { name: "Regular expression" }).fill("six");
  await add.getByRole("button", { name: "Add pattern" }).click();
  await expect(add.getByText("Already used.")).toBeVisible();
  await expect(add.getByRole("textbox", { name: "Slug" })).toHaveAttribute("aria-invalid", "true");

  // Edit the target.
  await item.getByText("Edit").click();
  await item.getByRole("spinbutton", { name: "Target" }).fill("2");
  await item.getByRole("button", { name: "Save pattern" }).click();
  await expect(item.getByText('Pattern "six imports" saved.')).toBeVisible();
  await expect(item).toContainText("target 2");

  // Progress shows its burn-down section (nothing counted yet: no scan ran).
  await page.goto(`${BASE}/progress`);
  const section = page.getByRole("region", { name: "Patterns that must disappear" });
  await expect(section.getByTestId("pattern-chart-six-imports")).toContainText("No points yet");
  await expect(section.getByTestId("pattern-current")).toHaveText("No scan has counted it yet. · target 2");
  await section.getByRole("button", { name: "List the lines left" }).click();
  await expect(section.getByText("None left in the last scans.")).toBeVisible();

  // Archive, after confirming.
  await page.goto(`${BASE}/settings/patterns`);
  await page.getByRole("button", { name: "Archive six imports" }).click();
  const dialog = page.getByRole("dialog", { name: 'Archive "six imports"?' });
  await dialog.getByRole("button", { name: "Archive pattern" }).click();
  await expect(page.getByTestId("patterns-empty")).toBeVisible();
  await expect(page.getByRole("region", { name: "Archived" })).toContainText("six imports (six-imports)");
});
