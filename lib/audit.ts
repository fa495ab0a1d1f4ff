import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Writes an audit row. Call it with the transaction of the change it records. */
export function recordAudit(
  tx: Tx,
  event: { organizationId: string; actorId: string | null; action: string; targetType: string; targetId: string; data?: Prisma.InputJsonValue },
) {
  return tx.auditEvent.create({ data: event });
}
