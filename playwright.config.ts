import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { pinnedClockEnv } from "./e2e/clock";

/**
 * Browser tests against a production build (`npm run build` first), served by the app's own
 * `waypoint serve` on a fresh embedded database in .e2e-data (seeded with the demo org on start).
 * One server, one PGlite folder: one worker, tests in order. The server and Chromium run on a
 * pinned clock (e2e/clock.ts).
 */
const clockEnv = pinnedClockEnv();
// WAYPOINT_E2E_PORT: another port, when several checkouts run their browser tests on one machine.
const PORT = Number(process.env.WAYPOINT_E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
/** The server sends e-mail here; a spec that reads mail starts an SMTP receiver on it (e2e/status-page.spec.ts). */
const E2E_SMTP_PORT = PORT + 1000; // also e2e/helpers.ts e2eSmtpPort()
// Repositories the browser tests link (issue 22) are made by the specs in this folder: the only
// place file:// remotes are allowed. The key that seals their secrets is made per run, never stored.
export const E2E_REPOSITORY_ROOT = path.resolve(".e2e-repositories");
fs.mkdirSync(E2E_REPOSITORY_ROOT, { recursive: true });

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Debian's Chromium; never `npx playwright install` (no browser download here or in CI).
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      env: { ...process.env, ...clockEnv } as Record<string, string>,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf .e2e-data && node bin/waypoint.mjs serve --port ${PORT}`,
    url: `${BASE_URL}/signin`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      // Always the embedded database in its own folder, never ./data nor a DATABASE_URL from the environment.
      DATABASE_URL: "",
      WAYPOINT_DATA_DIR: ".e2e-data",
      WAYPOINT_SEED_DEMO: "1",
      // A second organisation with repositories and what their scan found (lib/demo/seed-code-demo.ts).
      WAYPOINT_SEED_CODE_DEMO: "1",
      // Production mode: the demo sign-in is off unless turned on.
      WAYPOINT_DEMO: "1",
      NEXTAUTH_URL: BASE_URL,
      // Nothing listens there unless a spec starts a receiver: other specs' e-mails fail to connect, logged.
      WAYPOINT_SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
      WAYPOINT_SECRET_KEY: process.env.WAYPOINT_SECRET_KEY ?? randomBytes(32).toString("base64"),
      WAYPOINT_REPOSITORY_ROOT: E2E_REPOSITORY_ROOT,
      ...clockEnv,
    },
  },
});
