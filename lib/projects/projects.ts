import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { projectScope, projectWhere, type OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { RESERVED_SLUGS, slugify } from "@/lib/validation/common";
import { archiveProjectSchema, createProjectSchema, type projectOutputSchema, updateProjectSchema } from "./schemas";
import * as clock from "@/lib/time/clock";
import { dateColumnDay } from "@/lib/time/days";

const projectSelect = {
  id: true,
  name: true,
  slug: true,
  fromStack: true,
  toStack: true,
  description: true,
  startDate: true,
  targetDate: true,
  archivedAt: true,
  timeZone: true,
  createdAt: true,
  updatedAt: true,
  organization: { select: { id: true, slug: true, name: true } },
} satisfies Prisma.ProjectSelect;

export type ProjectRow = Prisma.ProjectGetPayload<{ select: typeof projectSelect }>;

export function listProjects(db: Db, ctx: OrgContext, options: { archived?: "include" | "exclude" | "only" } = {}) {
  assertCan(ctx.role, "project:view");
  const archived = options.archived ?? "exclude";
  return db.project.findMany({
    where: {
      ...projectScope(ctx),
      ...(archived === "exclude" ? { archivedAt: null } : archived === "only" ? { archivedAt: { not: null } } : {}),
    },
    select: projectSelect,
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
  });
}

export async function getProjectBySlug(db: Db, ctx: OrgContext, slug: string) {
  assertCan(ctx.role, "project:view");
  const project = await db.project.findFirst({ where: projectWhere(ctx, { slug }), select: projectSelect });
  if (!project) throw notFound("No such project.");
  return project;
}

/** An empty date field means "no date": stored as null, never passed as undefined. */
const datesOrNull = (input: { startDate?: Date; targetDate?: Date }) => ({
  startDate: input.startDate ?? null,
  targetDate: input.targetDate ?? null,
});

const slugTaken = (slug: string) => conflict(`Another project of this organisation already uses the slug "${slug}".`, { fields: { slug: ["Already used."] } });

export async function createProject(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "project:create");
  const input = parseInput(createProjectSchema, raw);
  const derived = slugify(input.name, "project");
  const slug = input.slug ?? (RESERVED_SLUGS.has(derived) ? `${derived}-project` : derived);
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({
        data: { ...input, ...datesOrNull(input), slug, organizationId: ctx.organizationId },
        select: projectSelect,
      });
      await recordAudit(tx, {
        organizationId: ctx.organizationId,
        actorId: ctx.userId,
        action: "project.created",
        targetType: "project",
        targetId: project.id,
        data: { name: project.name, slug },
      });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

export async function updateProject(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "project:edit");
  const { projectId, ...input } = parseInput(updateProjectSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.project.findFirst({ where: projectWhere(ctx, { id: projectId }) });
      if (!before) throw notFound("No such project.");
      const project = await tx.project.update({ where: { id: before.id }, data: { ...input, ...datesOrNull(input) }, select: projectSelect });
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
        (k) =>
          String(before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k]) !==
          String(input[k] instanceof Date ? (input[k] as Date).toISOString() : (input[k] ?? null)),
      );
      await recordAudit(tx, {
        organizationId: ctx.organizationId,
        actorId: ctx.userId,
        action: "project.updated",
        targetType: "project",
        targetId: project.id,
        data: { fields: changed },
      });
      return project;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

export async function setProjectArchived(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "project:edit");
  const { projectId, archived } = parseInput(archiveProjectSchema, raw);
  return db.$transaction(async (tx) => {
    const result = await tx.project.updateMany({
      where: projectWhere(ctx, { id: projectId }),
      data: { archivedAt: archived ? clock.now() : null },
    });
    if (result.count === 0) throw notFound("No such project.");
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: archived ? "project.archived" : "project.unarchived",
      targetType: "project",
      targetId: projectId,
    });
  });
}

const day = (d: Date | null) => (d ? dateColumnDay(d) : null);

export function projectToApi(p: ProjectRow): z.infer<typeof projectOutputSchema> {
  return {
    id: p.id,
    organization: p.organization,
    name: p.name,
    slug: p.slug,
    fromStack: p.fromStack,
    toStack: p.toStack,
    description: p.description,
    startDate: day(p.startDate),
    targetDate: day(p.targetDate),
    archived: p.archivedAt !== null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export { projectSelect };
