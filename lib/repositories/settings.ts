/**
 * A project's code settings (issue 22): how legacy routes map to the new code (a prefix map and
 * manual links for renamed routes), which Waypoint team each CODEOWNERS owner stands for, whether
 * scope changes and suggested statuses apply without a person, and how many days a match in the
 * new code may wait while the item is still Not started before it counts as drift.
 * Stored as Project.codeSettings (JSON); null or an unreadable value means the defaults.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { recordAudit } from "@/lib/audit";
import { normalizeRoutePattern } from "@/lib/import/parsers/route-pattern-normalize";

type Tx = Prisma.TransactionClient;

const prefix = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(200)
  .refine((p) => p.startsWith("/"), "Starts with /.")
  .refine((p) => !/[\s?#<>{}]/.test(p), "A path prefix: no spaces, parameters or query.");

/** "GET /profile": a method and a path, normalised as the inventory's keys are. */
const routeRef = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(500)
  .refine((k) => /^[A-Za-z]+\s+\S/.test(k), 'A method and a path: "GET /profile".')
  .transform((k) => {
    const [method, ...rest] = k.split(/\s+/);
    return `${method.toUpperCase()} ${normalizeRoutePattern(rest.join(" "))}`;
  });

export const codeSettingsSchema = z
  .object({
    prefixMap: z
      .array(z.object({ legacy: prefix, new: prefix }).strict())
      .max(50)
      .default([]),
    manualLinks: z
      .array(z.object({ legacy: routeRef, new: routeRef }).strict())
      .max(1000)
      .default([]),
    ownerTeams: z
      .array(
        z
          .object({
            owner: z
              .string()
              .trim()
              .min(1, "Required.")
              .max(200)
              .refine((o) => /^@\S+$|^[^@\s]+@[^@\s]+$/.test(o), "A CODEOWNERS owner: @user, @org/team or an e-mail address."),
            teamId: z.string().trim().min(1, "Choose a team.").max(100),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    /** Accept proposed additions and retirements without a person. */
    autoAcceptScope: z.boolean().default(false),
    /** Apply the suggested status (found in the new code → Ported) without a person. */
    autoApplyStatus: z.boolean().default(false),
    /** Days a match may exist while the item is Not started before it is drift. */
    driftDays: z.number().int().min(1).max(365).default(7),
  })
  .strict();

export type CodeSettings = z.output<typeof codeSettingsSchema>;

export const DEFAULT_CODE_SETTINGS: CodeSettings = codeSettingsSchema.parse({});

/** The stored settings, or the defaults when there are none (or they no longer parse). */
export function storedCodeSettings(raw: unknown): CodeSettings {
  if (raw === null || raw === undefined) return DEFAULT_CODE_SETTINGS;
  const parsed = codeSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_CODE_SETTINGS;
}

/** The manual links as route-match.ts takes them: legacy key → new key. */
export function linksOf(settings: CodeSettings): Record<string, string> {
  return Object.fromEntries(settings.manualLinks.map((l) => [l.legacy, l.new]));
}

/** Read inside a transaction (the scan's reconcile). */
export async function codeSettingsIn(tx: Tx | Db, scope: { organizationId: string; projectId: string }): Promise<CodeSettings> {
  const row = await tx.project.findFirst({ where: { id: scope.projectId, organizationId: scope.organizationId }, select: { codeSettings: true } });
  return storedCodeSettings(row?.codeSettings);
}

export async function getCodeSettings(db: Db, ctx: OrgContext, projectId: string): Promise<CodeSettings> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  return codeSettingsIn(db, { organizationId: project.organizationId, projectId: project.id });
}

/** Replaces the project's code settings (stewards and up). Teams must be this organisation's. Audited. */
export async function setCodeSettings(db: Db, ctx: OrgContext, projectId: string, raw: unknown): Promise<CodeSettings> {
  assertCan(ctx.role, "code:review");
  const settings = parseInput(codeSettingsSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const teamIds = [...new Set(settings.ownerTeams.map((o) => o.teamId))];
    if (teamIds.length > 0) {
      const found = await tx.team.findMany({ where: { id: { in: teamIds }, organizationId: project.organizationId }, select: { id: true } });
      const known = new Set(found.map((t) => t.id));
      const fields: Record<string, string[]> = {};
      settings.ownerTeams.forEach((o, i) => {
        if (!known.has(o.teamId)) fields[`ownerTeams.${i}.teamId`] = ["No such team in this organisation."];
      });
      if (Object.keys(fields).length > 0) throw invalid("Some owners name a team that does not exist.", fields);
    }
    const owners = new Set<string>();
    const dupes: Record<string, string[]> = {};
    settings.ownerTeams.forEach((o, i) => {
      if (owners.has(o.owner.toLowerCase())) dupes[`ownerTeams.${i}.owner`] = ["Already in the table."];
      owners.add(o.owner.toLowerCase());
    });
    const legacyLinks = new Set<string>();
    settings.manualLinks.forEach((l, i) => {
      if (legacyLinks.has(l.legacy)) dupes[`manualLinks.${i}.legacy`] = ["This route is already linked."];
      legacyLinks.add(l.legacy);
    });
    if (Object.keys(dupes).length > 0) throw invalid("Some rows repeat another.", dupes);
    await tx.project.update({ where: { id: project.id, organizationId: project.organizationId }, data: { codeSettings: settings } });
    await recordAudit(tx, {
      organizationId: project.organizationId,
      actorId: ctx.userId,
      action: "project.code-settings",
      targetType: "project",
      targetId: project.id,
      data: {
        prefixMap: settings.prefixMap.length,
        manualLinks: settings.manualLinks.length,
        ownerTeams: settings.ownerTeams.length,
        autoAcceptScope: settings.autoAcceptScope,
        autoApplyStatus: settings.autoApplyStatus,
        driftDays: settings.driftDays,
      },
    });
    return settings;
  });
}
