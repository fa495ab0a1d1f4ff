import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { createProject, newAccount, newProject, signUp, uniqueId } from "./helpers";

/**
 * Issue 22: a manager links the legacy repository (a real git repository under the server's
 * WAYPOINT_REPOSITORY_ROOT), sees the webhook secret once, asks for a scan, and reads the scan's
 * log (commit, mode, routes per framework). A location the policy refuses is a field error.
 */
const ROOT = path.resolve(".e2e-repositories");

function makeRepository(): { url: string; head: string } {
  const dir = path.join(ROOT, `legacy-${uniqueId()}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "app.py"), 'from flask import Flask\napp = Flask(__name__)\n\n\n@app.route("/hello")\ndef hello():\n    return "hi"\n');
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "T",
    GIT_AUTHOR_EMAIL: "t@example.com",
    GIT_COMMITTER_NAME: "T",
    GIT_COMMITTER_EMAIL: "t@example.com",
  };
  execFileSync("git", ["init", "--quiet", "--initial-branch", "main"], { cwd: dir, env });
  execFileSync("git", ["add", "--all"], { cwd: dir, env });
  execFileSync("git", ["commit", "--quiet", "-m", "hello"], { cwd: dir, env });
  return { url: `file://${dir}`, head: execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, env, encoding: "utf8" }).trim() };
}

test("repositories: link, webhook secret once, scan now, the scan's log", async ({ page }) => {
  const account = newAccount("Repos");
  const org = await signUp(page, account);
  const project = newProject("Repos");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  const repo = makeRepository();

  await page.goto(`${base}/settings`);
  await page.getByRole("link", { name: "Repositories →" }).click();
  await page.waitForURL(`**${base}/settings/repositories`);
  const legacy = page.getByRole("region", { name: "Legacy repository" });

  // Refused by the policy: a field error, nothing linked.
  await legacy.getByLabel("Location").fill("http://github.com/acme/shop.git");
  await legacy.getByRole("button", { name: "Link repository" }).click();
  await expect(legacy.getByText(/Plain http:\/\/ remotes are refused/).first()).toBeVisible();

  await legacy.getByLabel("Location").fill(repo.url);
  await legacy.getByRole("button", { name: "Link repository" }).click();
  const secret = legacy.getByTestId("LEGACY-webhook-secret");
  await expect(secret).toBeVisible();
  expect(await secret.inputValue()).toMatch(/^whs_/);

  await legacy.getByRole("link", { name: "Done: show the repository →" }).click();
  await expect(legacy.getByText("Not scanned yet")).toBeVisible();
  await expect(legacy.getByTestId("LEGACY-webhook-url")).toContainText("/api/hooks/repositories/");
  await expect(page.getByTestId("LEGACY-webhook-secret")).toHaveCount(0);

  await legacy.getByRole("button", { name: "Scan now" }).click();
  await expect(legacy.getByText(/Scan queued/)).toBeVisible();
  // The worker inside `waypoint serve` runs it.
  await expect(async () => {
    await page.reload();
    await expect(legacy.getByText("Scanned", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(legacy.getByText("1 route found")).toBeVisible();

  await legacy.getByRole("link", { name: "Log" }).first().click();
  await page.waitForURL(`**${base}/settings/repositories/*/scans/*`);
  await expect(page.getByText(repo.head)).toBeVisible();
  await expect(page.getByText("full: first scan")).toBeVisible();
  await expect(page.getByText("flask 1")).toBeVisible();
  await expect(page.getByText("app.py", { exact: true })).toBeVisible();
});
