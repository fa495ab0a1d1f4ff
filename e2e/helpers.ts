import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** A suffix that makes e-mails, names and slugs unique per run (the database is fresh, but be safe). */
export function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export type Account = { name: string; email: string; password: string; organizationName: string };

/** A valid new account: the password is long, varied and does not contain the e-mail's name. */
export function newAccount(label: string): Account {
  const id = uniqueId();
  return {
    name: `E2E ${label} ${id}`,
    email: `e2e-${label.toLowerCase()}-${id}@example.com`,
    password: `Tr4ck-Porting-${id.slice(-4)}!`,
    organizationName: `E2E ${label} Org ${id}`,
  };
}

/** Fills and submits the sign-up form (does not wait for the outcome). */
export async function fillSignUp(page: Page, account: Partial<Account>) {
  await page.goto("/signup");
  await expect(page.getByRole("heading", { name: "Create your Waypoint account" })).toBeVisible();
  if (account.name !== undefined) await page.getByLabel("Your name").fill(account.name);
  if (account.email !== undefined) await page.getByLabel("E-mail").fill(account.email);
  if (account.password !== undefined) await page.getByLabel("Password").fill(account.password);
  if (account.organizationName !== undefined) await page.getByLabel("Organisation name").fill(account.organizationName);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs up and returns the new organisation's slug, read from the page it lands on. */
export async function signUp(page: Page, account: Account): Promise<string> {
  await fillSignUp(page, account);
  await page.waitForURL(/\/orgs\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2];
  expect(slug).toBeTruthy();
  await expect(page.getByRole("heading", { name: "Migration projects" })).toBeVisible();
  return slug;
}

/** Fills and submits the sign-in form (does not wait for the outcome). */
export async function fillSignIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Waypoint" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export type ProjectInput = { name: string; slug: string; fromStack: string; toStack: string; startDate?: string; targetDate?: string; description?: string };

export function newProject(label: string): ProjectInput {
  const id = uniqueId();
  return {
    name: `${label} port ${id}`,
    slug: `${label.toLowerCase()}-port-${id}`,
    fromStack: "PHP 7",
    toStack: "Python 3 (Flask)",
    startDate: "2025-01-06",
    targetDate: "2025-12-19",
    description: `Created by the browser tests (${id}).`,
  };
}

/** From the organisation's project list, through "New project", to the new project's overview. */
export async function createProject(page: Page, org: string, project: ProjectInput) {
  await page.goto(`/orgs/${org}`);
  await page.getByRole("link", { name: "New project" }).click();
  await page.waitForURL(`**/orgs/${org}/projects/new`);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(project.name);
  await page.getByLabel("Slug", { exact: true }).fill(project.slug);
  await page.getByLabel("From (legacy stack)").fill(project.fromStack);
  await page.getByLabel("To (new stack)").fill(project.toStack);
  if (project.startDate) await page.getByLabel("Start date").fill(project.startDate);
  if (project.targetDate) await page.getByLabel("Target date").fill(project.targetDate);
  if (project.description) await page.getByLabel("Description").fill(project.description);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(`**/orgs/${org}/projects/${project.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: project.name })).toBeVisible();
}

/** Creates an API token on the project's "API tokens" tab and returns the secret shown once. */
export async function createToken(page: Page, org: string, projectSlug: string, name: string, actsAs = "Viewer"): Promise<string> {
  await page.goto(`/orgs/${org}/projects/${projectSlug}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "API tokens" }).click();
  await page.waitForURL(`**/orgs/${org}/projects/${projectSlug}/tokens`);
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Acts as").selectOption({ label: actsAs });
  await page.getByRole("button", { name: "Create token" }).click();
  const secretInput = page.getByTestId("new-token");
  await expect(secretInput).toBeVisible();
  const secret = await secretInput.inputValue();
  expect(secret).toMatch(/^wpt_\S{16,}$/);
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toBeVisible();
  return secret;
}

export function bearer(token: string) {
  return { headers: { Authorization: `Bearer ${token}` } };
}

type ApiProject = { id: string; slug: string; name: string; organization: { slug: string } };

/** GET /api/v1/projects with a token: asserts 200 and returns the list. */
export async function listProjectsWithToken(request: APIRequestContext, token: string): Promise<ApiProject[]> {
  const response = await request.get("/api/v1/projects", bearer(token));
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { data: ApiProject[]; nextCursor: string | null };
  return body.data;
}

/** Asserts the page is the app's 404 page and, when known, that the document answered 404. */
export async function expectNotFoundPage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, `no document response for ${path}`).not.toBeNull();
  expect(response!.status(), `HTTP status of ${path}`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
}

/** Imports a CSV of routes into a project through the Import page, and waits for the commit. */
export async function importRoutesCsv(page: Page, base: string, csv: string, expected: string) {
  await page.goto(`${base}/import`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("What are you importing?", { exact: true }).selectOption("csv");
  await page.getByLabel("Rows are", { exact: true }).selectOption("routes");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "routes.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await page.getByRole("button", { name: "Commit import" }).click();
  await expect(page.getByText(expected)).toBeVisible();
}

export const DEMO_EMAIL = "demo@waypoint.local";
export const DEMO_PASSWORD = "waypoint-demo";

/** Signs in as the demo organisation's admin and waits for its projects page. */
export async function signInAsDemo(page: Page) {
  await fillSignIn(page, DEMO_EMAIL, DEMO_PASSWORD);
  await page.waitForURL("**/orgs/demo");
}

/** A phone the size of an iPhone 12–15 (390 × 844 CSS pixels), touch and a mobile viewport. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 } as const;

/**
 * Asserts the page does not scroll sideways: the document is no wider than the viewport. On a
 * failure the message names the widest elements that stick out (those not inside a scroller).
 */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const insideScroller = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const culprits =
      root.scrollWidth <= root.clientWidth
        ? []
        : [...document.body.querySelectorAll("*")]
            .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !insideScroller(el))
            .slice(0, 3)
            .map(
              (el) =>
                `<${el.tagName.toLowerCase()} class="${String(el.getAttribute("class") ?? "").slice(0, 60)}"> right=${Math.round(el.getBoundingClientRect().right)}`,
            );
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
  expect(result.scrollWidth, `${label} scrolls sideways at ${result.clientWidth} px: ${result.culprits.join("; ")}`).toBeLessThanOrEqual(result.clientWidth);
}

/** The admin's invite link for a role, made on the members page. */
export async function inviteLink(page: Page, org: string, role: string): Promise<string> {
  await page.goto(`/orgs/${org}/members`);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** The port the browser tests' server sends e-mail to (playwright.config.ts); a spec that reads mail listens there. */
export function e2eSmtpPort(): number {
  return Number(process.env.WAYPOINT_E2E_PORT ?? 3100) + 1000;
}
