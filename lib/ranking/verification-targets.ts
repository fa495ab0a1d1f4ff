/**
 * The other half of "next targets": ported routes that lack passing evidence are next targets
 * for verification, busiest first. With a Verified gate, "passing" means the gate is met; without
 * one, that some check's latest result is a current success (lib/evidence/gates.ts
 * `needsVerification`).
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { gateFor, needsVerification } from "@/lib/evidence/gates";
import { storedGates } from "@/lib/evidence/enforce";
import { evidenceOfItems, toGateEvidence } from "@/lib/evidence/records";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";

export const verificationQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict();

/** Ported routes are read this many at a time, busiest first, until `limit` are found. */
const CHUNK = 500;

export async function verificationTargets(db: Db, ctx: OrgContext, projectId: string, raw: unknown = {}) {
  const { limit } = parseInput(verificationQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const [{ gateConfig }, ported] = await Promise.all([
    db.project.findFirstOrThrow({ where: { id: project.id, organizationId: scope.organizationId }, select: { gateConfig: true } }),
    db.item.count({ where: { ...scope, kind: "ROUTE", status: "PORTED", deletedAt: null } }),
  ]);
  const gate = gateFor(storedGates(gateConfig), "verified");
  const now = clock.now();
  const data: { id: string; key: string; trafficPerDay: number; reason: string }[] = [];
  let scanned = 0;
  while (data.length < limit && scanned < ported) {
    const chunk = await db.item.findMany({
      where: { ...scope, kind: "ROUTE", status: "PORTED", deletedAt: null },
      select: { id: true, key: true, trafficPerDay: true, status: true },
      orderBy: [{ trafficPerDay: "desc" }, { id: "asc" }],
      skip: scanned,
      take: CHUNK,
    });
    if (chunk.length === 0) break;
    scanned += chunk.length;
    const evidence = await evidenceOfItems(
      db,
      scope,
      chunk.map((i) => i.id),
    );
    for (const item of chunk) {
      const verdict = needsVerification(item, (evidence.get(item.id) ?? []).map(toGateEvidence), now, gate);
      if (verdict.needed && data.length < limit) data.push({ id: item.id, key: item.key, trafficPerDay: item.trafficPerDay, reason: verdict.reason ?? "" });
    }
  }
  return { data, ported, gated: gate.requirements.length > 0 };
}
