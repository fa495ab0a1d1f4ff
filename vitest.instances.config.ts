import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:instances` (issue 18): real app instances — the production build served by
 * `waypoint serve` in child processes — on PostgreSQL and on PGlite. Two instances share sessions
 * and throttles; instances killed with SIGKILL mid-write leave nothing half-committed and restart
 * without help. Needs `npm run build` and PostgreSQL on 127.0.0.1:5432; fails (never skips)
 * without them. No fake clock and no per-file test database: the instances own their databases.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    name: "instances",
    environment: "node",
    include: ["test/instances/**/*.test.ts"],
    // Two cores: one file at a time, each starting its own instances.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    env: { WAYPOINT_BCRYPT_COST: "4", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
