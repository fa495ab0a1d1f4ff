import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { projectWhere } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { claimSettingsSchema } from "@/lib/claims/schemas";
import { progressSettingsSchema } from "@/lib/progress/settings";
import { meetingSettingsSchema } from "@/lib/stewardship/schemas";
import { rebuildRollup } from "@/lib/progress/rollup";
import { agentSettingsSchema } from "@/lib/agents/settings";
import { DEFAULT_WEIGHTS, rankingWeightsPatchSchema, type RankingWeights } from "@/lib/ranking/weights";

async function projectForSettings(tx: Prisma.TransactionClient, ctx: OrgContext, projectId: string) {
  const project = await tx.project.findFirst({ where: projectWhere(ctx, { id: projectId }), select: { id: true, organizationId: true } });
  if (!project) throw notFound("No such project.");
  return project;
}

/** Validates and stores one group of settings, with its audit row, in one transaction. */
async function saveSettings<S extends z.ZodType<Prisma.ProjectUpdateInput>>(
  db: Db,
  ctx: OrgContext,
  projectId: string,
  schema: S,
  auditAction: string,
  raw: unknown,
  afterUpdate?: (tx: Prisma.TransactionClient, projectId: string, before: Record<string, unknown>) => Promise<unknown>,
) {
  assertCan(ctx.role, "project:edit");
  const input = parseInput(schema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectForSettings(tx, ctx, projectId);
    const before = await tx.project.findUniqueOrThrow({ where: { id: project.id } });
    await tx.project.update({ where: { id: project.id }, data: input });
    await afterUpdate?.(tx, project.id, before);
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: auditAction,
      targetType: "project",
      targetId: project.id,
      data: input as Prisma.InputJsonValue,
    });
    return input;
  });
}

/** The claim limit per person, a new claim's days, and when a claim goes stale. Managers and admins. */
export const updateClaimSettings = (db: Db, ctx: OrgContext, projectId: string, raw: unknown) =>
  saveSettings(db, ctx, projectId, claimSettingsSchema, "project.claim_settings", raw);

/** The zone the progress charts count days in, and the forecast's window. Managers and admins. */
export const updateProgressSettings = (db: Db, ctx: OrgContext, projectId: string, raw: unknown) =>
  saveSettings(db, ctx, projectId, progressSettingsSchema, "project.progress_settings", raw, async (tx, id, before) => {
    // The rollup counts days in the zone: a new zone moves changes between days.
    const after = await tx.project.findUniqueOrThrow({ where: { id }, select: { timeZone: true } });
    if (after.timeZone !== before.timeZone) await rebuildRollup(tx, id);
  });

/** Coding agents: items held at once per token and in total, and query values in briefs. Managers and admins. */
export const updateAgentSettings = (db: Db, ctx: OrgContext, projectId: string, raw: unknown) =>
  saveSettings(db, ctx, projectId, agentSettingsSchema, "project.agent_settings", raw);

/**
 * The weekly stewardship meeting: weekday (0 = Monday … 6 = Sunday), local time "HH:MM" in the
 * project's time zone, and length in minutes. Managers and admins.
 */
export const updateMeetingSettings = (db: Db, ctx: OrgContext, projectId: string, raw: unknown) =>
  saveSettings(db, ctx, projectId, meetingSettingsSchema, "project.meeting_settings", raw);

/**
 * Stores the ranking weights that differ from the defaults (so a later change of a default
 * reaches projects that never touched it); null resets to the defaults. Stewards and up.
 */
export async function updateRankingWeights(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "ranking:tune");
  const weights = raw === null ? {} : parseInput(rankingWeightsPatchSchema, raw);
  const changed = Object.fromEntries(Object.entries(weights).filter(([k, v]) => v !== DEFAULT_WEIGHTS[k as keyof RankingWeights])) as Partial<RankingWeights>;
  return db.$transaction(async (tx) => {
    const project = await projectForSettings(tx, ctx, projectId);
    const value = Object.keys(changed).length ? (changed as Prisma.InputJsonValue) : undefined;
    await tx.project.update({ where: { id: project.id }, data: { rankingWeights: value ?? Prisma.DbNull } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: value ? "project.ranking_weights" : "project.ranking_weights_reset",
      targetType: "project",
      targetId: project.id,
      data: changed,
    });
    return changed;
  });
}

const SETTINGS_SELECT = {
  timeZone: true,
  claimLimit: true,
  claimDays: true,
  staleAfterDays: true,
  forecastWeeks: true,
  meetingWeekday: true,
  meetingTime: true,
  meetingMinutes: true,
  calendarTokenHash: true,
  rankingWeights: true,
  agentLimitPerToken: true,
  agentLimitTotal: true,
  briefQueryValues: true,
} as const satisfies Prisma.ProjectSelect;

/**
 * A project's settings as pages read them (claims, progress, meetings, ranking). Any member may
 * read them; who may change each group is decided by the update functions above.
 */
export async function getProjectSettings(db: Db, ctx: OrgContext, projectId: string) {
  const row = await db.project.findFirst({ where: projectWhere(ctx, { id: projectId }), select: SETTINGS_SELECT });
  if (!row) throw notFound("No such project.");
  const { calendarTokenHash, ...settings } = row;
  return { ...settings, hasCalendarLink: calendarTokenHash !== null };
}
