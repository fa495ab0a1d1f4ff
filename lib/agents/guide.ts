/**
 * The project's porting guide (issue 23): a Markdown page stewards write — conventions, patterns,
 * what not to do — that every porting brief carries. Versioned like decisions: a save adds a
 * version (the latest is the guide), nothing is rewritten, and each save is audited.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, assertNotAgent } from "@/lib/auth/permissions";
import { isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { recordAudit } from "@/lib/audit";
import type { OrgContext } from "@/lib/tenancy";

type Tx = Prisma.TransactionClient;

export const GUIDE_MAX_CHARS = 100_000;

export const guideSaveSchema = z
  .object({
    body: z
      .string({ error: "body is the guide's Markdown text." })
      .max(GUIDE_MAX_CHARS, `The guide is at most ${GUIDE_MAX_CHARS.toLocaleString("en-US")} characters.`)
      .transform((s) => s.replace(/\r\n?/g, "\n")),
  })
  .strict();

export const guideVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }).strict();

export type GuideVersion = { version: number; body: string; author: { id: string; name: string } | null; createdAt: Date };
export type GuideSummary = Omit<GuideVersion, "body"> & { chars: number };

async function authors(db: Db | Tx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, { id: string; name: string }>();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** The latest guide of a project already in scope: what a brief reads (one indexed query). */
export async function latestGuideIn(db: Db | Tx, scope: { organizationId: string; projectId: string }) {
  return db.portingGuideVersion.findFirst({
    where: { organizationId: scope.organizationId, projectId: scope.projectId },
    orderBy: { version: "desc" },
    select: { version: true, body: true, authorId: true, createdAt: true },
  });
}

/** The guide now (or the version asked for); null when none has been written. */
export async function getGuide(db: Db, ctx: OrgContext, projectId: string, raw: unknown = {}): Promise<GuideVersion | null> {
  assertCan(ctx.role, "project:view");
  const { version } = parseInput(guideVersionQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const row =
    version === undefined
      ? await latestGuideIn(db, scope)
      : await db.portingGuideVersion.findFirst({ where: { ...scope, version }, select: { version: true, body: true, authorId: true, createdAt: true } });
  if (!row) {
    if (version !== undefined) throw notFound(`The guide has no version ${version}.`);
    return null;
  }
  const names = await authors(db, [row.authorId]);
  return { version: row.version, body: row.body, author: row.authorId ? (names.get(row.authorId) ?? null) : null, createdAt: row.createdAt };
}

/** Every version, newest first, without their text. */
export async function listGuideVersions(db: Db, ctx: OrgContext, projectId: string): Promise<GuideSummary[]> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  const rows = await db.portingGuideVersion.findMany({
    where: { organizationId: project.organizationId, projectId: project.id },
    orderBy: { version: "desc" },
    select: { version: true, body: true, authorId: true, createdAt: true },
    take: 500,
  });
  const names = await authors(
    db,
    rows.map((r) => r.authorId),
  );
  return rows.map((r) => ({
    version: r.version,
    chars: r.body.length,
    author: r.authorId ? (names.get(r.authorId) ?? null) : null,
    createdAt: r.createdAt,
  }));
}

/**
 * Saves the guide as a new version (stewards and up; never an agent). The same text as the latest
 * makes no version: saving twice, or a form posted again, leaves one. `created` says which.
 */
export async function saveGuide(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<GuideVersion & { created: boolean }> {
  assertCan(ctx.role, "guide:edit");
  assertNotAgent(ctx, "edit the porting guide");
  const { body } = parseInput(guideSaveSchema, raw);
  for (let attempt = 0; ; attempt++) {
    try {
      const saved = await db.$transaction(async (tx) => {
        const project = await projectInScope(tx, ctx, projectId);
        const scope = { organizationId: project.organizationId, projectId: project.id };
        const latest = await latestGuideIn(tx, scope);
        if (latest && latest.body === body) return { ...latest, created: false };
        const row = await tx.portingGuideVersion.create({
          data: { ...scope, version: (latest?.version ?? 0) + 1, body, authorId: ctx.userId },
          select: { version: true, body: true, authorId: true, createdAt: true },
        });
        await recordAudit(tx, {
          organizationId: scope.organizationId,
          actorId: ctx.userId,
          action: "project.guide",
          targetType: "project",
          targetId: project.id,
          data: { version: row.version, chars: body.length, previous: latest?.version ?? null },
        });
        return { ...row, created: true };
      });
      const names = await authors(db, [saved.authorId]);
      return {
        version: saved.version,
        body: saved.body,
        author: saved.authorId ? (names.get(saved.authorId) ?? null) : null,
        createdAt: saved.createdAt,
        created: saved.created,
      };
    } catch (error) {
      // Two stewards saved at once and took the same number: the later one goes again on top.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
