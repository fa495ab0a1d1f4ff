import { expect, test } from "@playwright/test";
import { createProject, newAccount, newProject, signUp } from "./helpers";
import { e2eDay as day } from "./clock";

test("office hours: at most 50 active slots; the page shows one week at a time and one sign-up form", async ({ page }) => {
  const account = newAccount("Hours");
  const org = await signUp(page, account);
  const project = newProject("Hours");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  const here = `${base}/stewardship/office-hours`;

  // 50 weekly slots of one host (7 days × 8 hours never overlap), through the API as the signed-in steward.
  const projects = (await (await page.request.get("/api/v1/projects")).json()) as { data: { id: string; slug: string }[] };
  const projectId = projects.data.find((p) => p.slug === project.slug)!.id;
  const members = await page.request.get(`${here}/slots`);
  expect(members.status()).toBe(200);
  const hostId = /<input[^>]*name="hosts"[^>]*value="([^"]+)"/.exec(await members.text())?.[1];
  expect(hostId).toBeTruthy();
  const slot = (i: number) => ({
    weekday: i % 7,
    startTime: `${String(8 + Math.floor(i / 7)).padStart(2, "0")}:00`,
    durationMinutes: 60,
    timeZone: "UTC",
    location: `Room ${i}`,
    capacity: 5,
    startsOn: day(-10),
    hosts: [hostId],
  });
  const origin = new URL(page.url()).origin;
  const post = (i: number) => page.request.post(`/api/v1/projects/${projectId}/office-hours`, { data: slot(i), headers: { Origin: origin } });
  for (let i = 0; i < 50; i++) expect((await post(i)).status()).toBe(201);
  const refused = await post(50);
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("already runs 50 office-hours slots");

  // One week a page: the rest of this week, then next week with one session per slot.
  const html = await (await page.request.get(here)).text();
  expect(html.length).toBeLessThan(1_000_000);
  await page.goto(here);
  await expect(page.getByTestId("week-title")).toHaveText("This week");
  const thisWeek = await page.getByTestId("session").count();
  expect(thisWeek).toBeLessThan(50);
  await page.getByRole("navigation", { name: "Weeks" }).getByRole("link", { name: "Next week →" }).click();
  await page.waitForURL(/\?week=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId("week-title")).toHaveText("Next week");
  await expect(page.getByTestId("session")).toHaveCount(50);
  await expect(page.getByLabel("What would you like to ask?")).toHaveCount(0);

  // Signing up draws the form for that one session only.
  await page
    .getByRole("link", { name: /^Sign up for / })
    .first()
    .click();
  await page.waitForURL(/&slot=[^&]+&date=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByLabel("What would you like to ask?")).toHaveCount(1);
  await page.getByLabel("What would you like to ask?").fill("How do we port the session handling?");
  await page.getByTestId("signup-form").getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("You are signed up", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("signup").filter({ hasText: "How do we port the session handling?" })).toBeVisible();
});
