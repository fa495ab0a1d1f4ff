/**
 * `npx waypoint create-token --agent --user EMAIL` and `npx waypoint agent-config`: an operator
 * makes a coding agent's token for a member, and prints the MCP client's configuration.
 */
import { afterAll, describe, expect, test } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createPglite } from "@/lib/db/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { makeClient } from "@/lib/db/client";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";
import { DEMO_EMAIL } from "@/lib/demo/seed-demo";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-cli-agents-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const waypoint = (...args: string[]) => {
  const result = spawnSync(process.execPath, ["bin/waypoint.mjs", ...args], {
    env: { ...process.env, WAYPOINT_DATA_DIR: dataDir, DATABASE_URL: "", NEXTAUTH_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
};

describe("npx waypoint: coding agents", () => {
  test("create-token --agent --user makes a token owned by the member; agent-config prints each client's configuration", async () => {
    expect(waypoint("seed-demo").code).toBe(0);
    const made = waypoint("create-token", "--project", "php-to-python", "--agent", "--user", DEMO_EMAIL.toUpperCase(), "--name", "Claude");
    expect(made).toMatchObject({ code: 0, err: expect.stringContaining(`coding agent token of ${DEMO_EMAIL.toUpperCase()} "Claude" (engineer)`) });
    expect(made.out).toMatch(/^wpt_[A-Za-z0-9_-]{43}$/);
    expect(waypoint("create-token", "--project", "php-to-python", "--agent")).toMatchObject({ code: 1, err: expect.stringContaining("add --user <email>") });
    expect(waypoint("create-token", "--project", "php-to-python", "--agent", "--user", "nobody@example.test")).toMatchObject({
      code: 1,
      err: expect.stringContaining('No member "nobody@example.test"'),
    });
    expect(waypoint("create-token", "--project", "php-to-python", "--user", DEMO_EMAIL)).toMatchObject({
      code: 1,
      err: expect.stringContaining("add --agent"),
    });

    const pglite = createPglite(dataDir);
    const db = makeClient(new PrismaPGlite(pglite));
    try {
      const principal = await authenticateApiToken(db, made.out);
      const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
      expect(principal).toMatchObject({ kind: "token", scope: "AGENT", role: "ENGINEER", ownerId: owner.id });
    } finally {
      await db.$disconnect();
      await pglite.close();
    }

    const claude = waypoint("agent-config", "--client", "claude-code", "--url", "https://waypoint.example/");
    expect(claude).toMatchObject({ code: 0, err: expect.stringContaining("Set WAYPOINT_AGENT_TOKEN") });
    expect(claude.out).toBe(
      'claude mcp add --transport http waypoint https://waypoint.example/api/mcp --header "Authorization: Bearer $WAYPOINT_AGENT_TOKEN" --header "X-Agent-Name: claude-code"',
    );
    const cursor = waypoint("agent-config", "--client", "cursor", "--url", "https://waypoint.example", "--token", made.out);
    expect(JSON.parse(cursor.out)).toEqual({
      mcpServers: { waypoint: { url: "https://waypoint.example/api/mcp", headers: { Authorization: `Bearer ${made.out}`, "X-Agent-Name": "cursor" } } },
    });
    const vscode = waypoint("agent-config", "--client", "vscode", "--url", "http://localhost:3000");
    expect(JSON.parse(vscode.out)).toEqual({
      servers: {
        waypoint: {
          type: "http",
          url: "http://localhost:3000/api/mcp",
          headers: { Authorization: "Bearer ${env:WAYPOINT_AGENT_TOKEN}", "X-Agent-Name": "vscode" },
        },
      },
    });
    expect(waypoint("agent-config", "--client", "emacs", "--url", "https://w.example")).toMatchObject({
      code: 1,
      err: expect.stringContaining("--client claude-code|cursor|vscode"),
    });
    expect(waypoint("agent-config", "--client", "cursor")).toMatchObject({ code: 1, err: expect.stringContaining("--url") });
    expect(waypoint("agent-config", "--client", "cursor", "--url", "ftp://x")).toMatchObject({ code: 1, err: expect.stringContaining("http(s)") });
  }, 300_000);
});
