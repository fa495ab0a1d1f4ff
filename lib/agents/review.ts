import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan, assertNotAgent, can } from "@/lib/auth/permissions";
import { mayReviewSubmission } from "@/lib/auth/resource-rules";
import { conflict, forbidden, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { writeHistory } from "@/lib/inventory/history";
import { updateItemIn } from "@/lib/inventory/items";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { itemPath } from "@/lib/projects/paths";
import * as clock from "@/lib/time/clock";

type Tx = Prisma.TransactionClient;

export const reviewQuerySchema = z
  .object({
    mine: z.enum(["true", "false"]).optional().describe("true: only submissions of your own agents."),
    cursor: z.string().trim().min(1).max(100).optional().describe("The `next` of the previous page."),
  })
  .strict();

export const sendBackSchema = z
  .object({
    note: z
      .string({ error: "Say what needs to change." })
      .trim()
      .min(1, "Say what needs to change.")
      .max(5000, "At most 5,000 characters.")
      .describe("What the agent (or its owner) should change; the next brief of the item carries it."),
  })
  .strict();

const PAGE = 50;
const RECENT = 20;
const NOTES_SHOWN = 280;

const submissionSelect = {
  id: true,
  itemId: true,
  holderId: true,
  agentName: true,
  agentVersion: true,
  claimedAt: true,
  submittedAt: true,
  prUrl: true,
  commitSha: true,
  notes: true,
  outcome: true,
  decidedAt: true,
  decidedById: true,
  reviewNote: true,
  item: { select: { id: true, kind: true, key: true, name: true, status: true, agentReview: true } },
} satisfies Prisma.AgentSubmissionSelect;
type SubmissionRow = Prisma.AgentSubmissionGetPayload<{ select: typeof submissionSelect }>;

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function namesOf(db: Db | Tx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map<string, string>();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

function rowOf(s: SubmissionRow, names: Map<string, string>, userId: string | null) {
  return {
    id: s.id,
    item: s.item,
    agent: { name: s.agentName, version: s.agentVersion },
    owner: { id: s.holderId, name: names.get(s.holderId) ?? "a former member" },
    mine: s.holderId === userId,
    prUrl: s.prUrl,
    commitSha: s.commitSha,
    notes: truncate(s.notes, NOTES_SHOWN),
    claimedAt: s.claimedAt,
    submittedAt: s.submittedAt,
    /** Claim → submit, in milliseconds. */
    durationMs: Math.max(0, s.submittedAt.getTime() - s.claimedAt.getTime()),
    outcome: s.outcome,
    decidedAt: s.decidedAt,
    decidedBy: s.decidedById ? { id: s.decidedById, name: names.get(s.decidedById) ?? "a former member" } : null,
    reviewNote: s.reviewNote,
  };
}
export type ReviewRow = ReturnType<typeof rowOf>;

/**
 * The Review queue: submissions no person has answered yet (oldest first, 50 a page), and the
 * latest answered ones. Stewards and up see everyone's; others see their own agents' work.
 */
export async function listReviewQueue(db: Db, ctx: OrgContext, projectId: string, raw: unknown = {}) {
  assertCan(ctx.role, "project:view");
  const { mine, cursor } = parseInput(reviewQuerySchema, raw ?? {});
  const project = await projectInScope(db, ctx, projectId);
  const everyone = can(ctx.role, "agents:review") && mine !== "true";
  if (!everyone && !ctx.userId) return { pending: [], recent: [], pendingCount: 0, next: null, reviewsAll: false };
  const scope: Prisma.AgentSubmissionWhereInput = {
    organizationId: project.organizationId,
    projectId,
    item: { deletedAt: null },
    ...(everyone ? {} : { holderId: ctx.userId! }),
  };
  const after = cursor ? await db.agentSubmission.findFirst({ where: { ...scope, id: cursor }, select: { id: true, submittedAt: true } }) : null;
  const pending = await db.agentSubmission.findMany({
    where: {
      ...scope,
      outcome: null,
      ...(after ? { OR: [{ submittedAt: { gt: after.submittedAt } }, { submittedAt: after.submittedAt, id: { gt: after.id } }] } : {}),
    },
    select: submissionSelect,
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: PAGE + 1,
  });
  const pendingCount = await db.agentSubmission.count({ where: { ...scope, outcome: null } });
  const recent = cursor
    ? []
    : await db.agentSubmission.findMany({
        where: { ...scope, outcome: { not: null } },
        select: submissionSelect,
        orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
        take: RECENT,
      });
  const page = pending.slice(0, PAGE);
  const names = await namesOf(
    db,
    [...page, ...recent].flatMap((s) => [s.holderId, s.decidedById]),
  );
  return {
    pending: page.map((s) => rowOf(s, names, ctx.userId)),
    recent: recent.map((s) => rowOf(s, names, ctx.userId)),
    pendingCount,
    next: pending.length > PAGE ? page[page.length - 1].id : null,
    reviewsAll: everyone,
  };
}

/** How many submissions wait for this member (theirs, or all for stewards and up): the Review tab's count. */
export async function pendingReviewCount(db: Db, ctx: OrgContext, projectId: string): Promise<number> {
  if (!ctx.userId && !can(ctx.role, "agents:review")) return 0;
  return db.agentSubmission.count({
    where: {
      organizationId: ctx.organizationId,
      projectId,
      outcome: null,
      item: { deletedAt: null },
      ...(can(ctx.role, "agents:review") ? {} : { holderId: ctx.userId! }),
    },
  });
}

/** The submission, in the tenant, locked; checks that the acting member may answer it and that no one has. */
async function openSubmission(tx: Tx, ctx: OrgContext, projectId: string, submissionId: string, what: string) {
  assertNotAgent(ctx, what);
  if (!ctx.userId) throw forbidden(`Only a person may ${what}: sign in to Waypoint and use the Review tab.`);
  const project = await projectInScope(tx, ctx, projectId);
  const found = await tx.agentSubmission.findFirst({ where: { id: submissionId, projectId, organizationId: project.organizationId }, select: { id: true } });
  if (!found) throw notFound("No such submission.");
  // Row lock: a confirm and a send-back of the same submission must not both apply.
  await tx.$queryRaw`SELECT id FROM "AgentSubmission" WHERE id = ${found.id} FOR UPDATE`;
  const submission = await tx.agentSubmission.findUniqueOrThrow({ where: { id: found.id }, select: submissionSelect });
  if (!mayReviewSubmission(ctx, submission))
    throw forbidden("Only the member the agent worked for, a steward, a manager or an admin may answer this submission.");
  if (submission.outcome) {
    const by = (await namesOf(tx, [submission.decidedById])).get(submission.decidedById ?? "") ?? "someone";
    throw conflict(`This submission was already ${submission.outcome === "CONFIRMED" ? "confirmed" : "sent back"} by ${by}.`, {
      outcome: submission.outcome,
    });
  }
  return { project, submission };
}

/**
 * A person confirms an agent's work: the submission is CONFIRMED with who and when, the item's
 * status stays (Ported) and its agentReview becomes CONFIRMED, with a history row.
 */
export async function confirmSubmission(db: Db, ctx: OrgContext, projectId: string, submissionId: string) {
  return db.$transaction(async (tx) => {
    const { project, submission } = await openSubmission(tx, ctx, projectId, submissionId, "confirm work");
    const now = clock.now();
    await tx.agentSubmission.update({ where: { id: submission.id }, data: { outcome: "CONFIRMED", decidedAt: now, decidedById: ctx.userId } });
    if (submission.item.agentReview === "AWAITING") {
      await tx.item.update({ where: { id: submission.itemId }, data: { agentReview: "CONFIRMED" } });
      await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId, at: now }, [
        { itemId: submission.itemId, field: "agentReview", fromValue: "AWAITING", toValue: "CONFIRMED" },
      ]);
    }
    return { id: submission.id, itemId: submission.itemId, outcome: "CONFIRMED" as const, decidedAt: now, decidedById: ctx.userId };
  });
}

/**
 * A person sends an agent's work back with a note: the item is In progress again (blockers,
 * drift and the progress rollup follow as for any status change), its agentReview is cleared, and
 * the agent's owner is told. The item's next brief carries the note.
 */
export async function sendBackSubmission(db: Db, ctx: OrgContext, projectId: string, submissionId: string, raw: unknown) {
  const { note } = parseInput(sendBackSchema, raw);
  return db.$transaction(async (tx) => {
    const { project, submission } = await openSubmission(tx, ctx, projectId, submissionId, "send work back");
    const now = clock.now();
    await tx.agentSubmission.update({
      where: { id: submission.id },
      data: { outcome: "SENT_BACK", decidedAt: now, decidedById: ctx.userId, reviewNote: note },
    });
    if (submission.item.agentReview) {
      await tx.item.update({ where: { id: submission.itemId }, data: { agentReview: null } });
      await writeHistory(tx, { organizationId: project.organizationId, projectId, actorId: ctx.userId, at: now }, [
        { itemId: submission.itemId, field: "agentReview", fromValue: submission.item.agentReview, toValue: null },
      ]);
    }
    // Through the inventory's own path, so what a status change keeps in step stays in step.
    await updateItemIn(tx, ctx, projectId, null, submission.itemId, { status: "IN_PROGRESS" });
    if (submission.holderId !== ctx.userId) {
      const by = (await namesOf(tx, [ctx.userId])).get(ctx.userId!) ?? "Someone";
      await notifyEvent(tx, {
        organizationId: project.organizationId,
        projectId,
        event: "submission.sent_back",
        subjectId: submission.id,
        recipients: [submission.holderId],
        title: `${by} sent back your agent's work on ${submission.item.key}`,
        body: truncate(note, 2000),
        link: itemPath(ctx.organizationSlug, project.slug, submission.itemId),
      });
    }
    return { id: submission.id, itemId: submission.itemId, outcome: "SENT_BACK" as const, decidedAt: now, decidedById: ctx.userId, reviewNote: note };
  });
}

/** Items an agent ported, by whether a person confirmed them yet: the overview's note under its counts. */
export async function agentReviewCounts(db: Db, ctx: OrgContext, projectId: string): Promise<{ awaiting: number; confirmed: number }> {
  assertCan(ctx.role, "project:view");
  const rows = await db.item.groupBy({
    by: ["agentReview"],
    where: { organizationId: ctx.organizationId, projectId, deletedAt: null, agentReview: { not: null } },
    _count: { _all: true },
  });
  const of = (review: "AWAITING" | "CONFIRMED") => rows.find((r) => r.agentReview === review)?._count._all ?? 0;
  return { awaiting: of("AWAITING"), confirmed: of("CONFIRMED") };
}
