import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { lowerRole } from "@/lib/auth/permissions";
import { resolvePrincipal } from "@/lib/api/handler";
import type { AgentActor, ApiPrincipal, OrgContext } from "@/lib/tenancy";

export type AgentPrincipal = Extract<ApiPrincipal, { kind: "token" }> & { ownerId: string };

/** The headers a client may send to name itself on every request (stateless: the initialize is another request). */
export const AGENT_NAME_HEADER = "x-agent-name";
export const AGENT_VERSION_HEADER = "x-agent-version";
export const UNKNOWN_AGENT = "unknown";

/**
 * The agent token behind an MCP request, checked as the REST API checks tokens (the same throttled
 * lookup: lib/api/handler.ts resolvePrincipal). Only a Bearer token is taken — never the session
 * cookie — and only one of the agent scope.
 */
export async function agentPrincipal(db: Db, request: Request): Promise<AgentPrincipal> {
  if (!request.headers.get("authorization")) {
    throw new AppError("unauthenticated", "Send a coding agent's token as `Authorization: Bearer <token>` (make one on the project's API tokens page).");
  }
  const principal = await resolvePrincipal(db, request);
  if (principal.kind !== "token" || principal.scope !== "AGENT" || !principal.ownerId) {
    throw new AppError(
      "forbidden",
      "This token is not a coding agent's. Make an agent token (API tokens page → Coding agent, or `npx waypoint create-token --agent --user EMAIL`).",
    );
  }
  return { ...principal, ownerId: principal.ownerId };
}

/**
 * An agent acts as its token's owner (userId), in the token's project only, and never above
 * Engineer whatever its owner's role; `agent` marks it, so domain code refuses what agents never do.
 */
export function agentContext(principal: AgentPrincipal, agent: Omit<AgentActor, "tokenId">): OrgContext {
  return {
    organizationId: principal.organizationId,
    organizationSlug: principal.organizationSlug,
    role: lowerRole(principal.role, "ENGINEER"),
    userId: principal.ownerId,
    tokenProjectId: principal.projectId,
    agent: { tokenId: principal.tokenId, name: agent.name, version: agent.version },
  };
}

/** A self-reported name or version as stored: printable, trimmed, at most 100 characters; null when there is none. */
export function agentLabel(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const clean = value
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 100);
  return clean || null;
}
