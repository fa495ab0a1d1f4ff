/** A person's own notification choices in an organisation: per event group, and muted projects. */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { forbidden, notFound, parseInput } from "@/lib/errors";
import { projectWhere, type OrgContext } from "@/lib/tenancy";
import { emailConfigured } from "./email";
import { EVENT_GROUPS, GROUP_KEYS, type EventGroup } from "./events";

export const EMAIL_MODES = ["off", "immediate", "daily"] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

function personOf(ctx: OrgContext): string {
  if (!ctx.userId) throw forbidden("Only a person has notification preferences.");
  return ctx.userId;
}

export async function getPreferences(db: Db, ctx: OrgContext) {
  const userId = personOf(ctx);
  const [rows, mutes, projects] = await Promise.all([
    db.notificationPreference.findMany({ where: { organizationId: ctx.organizationId, userId } }),
    db.notificationMute.findMany({ where: { organizationId: ctx.organizationId, userId }, select: { projectId: true } }),
    db.project.findMany({ where: projectWhere(ctx, {}), select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const byGroup = new Map(rows.map((r) => [r.group, r] as const));
  const muted = new Set(mutes.map((m) => m.projectId));
  return {
    emailConfigured: emailConfigured(),
    groups: GROUP_KEYS.map((group) => ({
      group,
      label: EVENT_GROUPS[group],
      inbox: byGroup.get(group)?.inbox ?? true,
      email: (byGroup.get(group)?.email ?? "immediate") as EmailMode,
    })),
    projects: projects.map((p) => ({ ...p, muted: muted.has(p.id) })),
  };
}

export const preferencesSchema = z
  .object({
    groups: z
      .array(z.object({ group: z.enum(GROUP_KEYS as [EventGroup, ...EventGroup[]]), inbox: z.boolean(), email: z.enum(EMAIL_MODES) }).strict())
      .max(GROUP_KEYS.length),
    mutedProjectIds: z.array(z.string().min(1).max(40)).max(500),
  })
  .strict();

export async function updatePreferences(db: Db, ctx: OrgContext, raw: unknown) {
  const userId = personOf(ctx);
  const input = parseInput(preferencesSchema, raw);
  const organizationId = ctx.organizationId;
  const projects = await db.project.findMany({ where: projectWhere(ctx, { id: { in: input.mutedProjectIds } }), select: { id: true } });
  if (projects.length !== new Set(input.mutedProjectIds).size) throw notFound("No such project.");
  await db.$transaction(async (tx) => {
    for (const g of input.groups) {
      await tx.notificationPreference.upsert({
        where: { organizationId_userId_group: { organizationId, userId, group: g.group } },
        create: { organizationId, userId, group: g.group, inbox: g.inbox, email: g.email },
        update: { inbox: g.inbox, email: g.email },
      });
    }
    await tx.notificationMute.deleteMany({ where: { organizationId, userId } });
    if (projects.length) await tx.notificationMute.createMany({ data: projects.map((p) => ({ organizationId, userId, projectId: p.id })) });
  });
  return getPreferences(db, ctx);
}

/** The preferences form's fields (inbox_<group>=on, email_<group>=mode, mute_<projectId>=on) as the update's input. */
export function preferencesFromForm(fields: Record<string, string>) {
  return {
    groups: GROUP_KEYS.map((group) => ({ group, inbox: fields[`inbox_${group}`] === "on", email: fields[`email_${group}`] ?? "immediate" })),
    mutedProjectIds: Object.keys(fields)
      .filter((k) => k.startsWith("mute_") && fields[k] === "on")
      .map((k) => k.slice("mute_".length)),
  };
}
