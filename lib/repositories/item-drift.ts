/**
 * Drift again for items whose status a person just changed, in that change's transaction: marking
 * a route Ported that the new code does not serve is flagged now, and starting one the code already
 * serves clears "in the new code, not started" now — not at the next push. What the code says
 * (ItemCode) is not read again here; only the status side of the comparison moved.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import { codeSettingsIn, type CodeSettings } from "./settings";

type Tx = Prisma.TransactionClient;

export type Drift = "ported-not-in-code" | "in-code-not-started" | "retired-returned";

const DONE: PortStatus[] = ["PORTED", "VERIFIED"];
const DAY_MS = 86_400_000;

/** Where the declared status and the code disagree, if they do. */
export function driftOf(
  item: { status: PortStatus },
  code: { legacyFile: string | null; newFile: string | null; newSince: Date | null },
  o: { newScanned: boolean; legacyLinked: boolean; at: Date; settings: Pick<CodeSettings, "driftDays"> },
): Drift | null {
  if (item.status === "RETIRED" && o.legacyLinked && code.legacyFile) return "retired-returned";
  if (!o.newScanned) return null;
  if (DONE.includes(item.status) && !code.newFile) return "ported-not-in-code";
  if (item.status === "NOT_STARTED" && code.newSince && o.at.getTime() - code.newSince.getTime() > o.settings.driftDays * DAY_MS) return "in-code-not-started";
  return null;
}

export async function refreshItemDrift(tx: Tx, scope: { organizationId: string; projectId: string }, itemIds: string[], at: Date): Promise<number> {
  if (itemIds.length === 0) return 0;
  const codes = await tx.itemCode.findMany({ where: { organizationId: scope.organizationId, projectId: scope.projectId, itemId: { in: itemIds } } });
  if (codes.length === 0) return 0;
  const repos = await tx.repository.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId },
    select: { role: true, lastCommit: true },
  });
  const newScanned = repos.some((r) => r.role === "NEW" && r.lastCommit);
  const legacyLinked = repos.some((r) => r.role === "LEGACY" && r.lastCommit);
  const settings = await codeSettingsIn(tx, scope);
  const items = new Map(
    (
      await tx.item.findMany({
        where: { organizationId: scope.organizationId, projectId: scope.projectId, id: { in: codes.map((c) => c.itemId) }, kind: "ROUTE" },
        select: { id: true, status: true },
      })
    ).map((i) => [i.id, i]),
  );
  let changed = 0;
  for (const code of codes) {
    const item = items.get(code.itemId);
    if (!item) continue;
    const drift = driftOf(item, code, { newScanned, legacyLinked, at, settings });
    if (drift === code.drift) continue;
    await tx.itemCode.update({ where: { itemId: code.itemId }, data: { drift, driftSince: drift ? at : null } });
    changed++;
  }
  return changed;
}
