import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { notFound, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import { activeFreeze, occurrencesBetween } from "./freeze-rules";
import { freezeWindowSchema } from "./schemas";

const DAY = 86_400_000;
const windowSelect = {
  id: true,
  projectId: true,
  reason: true,
  timeZone: true,
  startsAt: true,
  endsAt: true,
  cron: true,
  durationMinutes: true,
  createdAt: true,
} as const;

/** The windows that apply to a project: its own and its organisation's. */
async function windowsFor(db: Db, ctx: OrgContext, projectId: string) {
  return db.freezeWindow.findMany({
    where: { organizationId: ctx.organizationId, deletedAt: null, OR: [{ projectId }, { projectId: null }] },
    select: windowSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The windows, the one in force now (if any) and the occurrences of the next 60 days. */
export async function listFreezeWindows(db: Db, ctx: OrgContext, projectId: string) {
  await projectInScope(db, ctx, projectId);
  const windows = await windowsFor(db, ctx, projectId);
  const now = clock.now();
  return {
    windows: windows.map((w) => ({ ...w, scope: w.projectId ? ("project" as const) : ("organization" as const) })),
    active: activeFreeze(windows, now),
    upcoming: occurrencesBetween(windows, now, new Date(now.getTime() + 60 * DAY)),
  };
}

/**
 * Adds a window. A project's window: managers and admins; the organisation's (every project):
 * admins, as organisation settings are theirs.
 */
export async function createFreezeWindow(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "cutover:configure");
  const input = parseInput(freezeWindowSchema, raw);
  if (input.scope === "organization") assertCan(ctx.role, "org:manage");
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const created = await tx.freezeWindow.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: input.scope === "project" ? project.id : null,
        reason: input.reason,
        timeZone: input.timeZone,
        startsAt: input.startsAt ?? null,
        endsAt: input.endsAt ?? null,
        cron: input.cron ?? null,
        durationMinutes: input.durationMinutes ?? null,
        createdById: ctx.userId,
      },
      select: windowSelect,
    });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "freeze_window.created",
      targetType: "freeze_window",
      targetId: created.id,
      data: { reason: input.reason, scope: input.scope },
    });
    return created;
  });
}

/** Removes a window (kept, marked deleted, so past overrides still name it). */
export async function deleteFreezeWindow(db: Db, ctx: OrgContext, projectId: string, windowId: string) {
  assertCan(ctx.role, "cutover:configure");
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const window = await tx.freezeWindow.findFirst({
      where: { id: windowId, organizationId: ctx.organizationId, deletedAt: null, OR: [{ projectId: project.id }, { projectId: null }] },
      select: { id: true, projectId: true, reason: true },
    });
    if (!window) throw notFound("No such freeze window.");
    if (window.projectId === null) assertCan(ctx.role, "org:manage");
    await tx.freezeWindow.update({ where: { id: window.id }, data: { deletedAt: clock.now() } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "freeze_window.deleted",
      targetType: "freeze_window",
      targetId: window.id,
      data: { reason: window.reason },
    });
    return { deleted: true };
  });
}
