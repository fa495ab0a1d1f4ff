/**
 * The gates, enforced: a move to Verified and a switch to new ask the project's gate in the
 * transaction of the change. Unmet → 409 listing, per item, exactly what is missing and how to
 * get it — unless a manager overrides with a reason, which the change then records.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, assertNotAgent, can } from "@/lib/auth/permissions";
import { conflict, forbidden, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";
import { recordAudit } from "@/lib/audit";
import { evaluateGate, gateConfigSchema, gateFor, type GateConfig, type GateName, type Missing } from "./gates";
import { evidenceOfItems, toGateEvidence } from "./records";

type Tx = Prisma.TransactionClient;
type Scope = { organizationId: string; projectId: string };

export const GATE_LABEL: Record<GateName, string> = { verified: "Verified", switchToNew: "switch to new" };
const EMPTY: GateConfig = { verified: [], switchToNew: [] };

/** The project's gates as stored (none: no evidence needed). */
export function storedGates(raw: unknown): GateConfig {
  if (raw === null || raw === undefined) return EMPTY;
  const parsed = gateConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY;
}

export type UnmetItem = { itemId: string; key: string; missing: Missing[] };

/** Per item, what the gate still misses (only the items that miss something). */
export async function unmetGate(tx: Tx | Db, scope: Scope, config: GateConfig, name: GateName, items: { id: string; key: string }[], now: Date) {
  const gate = gateFor(config, name);
  if (gate.requirements.length === 0 || items.length === 0) return [];
  const evidence = await evidenceOfItems(
    tx,
    scope,
    items.map((i) => i.id),
  );
  const unmet: UnmetItem[] = [];
  for (const item of items) {
    const result = evaluateGate(gate, (evidence.get(item.id) ?? []).map(toGateEvidence), now, { projectId: scope.projectId, itemKey: item.key });
    if (!result.met) unmet.push({ itemId: item.id, key: item.key, missing: result.missing });
  }
  return unmet;
}

/** How many items the 409's details list (the message names the count of the rest). */
const LISTED = 50;

/**
 * Throws 409 when the gate is unmet for some of the items; with an override (a manager's, with a
 * reason) answers the text to record instead: what was missing, and why it was overridden.
 */
export async function enforceGate(
  tx: Tx,
  ctx: OrgContext,
  scope: Scope,
  name: GateName,
  items: { id: string; key: string }[],
  override?: { reason: string },
): Promise<string | null> {
  if (override) assertNotAgent(ctx, "override a gate");
  const project = await tx.project.findFirstOrThrow({ where: { id: scope.projectId, organizationId: scope.organizationId }, select: { gateConfig: true } });
  const unmet = await unmetGate(tx, scope, storedGates(project.gateConfig), name, items, clock.now());
  if (unmet.length === 0) return null;
  const first = unmet[0];
  const summary = `${first.key}: ${first.missing.map((m) => m.reason).join("; ")}`;
  if (!override) {
    throw conflict(
      `The ${GATE_LABEL[name]} gate is not met for ${unmet.length === 1 ? first.key : `${unmet.length} items`} — ${summary}${unmet.length > 1 ? "; …" : ""}. ` +
        `Post the missing evidence (each entry says how), or a manager may override with a reason.`,
      { gate: name, unmet: unmet.slice(0, LISTED), unmetCount: unmet.length },
    );
  }
  if (!can(ctx.role, "evidence:override-gate")) throw forbidden(`Only a manager may override the ${GATE_LABEL[name]} gate.`);
  return `Gate overridden (${override.reason}); missing: ${unmet.length === 1 ? summary : `${unmet.length} items, e.g. ${summary}`}`.slice(0, 2000);
}

/** The project's gates as the settings page and the API show them. */
export async function getGateConfig(db: Db, ctx: OrgContext, projectId: string) {
  const project = await projectInScope(db, ctx, projectId);
  const row = await db.project.findFirstOrThrow({ where: { id: project.id, organizationId: ctx.organizationId }, select: { gateConfig: true } });
  return storedGates(row.gateConfig);
}

/** Replaces the project's gates (stewards). Audited. */
export async function setGateConfig(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "evidence:gates");
  const config = parseInput(gateConfigSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await projectInScope(tx, ctx, projectId);
    await tx.project.update({ where: { id: project.id, organizationId: ctx.organizationId }, data: { gateConfig: config } });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "project.gates",
      targetType: "project",
      targetId: project.id,
      data: { verified: config.verified.length, switchToNew: config.switchToNew.length },
    });
    return config;
  });
}
