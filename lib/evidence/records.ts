/**
 * Evidence records in the database: posting (one, a batch, a JUnit report), and what follows a
 * post in its transaction — a Verified item whose check now fails needs attention (its owner is
 * told), and an item whose every check passes again is cleared.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/errors";
import { writeHistory } from "@/lib/inventory/history";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import { projectInScope } from "@/lib/projects/project-in-scope";
import * as clock from "@/lib/time/clock";
import type { OrgContext } from "@/lib/tenancy";
import { afterFailure, latestPerCheck, type GateEvidence } from "./gates";
import { resolveItemRefs } from "./item-refs";
import { junitUploadToEvidence } from "./junit";
import { evidenceBatchSchema, evidenceRecordSchema, parseEvidencePost, type EvidenceRecord } from "./schemas";

type Tx = Prisma.TransactionClient;
/** Who posts: a member (userId in the context) and/or a token. */
export type Poster = { tokenId: string | null };

/** The columns a gate and a screen read of a record. */
export const evidenceSelect = {
  id: true,
  name: true,
  kind: true,
  status: true,
  conclusion: true,
  profile: true,
  measured: true,
  metrics: true,
  summary: true,
  detailsUrl: true,
  commitSha: true,
  externalId: true,
  observedAt: true,
  expiresAt: true,
  receivedAt: true,
  actorId: true,
  tokenId: true,
} as const;
export type EvidenceRow = Prisma.EvidenceRecordGetPayload<{ select: typeof evidenceSelect }>;

/** `POST /evidence`: one record, or a JUnit report summarised into one `tests` record. */
export async function postEvidence(db: Db, ctx: OrgContext, projectId: string, body: unknown, poster: Poster) {
  const post = parseEvidencePost(body);
  // A JUnit report is summarised into one tests record (a malformed report: 400 naming its line).
  const record: EvidenceRecord = post.form === "junit" ? parseInput(evidenceRecordSchema, junitUploadToEvidence(post.upload)) : post.record;
  const [saved] = await recordEvidence(db, ctx, projectId, [record], poster, (i) => (i === 0 ? "" : `records.${i}`));
  return saved;
}

/** `POST /evidence/batch`: up to 500 records, all or nothing. */
export async function postEvidenceBatch(db: Db, ctx: OrgContext, projectId: string, body: unknown, poster: Poster) {
  const { records } = parseInput(evidenceBatchSchema, body);
  const saved = await recordEvidence(db, ctx, projectId, records, poster, (i) => `records.${i}`);
  return { accepted: saved.length, data: saved };
}

/**
 * Stores the records in one transaction: a record with an `externalId` already posted replaces
 * it (its items too); every reference must resolve, or nothing is stored.
 */
async function recordEvidence(db: Db, ctx: OrgContext, projectId: string, records: EvidenceRecord[], poster: Poster, fieldOf: (i: number) => string) {
  assertCan(ctx.role, "evidence:post");
  return db.$transaction(
    async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const scope = { organizationId: project.organizationId, projectId: project.id };
      const itemIds = await resolveItemRefs(
        tx,
        scope,
        records.map((r, i) => ({ field: fieldOf(i), items: r.items })),
      );
      const now = clock.now();
      const saved: (EvidenceRow & { itemIds: string[] })[] = [];
      const previous = new Set<string>();
      // The records already posted under these externalIds, in one query (a smoke run re-posts 500 at once).
      const externalIds = records.flatMap((r) => (r.externalId ? [r.externalId] : []));
      const posted = new Map(
        externalIds.length
          ? (await tx.evidenceRecord.findMany({ where: { ...scope, externalId: { in: externalIds } }, select: { id: true, externalId: true } })).map((e) => [
              e.externalId,
              e,
            ])
          : [],
      );
      for (const [i, r] of records.entries()) {
        const data = {
          name: r.name,
          kind: r.kind,
          status: r.status,
          conclusion: r.conclusion ?? null,
          profile: r.profile ?? null,
          measured: (r.measured ?? null) as Prisma.InputJsonValue | null,
          metrics: (r.metrics ?? null) as Prisma.InputJsonValue | null,
          summary: r.summary ?? "",
          detailsUrl: r.detailsUrl ?? null,
          commitSha: r.commitSha ?? null,
          observedAt: r.observedAt ? new Date(r.observedAt) : now,
          expiresAt: r.expiresAt ? new Date(r.expiresAt) : null,
          receivedAt: now,
          actorId: ctx.userId,
          tokenId: poster.tokenId,
        };
        const existing = r.externalId ? (posted.get(r.externalId) ?? null) : null;
        const row = existing
          ? await tx.evidenceRecord.update({ where: { id: existing.id }, data: jsonNulls(data), select: evidenceSelect })
          : await tx.evidenceRecord.create({ data: { ...jsonNulls(data), ...scope, externalId: r.externalId ?? null }, select: evidenceSelect });
        if (existing) {
          // The items it spoke for before: their latest results may change too.
          for (const l of await tx.evidenceItem.findMany({ where: { evidenceId: row.id, ...scope }, select: { itemId: true } })) previous.add(l.itemId);
          await tx.evidenceItem.deleteMany({ where: { evidenceId: row.id, ...scope } });
        }
        await tx.evidenceItem.createMany({ data: itemIds[i].map((itemId) => ({ evidenceId: row.id, itemId, ...scope })) });
        saved.push({ ...row, itemIds: itemIds[i] });
      }
      const touched = [...new Set([...saved.flatMap((r) => r.itemIds), ...previous])];
      const evidence = await evidenceOfItems(tx, scope, touched);
      await refreshChecks(tx, scope, touched, evidence);
      await settleAttention(tx, ctx, project, touched, evidence, now);
      return saved;
    },
    { timeout: 60_000 },
  );
}

/** Prisma wants `Prisma.DbNull` rather than null for an empty Json column. */
function jsonNulls<T extends { measured: Prisma.InputJsonValue | null; metrics: Prisma.InputJsonValue | null }>(data: T) {
  return { ...data, measured: data.measured ?? Prisma.DbNull, metrics: data.metrics ?? Prisma.DbNull };
}

export const toGateEvidence = (
  r: Pick<EvidenceRow, "kind" | "name" | "profile" | "status" | "conclusion" | "measured" | "observedAt" | "expiresAt" | "receivedAt">,
) => r as unknown as GateEvidence;

/** Every record of these items, grouped by item: what gates and attention read. */
export async function evidenceOfItems(tx: Tx | Db, scope: { organizationId: string; projectId: string }, itemIds: string[]) {
  const byItem = new Map<string, EvidenceRow[]>();
  if (itemIds.length === 0) return byItem;
  const links = await tx.evidenceItem.findMany({
    where: { ...scope, itemId: { in: itemIds } },
    select: { itemId: true, evidence: { select: evidenceSelect } },
  });
  for (const l of links) byItem.set(l.itemId, [...(byItem.get(l.itemId) ?? []), l.evidence]);
  return byItem;
}

/** Rewrites the items' latest result per check (EvidenceCheck) from their records. */
async function refreshChecks(tx: Tx, scope: { organizationId: string; projectId: string }, itemIds: string[], evidence: Map<string, EvidenceRow[]>) {
  if (itemIds.length === 0) return;
  await tx.evidenceCheck.deleteMany({ where: { ...scope, itemId: { in: itemIds } } });
  const rows = itemIds.flatMap((itemId) =>
    latestPerCheck((evidence.get(itemId) ?? []).map((r) => ({ ...toGateEvidence(r), row: r }))).map(({ row }) => ({
      ...scope,
      itemId,
      kind: row.kind,
      name: row.name,
      profile: row.profile ?? "",
      conclusion: row.conclusion ?? "inconclusive",
      observedAt: row.observedAt,
      expiresAt: row.expiresAt,
      evidenceId: row.id,
    })),
  );
  if (rows.length) await tx.evidenceCheck.createMany({ data: rows });
}

/**
 * After new results: a Verified item whose latest result of some check is a (current) failure
 * needs attention, and its owner gets a message; an item whose checks all pass again is cleared.
 * Each change of the flag is a history row.
 */
async function settleAttention(
  tx: Tx,
  ctx: OrgContext,
  project: { id: string; organizationId: string; slug: string },
  itemIds: string[],
  evidence: Map<string, EvidenceRow[]>,
  now: Date,
) {
  if (itemIds.length === 0) return;
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const items = await tx.item.findMany({
    where: { ...scope, id: { in: itemIds }, deletedAt: null },
    select: { id: true, key: true, kind: true, status: true, attention: true, ownerUserId: true },
  });
  const changes: { itemId: string; field: string; fromValue: string | null; toValue: string | null }[] = [];
  for (const item of items) {
    const all = (evidence.get(item.id) ?? []).map(toGateEvidence);
    const failing = latestPerCheck(all).filter((e) => afterFailure(item.status, e, all, now).needsAttention);
    const reason = failing.length ? afterFailure(item.status, failing[0], all, now).reason : null;
    if (reason && !item.attention) {
      await tx.item.update({ where: { id: item.id }, data: { attention: reason } });
      changes.push({ itemId: item.id, field: "attention", fromValue: null, toValue: reason });
      if (item.ownerUserId && item.ownerUserId !== ctx.userId) {
        await notifyEvent(tx, {
          ...scope,
          event: "evidence.failed",
          subjectId: item.id,
          state: `attention@${now.toISOString()}`,
          recipients: [item.ownerUserId],
          title: `${item.key} needs attention: evidence failed after it was verified`,
          body: reason,
          link: itemPath(ctx.organizationSlug, project.slug, item.id),
        });
      }
    } else if (!reason && item.attention && failingNone(all, now)) {
      await tx.item.update({ where: { id: item.id }, data: { attention: null } });
      changes.push({ itemId: item.id, field: "attention", fromValue: item.attention, toValue: null });
    }
  }
  await writeHistory(tx, { ...scope, actorId: ctx.userId, at: now }, changes);
}

/** No check's latest current result is a failure. */
function failingNone(all: GateEvidence[], now: Date) {
  return !latestPerCheck(all).some((e) => e.conclusion === "failure" && !(e.expiresAt && new Date(e.expiresAt).getTime() <= now.getTime()));
}
