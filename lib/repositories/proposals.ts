/**
 * The review of what the code suggests (issue 22): list the proposals by kind and state, and a
 * steward's decisions — one by one or in bulk, all or nothing in one transaction. Accepting
 * applies through the inventory's own paths (proposal-apply.ts), so gates still apply; a refusal
 * names the item and nothing of the batch is applied.
 */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, conflict, notFound, parseInput } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { cursorNotInList, idSchema, pageQuerySchema } from "@/lib/validation/common";
import * as clock from "@/lib/time/clock";
import { fileUrl } from "./file-links";
import { refreshCodeView } from "./reconcile";
import { applyProposal, PROPOSAL_KINDS, PROPOSAL_STATES, proposalLabel, type ProposalKind } from "./proposal-apply";

export const proposalListQuerySchema = pageQuerySchema
  .extend({
    kind: z.enum(PROPOSAL_KINDS).optional(),
    state: z.enum(PROPOSAL_STATES).default("open"),
  })
  .strict();

export const decideProposalsSchema = z
  .object({
    ids: z.array(idSchema).min(1, "Choose at least one proposal.").max(500, "At most 500 at once."),
    decision: z.enum(["accept", "reject"], { error: "Decide accept or reject." }),
  })
  .strict();

export type ProposalView = {
  id: string;
  kind: ProposalKind;
  state: string;
  /** ADDITION: "baseline" when found by the repository's first scan; STATUS: the status; OWNER: the team id. */
  value: string | null;
  valueLabel: string | null;
  baseline: boolean;
  route: string | null;
  handler: string | null;
  item: { id: string; key: string; status: string } | null;
  file: string | null;
  line: number | null;
  commit: string;
  /** The file at the commit on GitHub, GitLab or Bitbucket; null for other remotes. */
  link: string | null;
  createdAt: string;
  decidedAt: string | null;
};

/** The project's proposals of one state (open by default), newest first, a page at a time; with the open count per kind. */
export async function listProposals(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "project:view");
  const q = parseInput(proposalListQuerySchema, raw);
  const project = await projectInScope(db, ctx, projectId);
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const where: Prisma.CodeProposalWhereInput = { ...scope, state: q.state, ...(q.kind && { kind: q.kind }) };
  if (q.cursor && !(await db.codeProposal.findFirst({ where: { AND: [where, { id: q.cursor }] }, select: { id: true } }))) throw cursorNotInList();
  const rows = await db.codeProposal.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor && { cursor: { id: q.cursor }, skip: 1 }),
  });
  const page = rows.slice(0, q.limit);
  const itemIds = [...new Set(page.map((p) => p.itemId).filter((id): id is string => Boolean(id)))];
  const items = new Map(
    (await db.item.findMany({ where: { ...scope, id: { in: itemIds } }, select: { id: true, key: true, status: true } })).map((i) => [i.id, i]),
  );
  const teamIds = [...new Set(page.filter((p) => p.kind === "OWNER" && p.value).map((p) => p.value as string))];
  const teams = new Map(
    (await db.team.findMany({ where: { organizationId: scope.organizationId, id: { in: teamIds } }, select: { id: true, name: true } })).map((t) => [
      t.id,
      t.name,
    ]),
  );
  const repos = await db.repository.findMany({ where: scope, select: { role: true, url: true } });
  const urlOf = (role: "LEGACY" | "NEW") => repos.find((r) => r.role === role)?.url ?? null;
  const counts = await db.codeProposal.groupBy({ by: ["kind"], where: { ...scope, state: "open" }, _count: true });
  const data: ProposalView[] = page.map((p) => {
    const item = p.itemId ? (items.get(p.itemId) ?? null) : null;
    const url = urlOf(p.kind === "STATUS" ? "NEW" : "LEGACY");
    return {
      id: p.id,
      kind: p.kind as ProposalKind,
      state: p.state,
      value: p.value,
      valueLabel: p.kind === "OWNER" ? (teams.get(p.value ?? "") ?? "a deleted team") : p.value,
      baseline: p.kind === "ADDITION" && p.value === "baseline",
      route: p.method && p.path ? `${p.method} ${p.path}` : null,
      handler: p.handler,
      item,
      file: p.file,
      line: p.line,
      commit: p.commit,
      link: url && p.file ? fileUrl(url, p.commit, p.file, p.line) : null,
      createdAt: p.createdAt.toISOString(),
      decidedAt: p.decidedAt?.toISOString() ?? null,
    };
  });
  return {
    data,
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
    openCounts: Object.fromEntries(PROPOSAL_KINDS.map((k) => [k, counts.find((c) => c.kind === k)?._count ?? 0])) as Record<ProposalKind, number>,
  };
}

/**
 * Accepts or rejects proposals, all or nothing: every id must be an open proposal of this project,
 * and the first one that cannot be applied (a gate, an item gone) stops the batch with its route
 * in the message. Each accepted change's history names the commit.
 */
export async function decideProposals(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "code:review");
  const { ids, decision } = parseInput(decideProposalsSchema, raw);
  const unique = [...new Set(ids)];
  return db.$transaction(
    async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const rows = await tx.codeProposal.findMany({
        where: { id: { in: unique }, organizationId: project.organizationId, projectId: project.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      if (rows.length !== unique.length) throw notFound(`${unique.length - rows.length} of the chosen proposals are not in this project.`);
      const decided = rows.filter((r) => r.state !== "open");
      if (decided.length > 0)
        throw conflict(
          `${proposalLabel(decided[0])} was already ${decided[0].state}${decided.length > 1 ? ` (and ${decided.length - 1} more)` : ""}: reload the list.`,
          { ids: decided.map((d) => d.id) },
        );
      const now = clock.now();
      const results: { id: string; itemId: string | null }[] = [];
      // Additions first, so a batch that also holds a later proposal about the new item finds it.
      for (const row of [...rows].sort((a, b) => Number(b.kind === "ADDITION") - Number(a.kind === "ADDITION"))) {
        let itemId = row.itemId;
        if (decision === "accept") {
          try {
            itemId = (await applyProposal(tx, ctx, row, "accepted")).itemId;
          } catch (error) {
            if (error instanceof AppError) {
              const details = { ...(error.details ?? {}), proposalId: row.id, route: proposalLabel(row) };
              throw new AppError(error.code, error.message, details);
            }
            throw error;
          }
        }
        await tx.codeProposal.update({
          where: { id: row.id },
          data: { state: decision === "accept" ? "accepted" : "rejected", openKey: null, decidedById: ctx.userId, decidedAt: now, itemId },
        });
        results.push({ id: row.id, itemId });
      }
      // A route just added, retired or moved on: what the code says about it is known now, not at the next push.
      if (decision === "accept") await refreshCodeView(tx, { organizationId: project.organizationId, projectId: project.id }, now);
      return { decision, decided: results.length, results };
    },
    { timeout: 60_000 },
  );
}
