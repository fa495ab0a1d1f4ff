import { describe, expect, test } from "vitest";
import { agentConfig, mcpUrl } from "@/lib/agents/agent-config";
import { agentLabel } from "@/lib/agents/agent-context";

describe("agent-config", () => {
  test("the server's URL is the app's origin with /api/mcp, whatever trailing slash it had", () => {
    expect(mcpUrl("https://w.example")).toBe("https://w.example/api/mcp");
    expect(mcpUrl("https://w.example/sub/")).toBe("https://w.example/sub/api/mcp");
    expect(mcpUrl("https://w.example/api/mcp")).toBe("https://w.example/api/mcp");
  });

  test("without a token each client reads WAYPOINT_AGENT_TOKEN in its own syntax; with one it is written in", () => {
    expect(agentConfig("claude-code", "https://w.example")).toContain('--header "Authorization: Bearer $WAYPOINT_AGENT_TOKEN"');
    expect(JSON.parse(agentConfig("cursor", "https://w.example")).mcpServers.waypoint.headers.Authorization).toBe("Bearer ${env:WAYPOINT_AGENT_TOKEN}");
    expect(JSON.parse(agentConfig("vscode", "https://w.example", "wpt_abc")).servers.waypoint).toEqual({
      type: "http",
      url: "https://w.example/api/mcp",
      headers: { Authorization: "Bearer wpt_abc", "X-Agent-Name": "vscode" },
    });
  });
});

describe("agent labels", () => {
  test("a self-reported name is kept printable, trimmed and short; nothing usable is null", () => {
    expect(agentLabel("  claude-code ")).toBe("claude-code");
    expect(agentLabel("evil\u0000\nname")).toBe("evilname");
    expect(agentLabel("x".repeat(500))).toHaveLength(100);
    expect(agentLabel("   ")).toBeNull();
    expect(agentLabel(42)).toBeNull();
    expect(agentLabel(null)).toBeNull();
  });
});
