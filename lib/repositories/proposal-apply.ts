/**
 * What accepting one code proposal does to the inventory, inside the caller's transaction — a
 * steward's decision (proposals.ts) or the project's auto-accept (reconcile.ts). Every change goes
 * through the inventory's own create/update path, so history rows, gates, blockers and claims are
 * the same as for a person's edit; one more history row names the commit the proposal came from.
 *
 *   ADDITION    creates the route item (or restores a deleted one), Not started;
 *   RETIREMENT  sets the item Retired (nothing is deleted);
 *   STATUS      sets the suggested status (a gate may refuse it);
 *   OWNER       sets the owner team, only while the item still has no owner (a person's choice wins).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { AppError, conflict, parseInput } from "@/lib/errors";
import { createItemIn, updateItemIn, type HistoryNote } from "@/lib/inventory/items";
import { createItemSchemas, type ItemInput } from "@/lib/inventory/schemas";
import { itemKey } from "@/lib/inventory/keys";
import { STATUS_ORDER } from "@/lib/inventory/item-state";

type Tx = Prisma.TransactionClient;

export const PROPOSAL_KINDS = ["ADDITION", "RETIREMENT", "STATUS", "OWNER"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATES = ["open", "accepted", "rejected", "withdrawn"] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export type ProposalRow = {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  itemId: string | null;
  method: string | null;
  path: string | null;
  handler: string | null;
  file: string | null;
  line: number | null;
  value: string | null;
  commit: string;
};

/** The history row that names where a change came from. */
export function commitNote(p: Pick<ProposalRow, "kind" | "commit" | "file" | "line">, how: "accepted" | "auto"): HistoryNote {
  const where = p.file ? ` (${p.file}${p.line ? `:${p.line}` : ""})` : "";
  const what = {
    ADDITION: "added from the legacy code",
    RETIREMENT: "retired: gone from the legacy code",
    STATUS: "status from the new code",
    OWNER: "owner from CODEOWNERS",
  }[p.kind as ProposalKind];
  return { field: "code", fromValue: null, toValue: `${what} at commit ${p.commit.slice(0, 12)}${where}${how === "auto" ? ", applied automatically" : ""}` };
}

/** The key a proposal is about, for messages: the item's key or the route's. */
export const proposalLabel = (p: Pick<ProposalRow, "method" | "path" | "kind" | "value">) =>
  p.method && p.path ? `${p.method} ${p.path}` : `${p.kind.toLowerCase()} ${p.value ?? ""}`.trim();

/** Applies one proposal; answers the item it changed or created. Throws an AppError (with the route's key) when it cannot. */
export async function applyProposal(tx: Tx, ctx: OrgContext, proposal: ProposalRow, how: "accepted" | "auto"): Promise<{ itemId: string }> {
  const note = commitNote(proposal, how);
  const label = proposalLabel(proposal);
  const inScope = { organizationId: proposal.organizationId, projectId: proposal.projectId, deletedAt: null };
  switch (proposal.kind as ProposalKind) {
    case "ADDITION": {
      const key = itemKey("ROUTE", { method: proposal.method ?? "GET", path: proposal.path ?? "/" });
      const existing = await tx.item.findFirst({ where: { ...inScope, kind: "ROUTE", key }, select: { id: true } });
      if (existing) throw conflict(`${label}: already in the inventory.`, { itemId: existing.id });
      const input = parseInput(createItemSchemas.ROUTE, {
        method: proposal.method ?? "GET",
        path: proposal.path ?? "/",
        ...(proposal.handler ? { handler: proposal.handler.slice(0, 500) } : {}),
      }) as ItemInput;
      const item = await createItemIn(tx, ctx, proposal.projectId, "ROUTE", input, [note]);
      await tx.itemCode.upsert({
        where: { itemId: item.id },
        create: {
          itemId: item.id,
          organizationId: proposal.organizationId,
          projectId: proposal.projectId,
          legacyFile: proposal.file,
          legacyLine: proposal.line,
          legacyCommit: proposal.commit,
        },
        update: { legacyFile: proposal.file, legacyLine: proposal.line, legacyCommit: proposal.commit },
      });
      return { itemId: item.id };
    }
    case "RETIREMENT": {
      const item = await liveItem(tx, proposal, label);
      await updateItemIn(tx, ctx, proposal.projectId, "ROUTE", item.id, { status: "RETIRED" }, { notes: [note] });
      return { itemId: item.id };
    }
    case "STATUS": {
      const item = await liveItem(tx, proposal, label);
      const status = proposal.value as PortStatus;
      if (!STATUS_ORDER.includes(status)) throw conflict(`${label}: "${proposal.value}" is not a status.`);
      try {
        await updateItemIn(tx, ctx, proposal.projectId, null, item.id, { status }, { notes: [note] });
      } catch (error) {
        // A gate refusal (or any other) names the item it was about.
        if (error instanceof AppError && !error.message.includes(label)) throw new AppError(error.code, `${label}: ${error.message}`, error.details);
        throw error;
      }
      return { itemId: item.id };
    }
    case "OWNER": {
      const item = await liveItem(tx, proposal, label);
      if (item.ownerTeamId || item.ownerUserId) throw conflict(`${label}: someone has set its owner since; a person's choice is kept.`);
      await updateItemIn(tx, ctx, proposal.projectId, null, item.id, { owner: `team:${proposal.value}` }, { notes: [note] });
      return { itemId: item.id };
    }
    default:
      throw conflict(`Unknown proposal kind ${proposal.kind}.`);
  }
}

async function liveItem(tx: Tx, proposal: ProposalRow, label: string) {
  const item = proposal.itemId
    ? await tx.item.findFirst({
        where: { id: proposal.itemId, organizationId: proposal.organizationId, projectId: proposal.projectId, deletedAt: null },
        select: { id: true, ownerTeamId: true, ownerUserId: true, status: true },
      })
    : null;
  if (!item) throw conflict(`${label}: the item is no longer in the inventory.`);
  return item;
}
