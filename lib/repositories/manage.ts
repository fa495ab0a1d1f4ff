/**
 * Linking a project's legacy and new repositories (issue 22): the remote (checked against the
 * operator's policy when saved), the branch, the folders and frameworks to scan, the credential
 * (an HTTPS token or an SSH deploy key, sealed with WAYPOINT_SECRET_KEY and never returned — only
 * its kind), and the push webhook's secret (generated, sealed, shown once, rotatable).
 */
import { rm } from "node:fs/promises";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, invalid, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { newSecret } from "@/lib/secrets";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { checkRemote, remotePolicyFromEnv, type HostResolver } from "./remote-policy";
import { secretBoxFromEnv } from "./secret-box";
import { RepositoryError } from "./errors";
import { cloneDirFor } from "./clone-dir";
import { linkRepositorySchema, updateRepositorySchema, type CredentialInput, type RepositoryOutput } from "./schemas";

type Tx = Prisma.TransactionClient;

/** The push webhook's path on this server (made absolute with the app's URL where shown). */
export const webhookPath = (repositoryId: string) => `/api/hooks/repositories/${repositoryId}`;

export const credentialContext = (repositoryId: string) => `repository:${repositoryId}`;
export const webhookContext = (repositoryId: string) => `repository-webhook:${repositoryId}`;

const SELECT = {
  id: true,
  organizationId: true,
  projectId: true,
  role: true,
  url: true,
  branch: true,
  folders: true,
  credentialKind: true,
  credentialSealed: true,
  webhookSecretSealed: true,
  webhookProvider: true,
  status: true,
  statusMessage: true,
  lastCommit: true,
  lastScannedAt: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { routes: true } },
} as const satisfies Prisma.RepositorySelect;

type Row = Prisma.RepositoryGetPayload<{ select: typeof SELECT }>;

export function repositoryOutput(r: Row): RepositoryOutput {
  return {
    id: r.id,
    role: r.role,
    url: r.url,
    branch: r.branch,
    folders: (r.folders as RepositoryOutput["folders"]) ?? [],
    credential: { kind: r.credentialKind as RepositoryOutput["credential"]["kind"], set: r.credentialSealed !== null },
    webhook: { provider: r.webhookProvider as RepositoryOutput["webhook"]["provider"], secretSet: r.webhookSecretSealed !== null, path: webhookPath(r.id) },
    status: r.status as RepositoryOutput["status"],
    statusMessage: r.statusMessage,
    lastCommit: r.lastCommit,
    lastScannedAt: r.lastScannedAt?.toISOString() ?? null,
    routes: r._count.routes,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Test seam: the resolver the remote check uses (the system's DNS unless a test sets another). */
let resolver: HostResolver | undefined;
export function setRemoteResolverForTests(r: HostResolver | undefined) {
  resolver = r;
}

/** The remote checked against the operator's policy; a refusal is a field error on `url`. */
async function checkedUrl(url: string): Promise<string> {
  try {
    return (await checkRemote(url, remotePolicyFromEnv(), resolver)).url;
  } catch (error) {
    if (error instanceof RepositoryError) throw invalid(error.message, { url: [error.message] });
    throw error;
  }
}

function sealWith(plaintext: string, context: string, field: string): string {
  try {
    return secretBoxFromEnv().seal(plaintext, context);
  } catch (error) {
    if (error instanceof RepositoryError) throw invalid(`The secret cannot be stored: ${error.message}`, { [field]: [error.message] });
    throw error;
  }
}

function sealedCredential(input: CredentialInput | undefined, repositoryId: string): { credentialKind: string; credentialSealed: string | null } | undefined {
  if (!input) return undefined;
  if (input.kind === "none") return { credentialKind: "none", credentialSealed: null };
  const secret = input.kind === "token" ? JSON.stringify({ token: input.token, username: input.username }) : JSON.stringify({ privateKey: input.privateKey });
  return { credentialKind: input.kind, credentialSealed: sealWith(secret, credentialContext(repositoryId), "credentials") };
}

async function findRepository(db: Db | Tx, ctx: OrgContext, projectId: string, repositoryId: string): Promise<Row> {
  const project = await projectInScope(db, ctx, projectId);
  const row = await db.repository.findFirst({ where: { id: repositoryId, projectId: project.id, organizationId: ctx.organizationId }, select: SELECT });
  if (!row) throw notFound("No such repository.");
  return row;
}

export async function listRepositories(db: Db, ctx: OrgContext, projectId: string): Promise<{ data: RepositoryOutput[] }> {
  const project = await projectInScope(db, ctx, projectId);
  const rows = await db.repository.findMany({ where: { projectId: project.id, organizationId: ctx.organizationId }, select: SELECT, orderBy: { role: "asc" } });
  return { data: rows.map(repositoryOutput) };
}

export async function getRepository(db: Db, ctx: OrgContext, projectId: string, repositoryId: string): Promise<RepositoryOutput> {
  return repositoryOutput(await findRepository(db, ctx, projectId, repositoryId));
}

/** Links the project's legacy or new repository. The webhook secret is returned this once. */
export async function linkRepository(
  db: Db,
  ctx: OrgContext,
  projectId: string,
  raw: unknown,
): Promise<{ repository: RepositoryOutput; webhookSecret: string }> {
  assertCan(ctx.role, "repositories:manage");
  const input = parseInput(linkRepositorySchema, raw);
  const url = await checkedUrl(input.url);
  const webhookSecret = newSecret("whs");
  try {
    const repository = await db.$transaction(async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const existing = await tx.repository.findFirst({
        where: { projectId: project.id, organizationId: ctx.organizationId, role: input.role },
        select: { id: true },
      });
      if (existing)
        throw conflict(`The project already has a ${input.role === "LEGACY" ? "legacy" : "new"} repository: change or unlink it.`, {
          fields: { role: ["Already linked."] },
        });
      const created = await tx.repository.create({
        data: {
          organizationId: ctx.organizationId,
          projectId: project.id,
          role: input.role,
          url,
          branch: input.branch,
          folders: input.folders,
          webhookProvider: input.webhookProvider,
          createdById: ctx.userId,
        },
        select: { id: true },
      });
      const row = await tx.repository.update({
        where: { id: created.id },
        data: {
          webhookSecretSealed: sealWith(webhookSecret, webhookContext(created.id), "webhookProvider"),
          ...sealedCredential(input.credentials, created.id),
        },
        select: SELECT,
      });
      await recordAudit(tx, {
        organizationId: ctx.organizationId,
        actorId: ctx.userId,
        action: "repository.linked",
        targetType: "repository",
        targetId: row.id,
        data: { project: project.slug, role: row.role, url: row.url, branch: row.branch, credential: row.credentialKind },
      });
      return row;
    });
    return { repository: repositoryOutput(repository), webhookSecret };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("The project already has a repository in this role.");
    throw error;
  }
}

/** Changes a repository's remote, branch, folders, webhook provider or credential (replaced, or removed with kind "none"). */
export async function updateRepository(db: Db, ctx: OrgContext, projectId: string, repositoryId: string, raw: unknown): Promise<RepositoryOutput> {
  assertCan(ctx.role, "repositories:manage");
  const input = parseInput(updateRepositorySchema, raw);
  const url = input.url === undefined ? undefined : await checkedUrl(input.url);
  const row = await db.$transaction(async (tx) => {
    const before = await findRepository(tx, ctx, projectId, repositoryId);
    const data: Prisma.RepositoryUpdateInput = {
      ...(url !== undefined ? { url } : {}),
      ...(input.branch !== undefined ? { branch: input.branch } : {}),
      ...(input.folders !== undefined ? { folders: input.folders } : {}),
      ...(input.webhookProvider !== undefined ? { webhookProvider: input.webhookProvider } : {}),
      ...sealedCredential(input.credentials, before.id),
    };
    const after = await tx.repository.update({ where: { id: before.id }, data, select: SELECT });
    const changed = (["url", "branch", "folders", "webhookProvider", "credentialKind"] as const).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "repository.updated",
      targetType: "repository",
      targetId: after.id,
      data: { role: after.role, changed: input.credentials ? [...new Set([...changed, "credential"])] : changed, url: after.url, branch: after.branch },
    });
    return after;
  });
  return repositoryOutput(row);
}

/** Unlinks a repository: its scans and code routes go with it; its clone is removed from the server. */
export async function unlinkRepository(db: Db, ctx: OrgContext, projectId: string, repositoryId: string): Promise<{ deleted: true }> {
  assertCan(ctx.role, "repositories:manage");
  const row = await db.$transaction(async (tx) => {
    const found = await findRepository(tx, ctx, projectId, repositoryId);
    await tx.repository.deleteMany({ where: { id: found.id, organizationId: ctx.organizationId } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "repository.unlinked",
      targetType: "repository",
      targetId: found.id,
      data: { role: found.role, url: found.url },
    });
    return found;
  });
  await rm(cloneDirFor(row), { recursive: true, force: true }).catch(() => undefined);
  return { deleted: true };
}

/** A new push webhook secret (the old one stops working at once); returned this once. */
export async function rotateWebhookSecret(
  db: Db,
  ctx: OrgContext,
  projectId: string,
  repositoryId: string,
): Promise<{ webhookSecret: string; repository: RepositoryOutput }> {
  assertCan(ctx.role, "repositories:manage");
  const webhookSecret = newSecret("whs");
  const row = await db.$transaction(async (tx) => {
    const found = await findRepository(tx, ctx, projectId, repositoryId);
    const after = await tx.repository.update({
      where: { id: found.id },
      data: { webhookSecretSealed: sealWith(webhookSecret, webhookContext(found.id), "webhookSecret") },
      select: SELECT,
    });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "repository.webhook_rotated",
      targetType: "repository",
      targetId: found.id,
      data: { role: found.role },
    });
    return after;
  });
  return { webhookSecret, repository: repositoryOutput(row) };
}
