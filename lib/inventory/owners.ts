import type { Prisma } from "@/lib/generated/prisma/client";
import { invalid } from "@/lib/errors";

type Tx = Prisma.TransactionClient;

export type OwnerRef = { ownerTeamId: string | null; ownerUserId: string | null };

/** "team:<id>" / "user:<id>" / null → the owner columns, checked to belong to the organisation. */
export async function resolveOwnerRef(tx: Tx, organizationId: string, owner: string | null): Promise<OwnerRef> {
  if (owner === null) return { ownerTeamId: null, ownerUserId: null };
  const [type, id] = owner.split(":");
  if (type === "team") {
    const team = await tx.team.findFirst({ where: { id, organizationId }, select: { id: true } });
    if (!team) throw invalid("That team is not in this organisation.", { owner: ["No such team."] });
    return { ownerTeamId: team.id, ownerUserId: null };
  }
  const member = await tx.membership.findFirst({ where: { userId: id, organizationId }, select: { userId: true } });
  if (!member) throw invalid("That person is not a member of this organisation.", { owner: ["No such member."] });
  return { ownerTeamId: null, ownerUserId: member.userId };
}

/** How an owner reads in history rows and tables. */
export function ownerLabel(item: { ownerTeam?: { name: string } | null; ownerUser?: { name: string; email?: string } | null }): string | null {
  if (item.ownerTeam) return /^team\b/i.test(item.ownerTeam.name) ? item.ownerTeam.name : `team ${item.ownerTeam.name}`;
  if (item.ownerUser) return item.ownerUser.name;
  return null;
}
