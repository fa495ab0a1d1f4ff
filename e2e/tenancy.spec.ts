import { expect, test } from "@playwright/test";
import { bearer, createProject, createToken, expectNotFoundPage, listProjectsWithToken, newAccount, newProject, signUp } from "./helpers";

test("a user cannot reach another organisation's pages or projects, by page or by API", async ({ browser }) => {
  // User B, in a browser context of their own: an organisation with a project.
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  const orgB = await signUp(pageB, newAccount("TenantB"));
  const projectB = newProject("TenantB");
  await createProject(pageB, orgB, projectB);
  // B's project id, through B's own session on the API.
  const ownB = await pageB.request.get("/api/v1/projects");
  expect(ownB.status()).toBe(200);
  const projectBId = ((await ownB.json()) as { data: { id: string; slug: string }[] }).data.find((p) => p.slug === projectB.slug)?.id;
  expect(projectBId).toBeTruthy();
  await contextB.close();

  // User A: their own organisation, project and token.
  const contextA = await browser.newContext();
  const page = await contextA.newPage();
  const orgA = await signUp(page, newAccount("TenantA"));
  expect(orgA).not.toBe(orgB);
  const projectA = newProject("TenantA");
  await createProject(page, orgA, projectA);
  const tokenA = await createToken(page, orgA, projectA.slug, "tenant A token");

  // A's own pages answer 200 (so the 404s below are about ownership, not broken pages).
  const own = await page.goto(`/orgs/${orgA}/projects/${projectA.slug}`);
  expect(own?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: projectA.name })).toBeVisible();

  // B's organisation and everything under it: the 404 page, with status 404.
  await expectNotFoundPage(page, `/orgs/${orgB}`);
  await expectNotFoundPage(page, `/orgs/${orgB}/members`);
  await expectNotFoundPage(page, `/orgs/${orgB}/projects/${projectB.slug}`);
  await expectNotFoundPage(page, `/orgs/${orgB}/projects/${projectB.slug}/tokens`);
  // B's project slug under A's own organisation is not found either.
  await expectNotFoundPage(page, `/orgs/${orgA}/projects/${projectB.slug}`);
  // Nor the demo organisation, which A is not a member of.
  await expectNotFoundPage(page, "/orgs/demo");
  await expectNotFoundPage(page, "/orgs/demo/projects/php-to-python");
  // Nothing of B's leaks into the 404 page.
  await expect(page.getByText(projectB.name)).toHaveCount(0);
  // An organisation that does not exist looks the same as a foreign one.
  await expectNotFoundPage(page, `/orgs/no-such-org-${Date.now()}`);

  // API with A's token: only A's project; B's project id is 404, like an unknown id.
  const listed = await listProjectsWithToken(contextA.request, tokenA);
  expect(listed.map((p) => p.slug)).toEqual([projectA.slug]);
  const foreign = await contextA.request.get(`/api/v1/projects/${projectBId}`, bearer(tokenA));
  expect(foreign.status()).toBe(404);
  const foreignBody = await foreign.json();
  expect(foreignBody.error.code).toBe("not_found");
  expect(JSON.stringify(foreignBody)).not.toContain(projectB.name);
  const unknown = await contextA.request.get("/api/v1/projects/does-not-exist", bearer(tokenA));
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("not_found");
  // Filtering by B's organisation does not widen what the token sees.
  const filtered = await contextA.request.get(`/api/v1/projects?organization=${orgB}`, bearer(tokenA));
  expect(filtered.status()).toBe(200);
  expect((await filtered.json()).data).toEqual([]);

  // API with A's session (cookies of A's browser context): B's project is 404 as well.
  const bySession = await page.request.get(`/api/v1/projects/${projectBId}`);
  expect(bySession.status()).toBe(404);
  const sessionList = await page.request.get("/api/v1/projects");
  expect(sessionList.status()).toBe(200);
  expect(((await sessionList.json()) as { data: { slug: string }[] }).data.map((p) => p.slug)).toEqual([projectA.slug]);

  await contextA.close();
});
