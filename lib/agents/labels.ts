import type { AgentReview, PortStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/inventory/labels";

/**
 * A status in words, telling an agent's report from a person's confirmation (issue 23): the
 * badges, the CSV export and the status page's counts all say it this way.
 */
export function statusText(status: PortStatus, agentReview: AgentReview | null | undefined): string {
  if (agentReview === "AWAITING" && status === "PORTED") return `${STATUS_LABELS.PORTED} — awaiting confirmation`;
  if (agentReview === "CONFIRMED" && (status === "PORTED" || status === "VERIFIED")) return `${STATUS_LABELS[status]} · agent, confirmed`;
  return STATUS_LABELS[status];
}
