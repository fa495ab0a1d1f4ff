import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
};

export default defineConfig({
  ...shared,
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores. Integration files each get their own in-memory PGlite (or PostgreSQL database).
    maxWorkers: 2,
    env: { WAYPOINT_BCRYPT_COST: "4", NEXT_TELEMETRY_DISABLED: "1" },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], setupFiles: ["test/setup/clock.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/setup/global-setup.ts"],
          setupFiles: ["test/setup/clock.ts", "test/setup/database.ts", "test/setup/session.ts"],
        },
      },
    ],
  },
});
