import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The standing attack suite (`npm run test:security`, its own CI step): every documented endpoint
 * tried with another tenant's ids, every role and token, cross-site cookies and hostile bodies.
 * Kept out of `npm test` (and so out of test:clock's six runs and test:pg) on purpose: CI runs it once.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    name: "security",
    environment: "node",
    include: ["test/security/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/clock.ts", "test/setup/database.ts", "test/setup/session.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    env: { WAYPOINT_BCRYPT_COST: "4", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
