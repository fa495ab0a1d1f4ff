import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { ApiPrincipal, OrgContext } from "@/lib/tenancy";
import { assertCan, can, lowerRole, TOKEN_ROLES } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalid, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { newSecret, sha256 } from "@/lib/secrets";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { idSchema, nameSchema } from "@/lib/validation/common";
import * as clock from "@/lib/time/clock";

export const TOKEN_PREFIX = "wpt";

export const createTokenSchema = z
  .object({
    projectId: idSchema,
    name: nameSchema,
    role: z.enum(TOKEN_ROLES, { error: "Choose one of: manager, steward, engineer, viewer." }).default("ENGINEER"),
    /** What it is for: the API by its role (default), reading the routing configuration only (a proxy), or posting evidence only (CI). */
    scope: z.enum(["API", "ROUTING", "EVIDENCE", "AGENT"], { error: "Choose one of: API, ROUTING, EVIDENCE, AGENT." }).default("API"),
    /** A coding agent's token (scope AGENT) acts for this member: yourself by default; managers may name another member. */
    ownerId: idSchema.optional(),
  })
  .strict();
export const revokeTokenSchema = z.object({ projectId: idSchema, tokenId: idSchema }).strict();

/** Creates a token; the secret is returned once and only its hash is kept. */
export async function createApiToken(db: Db, ctx: OrgContext, raw: unknown) {
  const input = parseInput(createTokenSchema, raw);
  if (input.scope === "AGENT") return createAgentToken(db, ctx, input);
  assertCan(ctx.role, "tokens:manage");
  if (input.ownerId) throw invalid("Only a coding agent's token has an owner.", { ownerId: ["Only with scope AGENT."] });
  const project = await projectInScope(db, ctx, input.projectId);
  return insertToken(db, ctx, project, input, ctx.userId);
}

/**
 * A coding agent's token (issue 23): owned by one member who may claim, who makes it for
 * themselves (a manager, or an operator on the command line, for anyone). The owner is stored as
 * its maker, which already means "acts no higher than this member, revoked when they leave"; its
 * role is at most Engineer, so an agent never manages anything whoever owns it.
 */
async function createAgentToken(db: Db, ctx: OrgContext, input: z.output<typeof createTokenSchema>) {
  const ownerId = input.ownerId ?? ctx.userId;
  if (!ownerId) throw invalid("A coding agent's token acts for a member: name its owner.", { ownerId: ["Required from the command line."] });
  if (ownerId !== ctx.userId) assertCan(ctx.role, "tokens:manage");
  else assertCan(ctx.role, "claims:claim");
  const project = await projectInScope(db, ctx, input.projectId);
  const owner = await db.membership.findFirst({ where: { organizationId: ctx.organizationId, userId: ownerId }, select: { role: true } });
  if (!owner) throw invalid("The owner must be a member of this organisation.", { ownerId: ["Not a member."] });
  if (!can(owner.role, "claims:claim"))
    throw invalid("A viewer cannot own a coding agent's token: agents claim items.", { ownerId: ["Viewers cannot claim."] });
  return insertToken(db, ctx, project, { ...input, role: lowerRole(input.role, "ENGINEER") as typeof input.role }, ownerId);
}

async function insertToken(
  db: Db,
  ctx: OrgContext,
  project: { id: string; slug: string },
  input: Pick<z.output<typeof createTokenSchema>, "name" | "role" | "scope">,
  createdById: string | null,
) {
  const secret = newSecret(TOKEN_PREFIX);
  const token = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: project.id,
        name: input.name,
        role: input.role,
        scope: input.scope,
        prefix: secret.slice(0, TOKEN_PREFIX.length + 7),
        tokenHash: sha256(secret),
        createdById,
      },
      select: { id: true, name: true, prefix: true, role: true, scope: true, createdAt: true, createdById: true },
    });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "token.created",
      targetType: "api_token",
      targetId: created.id,
      data: { project: project.slug, name: input.name, role: input.role, scope: input.scope, ...(input.scope === "AGENT" ? { owner: createdById } : {}) },
    });
    return created;
  });
  return { token, secret };
}

/** Managers see every token of the project; a member who may claim, their own coding agent's tokens. */
export async function listApiTokens(db: Db, ctx: OrgContext, projectId: string) {
  const manager = can(ctx.role, "tokens:view");
  if (!manager) assertCan(ctx.role, "claims:claim");
  await projectInScope(db, ctx, projectId);
  return db.apiToken.findMany({
    where: { organizationId: ctx.organizationId, projectId, ...(manager ? {} : { scope: "AGENT" as const, createdById: ctx.userId ?? "-" }) },
    select: { id: true, name: true, prefix: true, role: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdById: true },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/**
 * Who may own a coding agent's token made on the tokens page: any member who may claim (for a
 * manager), or only yourself.
 */
export async function agentOwnerChoices(db: Db, ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  if (!can(ctx.role, "tokens:manage")) {
    if (!ctx.userId || !can(ctx.role, "claims:claim")) return [];
    const me = await db.user.findUnique({ where: { id: ctx.userId }, select: { id: true, name: true } });
    return me ? [me] : [];
  }
  const members = await db.membership.findMany({
    where: { organizationId: ctx.organizationId, role: { in: ["ADMIN", "MANAGER", "STEWARD", "ENGINEER"] } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return members.map((m) => m.user);
}

/** Managers revoke any token of the project; a member their own coding agent's tokens. */
export async function revokeApiToken(db: Db, ctx: OrgContext, raw: unknown) {
  const manager = can(ctx.role, "tokens:manage");
  if (!manager) assertCan(ctx.role, "claims:claim");
  const { projectId, tokenId } = parseInput(revokeTokenSchema, raw);
  const own = manager ? {} : { scope: "AGENT" as const, createdById: ctx.userId ?? "-" };
  return db.$transaction(async (tx) => {
    const result = await tx.apiToken.updateMany({
      where: { id: tokenId, projectId, organizationId: ctx.organizationId, revokedAt: null, ...own },
      data: { revokedAt: clock.now() },
    });
    if (result.count === 0) throw notFound("No such active token.");
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "token.revoked",
      targetType: "api_token",
      targetId: tokenId,
    });
  });
}

// Writing lastUsedAt on every request would turn each read into a write; a minute is precise enough.
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The principal behind a bearer token, or null for an unknown, malformed or revoked one. A token
 * acts with the lower of its own role and its maker's current role in the organisation, and not
 * at all once its maker has left (removal also revokes it; this holds even if that was missed).
 */
export async function authenticateApiToken(db: Db, secret: string, now = clock.now()): Promise<ApiPrincipal | null> {
  if (!secret.startsWith(`${TOKEN_PREFIX}_`) || secret.length > 200) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: sha256(secret) },
    select: {
      id: true,
      organizationId: true,
      projectId: true,
      role: true,
      scope: true,
      createdById: true,
      revokedAt: true,
      lastUsedAt: true,
      organization: { select: { slug: true } },
      project: { select: { archivedAt: true } },
    },
  });
  if (!token || token.revokedAt) return null;
  let role = token.role;
  if (token.createdById) {
    const maker = await db.membership.findUnique({
      where: { organizationId_userId: { organizationId: token.organizationId, userId: token.createdById } },
      select: { role: true },
    });
    if (!maker) return null;
    role = lowerRole(role, maker.role);
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: "token",
    tokenId: token.id,
    organizationId: token.organizationId,
    organizationSlug: token.organization.slug,
    projectId: token.projectId,
    role,
    scope: token.scope,
    ownerId: token.createdById,
  };
}

/** Revokes the tokens a member made in an organisation (they leave it): answers their names. */
export async function revokeTokensMadeBy(tx: Prisma.TransactionClient, organizationId: string, userId: string): Promise<string[]> {
  const tokens = await tx.apiToken.findMany({ where: { organizationId, createdById: userId, revokedAt: null }, select: { id: true, name: true } });
  if (tokens.length) await tx.apiToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { revokedAt: clock.now() } });
  return tokens.map((t) => t.name);
}

/** The open tokens each member made, for the removal dialog to name before anything is revoked. */
export async function openTokensByMaker(db: Db, ctx: OrgContext): Promise<Map<string, { name: string; project: string }[]>> {
  assertCan(ctx.role, "members:manage");
  const tokens = await db.apiToken.findMany({
    where: { organizationId: ctx.organizationId, createdById: { not: null }, revokedAt: null },
    select: { name: true, createdById: true, project: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byMaker = new Map<string, { name: string; project: string }[]>();
  for (const t of tokens) byMaker.set(t.createdById!, [...(byMaker.get(t.createdById!) ?? []), { name: t.name, project: t.project.name }]);
  return byMaker;
}
