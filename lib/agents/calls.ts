import type { Db } from "@/lib/db/client";
import * as clock from "@/lib/time/clock";
import type { AgentPrincipal } from "./agent-context";

/** The tool name kept for an MCP initialize: it carries the client's self-reported name and version. */
export const INITIALIZE = "initialize";

export type RecordedCall = { tool: string; ok: boolean };

/** Records MCP calls of an agent token (tools/call, and initialize with the client's name). */
export async function recordAgentCalls(db: Db, principal: AgentPrincipal, agent: { name: string; version: string }, calls: RecordedCall[]) {
  if (calls.length === 0) return;
  const at = clock.now();
  await db.agentCall.createMany({
    data: calls.map((c) => ({
      organizationId: principal.organizationId,
      projectId: principal.projectId,
      tokenId: principal.tokenId,
      tool: c.tool.slice(0, 100),
      agentName: agent.name,
      agentVersion: agent.version,
      ok: c.ok,
      at,
    })),
  });
}

/** The name and version the client gave in this token's latest initialize, or null. */
export async function lastClientInfo(db: Db, tokenId: string): Promise<{ name: string; version: string } | null> {
  const row = await db.agentCall.findFirst({
    where: { tokenId, tool: INITIALIZE },
    orderBy: { at: "desc" },
    select: { agentName: true, agentVersion: true },
  });
  return row ? { name: row.agentName, version: row.agentVersion } : null;
}
