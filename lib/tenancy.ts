import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role, TokenScope } from "@/lib/generated/prisma/enums";

/**
 * Who is acting, inside which organisation. Built only on the server, from a verified session
 * membership or a verified API token; never from ids the client sent.
 */
export type OrgContext = {
  organizationId: string;
  organizationSlug: string;
  role: Role;
  /** null when acting through an API token. */
  userId: string | null;
  /** Set when acting through a project API token: the only project it may reach. */
  tokenProjectId: string | null;
  /**
   * Set when a coding agent acts through its owner's agent token over MCP (issue 23): userId is
   * then the owner. Domain functions refuse what agents never do (switch traffic, override a
   * gate or a freeze window, confirm work) with assertNotAgent in lib/auth/permissions.ts.
   */
  agent?: AgentActor | null;
};

/** The coding agent behind a request: its token, and the name and version it reported. */
export type AgentActor = { tokenId: string; name: string; version: string };

/** The where fragment every project query starts from: the tenant, and the token's project if any. */
/**
 * The context's projects narrowed by more conditions. AND, not a spread: spreading `{ id }` over
 * a token's scope would replace the token's own project id with the one asked for.
 */
export function projectWhere(ctx: OrgContext, where: Prisma.ProjectWhereInput): Prisma.ProjectWhereInput {
  return { AND: [projectScope(ctx), where] };
}

export function projectScope(ctx: OrgContext): Prisma.ProjectWhereInput {
  return ctx.tokenProjectId ? { organizationId: ctx.organizationId, id: ctx.tokenProjectId } : { organizationId: ctx.organizationId };
}

/** How an API request authenticated. */
export type ApiPrincipal =
  | { kind: "session"; userId: string }
  | {
      kind: "token";
      tokenId: string;
      organizationId: string;
      organizationSlug: string;
      projectId: string;
      role: Role;
      scope: TokenScope;
      ownerId: string | null;
    };

/** Projects an API principal may see: its memberships' organisations, or its token's one project. */
export function principalProjectScope(principal: ApiPrincipal): Prisma.ProjectWhereInput {
  return principal.kind === "token"
    ? { id: principal.projectId, organizationId: principal.organizationId }
    : { organization: { memberships: { some: { userId: principal.userId } } } };
}
