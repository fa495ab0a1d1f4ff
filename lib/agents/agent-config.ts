/**
 * What `npx waypoint agent-config` prints: an MCP client's configuration for Waypoint's server
 * (/api/mcp, Streamable HTTP) with an agent token. Without a token, the token is read from the
 * WAYPOINT_AGENT_TOKEN environment variable in the client's own syntax, so the secret need not
 * be written into a file that may be committed.
 */
export const AGENT_CLIENTS = ["claude-code", "cursor", "vscode"] as const;
export type AgentClient = (typeof AGENT_CLIENTS)[number];

export const TOKEN_VARIABLE = "WAYPOINT_AGENT_TOKEN";

/** The server's URL from the app's origin (NEXTAUTH_URL or --url); a URL already ending in /api/mcp is kept. */
export function mcpUrl(origin: string): string {
  const base = origin.trim().replace(/\/+$/, "");
  return base.endsWith("/api/mcp") ? base : `${base}/api/mcp`;
}

/** The configuration text for one client: a shell command for Claude Code, JSON for Cursor and VS Code. */
export function agentConfig(client: AgentClient, origin: string, token?: string): string {
  const url = mcpUrl(origin);
  if (client === "claude-code") {
    const secret = token ?? `$${TOKEN_VARIABLE}`;
    return `claude mcp add --transport http waypoint ${url} --header "Authorization: Bearer ${secret}" --header "X-Agent-Name: claude-code"`;
  }
  const headers = { Authorization: `Bearer ${token ?? `\${env:${TOKEN_VARIABLE}}`}`, "X-Agent-Name": client };
  const config = client === "cursor" ? { mcpServers: { waypoint: { url, headers } } } : { servers: { waypoint: { type: "http", url, headers } } };
  return JSON.stringify(config, null, 2);
}

/** Where the client reads it from, printed beside it. */
export const CONFIG_PLACE: Record<AgentClient, string> = {
  "claude-code": "Run this in the repository you port into (add --scope project to share it through .mcp.json).",
  cursor: "Put this in .cursor/mcp.json (this project) or ~/.cursor/mcp.json (every project).",
  vscode: "Put this in .vscode/mcp.json.",
};
