import { expect, test } from "@playwright/test";
import { bearer, createProject, createToken, fillSignIn, listProjectsWithToken, newAccount, newProject, signUp } from "./helpers";

test("sign up, create a project and an API token, use it, sign out and in, revoke it", async ({ page, request }) => {
  const account = newAccount("Onboarding");
  const project = newProject("Onboarding");

  // Sign up: a new user lands on their own, empty organisation.
  const org = await signUp(page, account);
  await expect(page.getByText("No migration projects yet.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Create a project: it opens on its overview with its three tabs.
  await createProject(page, org, project);
  const tabs = page.getByRole("navigation", { name: "Project" });
  await expect(tabs.getByRole("link")).toHaveText([
    "Overview",
    "Progress",
    "Next targets",
    "My work",
    "Claims",
    /^Review( \(\d+\))?$/,
    "Stewardship",
    "Inventory",
    "Code review",
    "Cutover",
    "Status page",
    "Import",
    "API tokens",
    "Settings",
  ]);
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(`${project.fromStack} → ${project.toStack}`)).toBeVisible();
  await expect(page.getByText("The inventory is empty.")).toBeVisible();

  // Create an API token; it is shown once.
  const token = await createToken(page, org, project.slug, "CI on main");
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("token-row")).toHaveCount(1);

  // The token lists exactly its project, and reads it by id.
  const listed = await listProjectsWithToken(request, token);
  expect(listed.map((p) => p.slug)).toEqual([project.slug]);
  expect(listed[0]).toMatchObject({ name: project.name, organization: { slug: org } });
  const one = await request.get(`/api/v1/projects/${listed[0].id}`, bearer(token));
  expect(one.status()).toBe(200);
  expect(await one.json()).toMatchObject({ id: listed[0].id, slug: project.slug, startDate: project.startDate, targetDate: project.targetDate });

  // Without credentials the API answers 401 in its error format.
  const anonymous = await request.get("/api/v1/projects");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe("unauthenticated");

  // Sign out: back on the sign-in page, and the organisation is no longer reachable.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin(\?|$)/);
  await page.goto(`/orgs/${org}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  // Sign in again with the same credentials: the organisation's projects page shows the project.
  await fillSignIn(page, account.email, account.password);
  await page.waitForURL(`**/orgs/${org}`);
  await expect(page.getByRole("heading", { name: "Migration projects" })).toBeVisible();
  await expect(page.getByRole("link", { name: project.name })).toHaveAttribute("href", `/orgs/${org}/projects/${project.slug}`);

  // Revoke the token through its confirmation dialog.
  await page.goto(`/orgs/${org}/projects/${project.slug}/tokens`);
  const row = page.getByTestId("token-row").filter({ hasText: "CI on main" });
  await row.getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: 'Revoke "CI on main"?' })).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  // The revoked token is refused.
  for (const path of ["/api/v1/projects", `/api/v1/projects/${listed[0].id}`]) {
    const refused = await request.get(path, bearer(token));
    expect(refused.status(), path).toBe(401);
    const body = await refused.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(typeof body.error.message).toBe("string");
  }

  // Still revoked after a reload (the revocation was stored, not just shown).
  await page.reload();
  await expect(page.getByTestId("token-row").filter({ hasText: "CI on main" })).toContainText("Revoked");
});
