/**
 * Reading evidence: a project's records (newest first, paged), and one item's — the latest per
 * check, where each gate stands, and its history.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";
import { idSchema } from "@/lib/validation/common";
import { evaluateGate, gateFor, latestPerCheck, type GateName } from "./gates";
import { storedGates } from "./enforce";
import { evidenceSelect, toGateEvidence, type EvidenceRow } from "./records";
import { EVIDENCE_CONCLUSIONS, EVIDENCE_KINDS } from "./schemas";

export const evidenceListQuerySchema = z
  .object({
    itemId: idSchema.optional(),
    kind: z.enum(EVIDENCE_KINDS, { error: `kind is one of: ${EVIDENCE_KINDS.join(", ")}.` }).optional(),
    conclusion: z.enum(EVIDENCE_CONCLUSIONS, { error: `conclusion is one of: ${EVIDENCE_CONCLUSIONS.join(", ")}.` }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The id of the last record of the previous page. */
    cursor: idSchema.optional(),
  })
  .strict();

/** What a record looks like to a client: its row, with its items counted (and listed up to 20). */
export function evidenceView(row: EvidenceRow & { items?: { itemId: string }[]; _count?: { items: number } }) {
  const { items, _count, ...rest } = row;
  return {
    ...rest,
    observedAt: row.observedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    receivedAt: row.receivedAt.toISOString(),
    itemIds: items?.map((i) => i.itemId) ?? [],
    itemCount: _count?.items ?? items?.length ?? 0,
  };
}

export async function listEvidence(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  const q = parseInput(evidenceListQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const where: Prisma.EvidenceRecordWhereInput = {
    organizationId: project.organizationId,
    projectId: project.id,
    ...(q.kind && { kind: q.kind }),
    ...(q.conclusion && { conclusion: q.conclusion }),
    ...(q.itemId && { items: { some: { itemId: q.itemId } } }),
  };
  const rows = await db.evidenceRecord.findMany({
    where,
    select: { ...evidenceSelect, items: { select: { itemId: true }, take: 20 }, _count: { select: { items: true } } },
    orderBy: [{ observedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor && { cursor: { id: q.cursor }, skip: 1 }),
  });
  const page = rows.slice(0, q.limit);
  return { data: page.map(evidenceView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}

const GATES: GateName[] = ["verified", "switchToNew"];

/** One item's evidence: the latest per check, each gate's standing, and the last 100 records. */
export async function itemEvidence(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const item = await db.item.findFirst({ where: { ...scope, id: itemId, deletedAt: null }, select: { id: true, key: true, status: true, attention: true } });
  if (!item) throw notFound("No such item.");
  const [settings, links] = await Promise.all([
    db.project.findFirstOrThrow({ where: { id: project.id, organizationId: scope.organizationId }, select: { gateConfig: true } }),
    db.evidenceItem.findMany({
      where: { ...scope, itemId: item.id },
      select: { evidence: { select: evidenceSelect } },
      orderBy: { evidence: { observedAt: "desc" } },
      take: 500,
    }),
  ]);
  const records = links.map((l) => l.evidence);
  const config = storedGates(settings.gateConfig);
  const now = clock.now();
  const all = records.map(toGateEvidence);
  const gates = Object.fromEntries(
    GATES.map((name) => {
      const gate = gateFor(config, name);
      const result = evaluateGate(gate, all, now, { projectId: project.id, itemKey: item.key });
      return [name, { requirements: gate.requirements.length, ...result }];
    }),
  ) as Record<GateName, { requirements: number; met: boolean; missing: ReturnType<typeof evaluateGate>["missing"] }>;
  const latest = latestPerCheck(records.map((r) => ({ ...toGateEvidence(r), row: r }))).map((e) => e.row);
  return {
    item: { id: item.id, key: item.key, status: item.status, attention: item.attention },
    gates,
    latest: latest
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || (a.profile ?? "").localeCompare(b.profile ?? ""))
      .map(evidenceView),
    history: records.slice(0, 100).map(evidenceView),
  };
}
