import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createProject, fillSignIn, newAccount, newProject, signUp } from "./helpers";

type ApiProject = { id: string; slug: string };

/** Serves one page on another port of this host: same site as the app, another origin. */
async function attackerPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("21.8 a page on another port of the same host cannot write through the API with the signed-in user's cookie", async ({ page, baseURL }) => {
  const account = newAccount("CSRF");
  const org = await signUp(page, account);
  const project = newProject("Csrf");
  await createProject(page, org, project);
  const listed = (await (await page.request.get("/api/v1/projects")).json()) as { data: ApiProject[] };
  const id = listed.data.find((p) => p.slug === project.slug)!.id;

  // The review's attack: a no-cors fetch with the cookie, a JSON text as text/plain; and a PATCH.
  const attacker = await attackerPage(`<!doctype html><script>
    const api = ${JSON.stringify(`${baseURL}/api/v1/projects/${id}`)};
    Promise.all([
      fetch(api + "/routes", { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify({ method: "GET", path: "/forged" }) }),
      fetch(api, { method: "PATCH", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "Forged name" }) }),
    ]).finally(() => { document.title = "sent"; });
  </script>`);
  try {
    await page.goto(attacker.url);
    await expect(page).toHaveTitle("sent");
  } finally {
    await attacker.close();
  }
  const routes = (await (await page.request.get(`/api/v1/projects/${id}/routes`)).json()) as { total: number };
  expect(routes.total).toBe(0);
  const after = (await (await page.request.get(`/api/v1/projects/${id}`)).json()) as { name: string };
  expect(after.name).toBe(project.name);
});

test("21.7 a session cookie saved before sign-out no longer reads the API afterwards", async ({ page, browser, baseURL }) => {
  const account = newAccount("Signout");
  await signUp(page, account);
  const saved = await page.context().storageState();
  expect((await page.request.get("/api/v1/projects")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/signin**");

  const replay = await browser.newContext({ storageState: saved, baseURL });
  try {
    const response = await replay.request.get("/api/v1/projects");
    expect(response.status()).toBe(401);
  } finally {
    await replay.close();
  }
  // Signing in again opens a new session.
  await fillSignIn(page, account.email, account.password);
  await page.waitForURL(/\/orgs\//);
  expect((await page.request.get("/api/v1/projects")).status()).toBe(200);
});

test("21.14 every page and API answer carries a Content-Security-Policy, and the app works under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const signin = await page.goto("/signin");
  const csp = signin!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);
  expect((await page.request.get("/api/v1/openapi.json")).headers()["content-security-policy"]).toContain("default-src 'none'");

  // The demo sign-in says the data is public (the browser tests turn it on with WAYPOINT_DEMO=1).
  await expect(page.getByTestId("demo-login")).toContainText("public demo");

  // Client code runs: signing in (a client-side fetch), then a page with charts.
  await fillSignIn(page, "demo@waypoint.local", "waypoint-demo");
  await page.waitForURL("**/orgs/demo");
  await page.goto("/orgs/demo/projects/php-to-python/progress");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);
});
