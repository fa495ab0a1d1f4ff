import fs from "node:fs";
import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import type { Db } from "@/lib/db/client";
import { signUp } from "@/lib/accounts/sign-up";
import { round } from "./harness";

const PORT = 3477;
const PASSWORD = "bench-password-horse-battery";

/**
 * The dashboard page in Chromium: from navigation to every chart drawn (six chart SVGs with
 * their marks, and the activity list), against the production build (`npm run build` first) on
 * the benchmark's database. Returns null when there is no build.
 */
export async function timeDashboardInBrowser(db: Db, env: Record<string, string>, orgSlug: string, projectSlug: string, runs = 5) {
  if (!fs.existsSync(".next/BUILD_ID")) return null;
  const email = `bench-${Date.now()}@example.test`;
  const { user } = await signUp(db, { name: "Bench Reader", email, password: PASSWORD, organizationName: `Bench ${Date.now()}` });
  const org = await db.organization.findUniqueOrThrow({ where: { slug: orgSlug } });
  await db.membership.create({ data: { organizationId: org.id, userId: user.id, role: "VIEWER" } });

  const server = spawn(process.execPath, ["bin/waypoint.mjs", "serve", "--port", String(PORT)], {
    env: {
      ...process.env,
      ...env,
      NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      WAYPOINT_SEED_DEMO: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    await waitForServer(`http://localhost:${PORT}/signin`);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
    const page = await browser.newPage({ baseURL: `http://localhost:${PORT}`, viewport: { width: 1280, height: 900 } });
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`**/orgs/**`);
    const url = `/orgs/${orgSlug}/projects/${projectSlug}/progress`;
    const samples: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const start = Date.now();
      await page.goto(url, { waitUntil: "commit" });
      for (const chart of ["burnup", "traffic", "flow", "quadrant", "owners", "dependencies"]) {
        await page.getByTestId(`chart-${chart}`).locator(".recharts-wrapper > svg.recharts-surface").waitFor({ state: "visible", timeout: 30_000 });
      }
      await page.locator(".recharts-line-curve").first().waitFor({ state: "visible" });
      await page.locator(".recharts-scatter-symbol").first().waitFor({ state: "visible" });
      await page.getByTestId("activity-rows").waitFor({ state: "visible" });
      if (i > 0) samples.push(Date.now() - start); // the first load warms the server's compiled pages
    }
    await browser.close();
    samples.sort((a, b) => a - b);
    return { p50: round(samples[Math.floor(samples.length / 2)]), max: round(samples[samples.length - 1]), runs };
  } finally {
    server.kill("SIGTERM");
  }
}

async function waitForServer(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server did not answer ${url}.`);
}
