import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { conflict, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { idSchema, nameSchema, slugify } from "@/lib/validation/common";
import { writeHistory } from "@/lib/inventory/history";

export const teamNameSchema = z.object({ name: nameSchema }).strict();
const teamIdSchema = z.object({ teamId: idSchema }).strict();
const teamMemberSchema = z.object({ teamId: idSchema, userId: idSchema }).strict();

export function listTeams(db: Db, ctx: OrgContext) {
  return db.team.findMany({
    where: { organizationId: ctx.organizationId },
    select: {
      id: true,
      name: true,
      slug: true,
      members: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
      _count: { select: { ownedItems: { where: { deletedAt: null } } } },
    },
    orderBy: { name: "asc" },
  });
}

const teamTaken = (name: string) => conflict(`There is already a team called "${name}".`, { fields: { name: ["Already used."] } });

/** Finds or creates a team by name inside a transaction (imports name owners that may not exist yet). */
export async function ensureTeam(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], organizationId: string, name: string) {
  const existing = await tx.team.findFirst({ where: { organizationId, name: { equals: name, mode: "insensitive" } }, select: { id: true } });
  if (existing) return existing.id;
  const base = slugify(name, "team");
  const taken = new Set((await tx.team.findMany({ where: { organizationId, slug: { startsWith: base } }, select: { slug: true } })).map((t) => t.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return (await tx.team.create({ data: { organizationId, name, slug }, select: { id: true } })).id;
}

export async function createTeam(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "teams:manage");
  const { name } = parseInput(teamNameSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const clash = await tx.team.findFirst({ where: { organizationId: ctx.organizationId, name: { equals: name, mode: "insensitive" } } });
      if (clash) throw teamTaken(name);
      const id = await ensureTeam(tx, ctx.organizationId, name);
      await recordAudit(tx, {
        organizationId: ctx.organizationId,
        actorId: ctx.userId,
        action: "team.created",
        targetType: "team",
        targetId: id,
        data: { name },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw teamTaken(name);
    throw error;
  }
}

/** Deletes a team; the items it owned become unowned, each with a history row saying so. */
export async function deleteTeam(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "teams:manage");
  const { teamId } = parseInput(teamIdSchema, raw);
  return db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id: teamId, organizationId: ctx.organizationId } });
    if (!team) throw notFound("No such team.");
    const owned = await tx.item.findMany({ where: { ownerTeamId: team.id, organizationId: ctx.organizationId }, select: { id: true, projectId: true } });
    for (const item of owned) {
      await writeHistory(tx, { organizationId: ctx.organizationId, projectId: item.projectId, actorId: ctx.userId }, [
        { itemId: item.id, field: "owner", fromValue: `team:${team.id}`, toValue: null },
      ]);
    }
    await tx.team.delete({ where: { id: team.id } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "team.deleted",
      targetType: "team",
      targetId: team.id,
      data: { name: team.name, items: owned.length },
    });
    return { unowned: owned.length };
  });
}

export async function addTeamMember(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "teams:manage");
  const { teamId, userId } = parseInput(teamMemberSchema, raw);
  const [team, member] = await Promise.all([
    db.team.findFirst({ where: { id: teamId, organizationId: ctx.organizationId }, select: { id: true } }),
    db.membership.findFirst({ where: { userId, organizationId: ctx.organizationId }, select: { userId: true } }),
  ]);
  if (!team) throw notFound("No such team.");
  if (!member) throw notFound("No such member.");
  await db.teamMember.upsert({
    where: { teamId_userId: { teamId, userId } },
    update: {},
    create: { teamId, userId, organizationId: ctx.organizationId },
  });
}

export async function removeTeamMember(db: Db, ctx: OrgContext, raw: unknown) {
  assertCan(ctx.role, "teams:manage");
  const { teamId, userId } = parseInput(teamMemberSchema, raw);
  const result = await db.teamMember.deleteMany({ where: { teamId, userId, organizationId: ctx.organizationId } });
  if (result.count === 0) throw notFound("That person is not in this team.");
}

/** Teams and members, for owner pickers: "team:<id>" / "user:<id>" with a label. */
export async function ownerOptions(db: Db, ctx: OrgContext) {
  const [teams, members] = await Promise.all([
    db.team.findMany({ where: { organizationId: ctx.organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.membership.findMany({
      where: { organizationId: ctx.organizationId },
      select: { user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  return [
    ...teams.map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}`, group: "Teams" as const })),
    ...members.map((m) => ({ value: `user:${m.user.id}`, label: m.user.name, group: "People" as const })),
  ];
}
