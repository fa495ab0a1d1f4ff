import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { invalid, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { cutoverSettingsSchema } from "./schemas";

const settingsSelect = {
  legacyUpstream: true,
  newUpstream: true,
  mirrorUpstream: true,
  legacyRetired: true,
  stickinessBy: true,
  stickinessName: true,
} as const;

export async function getCutoverSettings(db: Db, ctx: OrgContext, projectId: string) {
  const project = await projectInScope(db, ctx, projectId);
  return db.project.findFirstOrThrow({ where: { id: project.id, organizationId: ctx.organizationId }, select: settingsSelect });
}

/**
 * The upstreams (validated: http(s), host, port — nothing that could reach a generated file
 * otherwise), stickiness, and whether legacy is retired (only then does the catch-all go to new).
 * Managers and admins; audited in the same transaction.
 */
export async function updateCutoverSettings(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "cutover:configure");
  const input = parseInput(cutoverSettingsSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    const current = await tx.project.findFirstOrThrow({ where: { id: project.id, organizationId: ctx.organizationId }, select: settingsSelect });
    const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    if (next.stickinessBy !== "address" && !next.stickinessName) {
      throw invalid("Name the cookie or header that keeps a canary's client on its side.", { stickinessName: ["Required for a cookie or header."] });
    }
    const updated = await tx.project.update({
      where: { id: project.id },
      data: { ...input, ...(next.stickinessBy === "address" ? { stickinessName: null } : {}) },
      select: settingsSelect,
    });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "project.cutover_settings",
      targetType: "project",
      targetId: project.id,
      data: input,
    });
    return updated;
  });
}
