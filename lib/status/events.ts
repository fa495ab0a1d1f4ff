import type { Prisma } from "@/lib/generated/prisma/client";
import type { ServedBy } from "@/lib/generated/prisma/enums";
import { changeSentence, momentText, placeOf } from "./format";

type Tx = Prisma.TransactionClient;

/** A planned switch as the status page's subscribers hear of it. */
export type PlannedChange = {
  id: string;
  organizationId: string;
  projectId: string;
  runAt: Date;
  toState: ServedBy;
  toPercent: number | null;
  item: { key: string; path: string | null };
};

/**
 * Called in the transaction of every change subscribers are told about (a planned switch moved or
 * cancelled). The default writes a StatusEvent row — the outbox the e-mail channel
 * (lib/notifications) sends from, to the confirmed `statusSubscribersFor(project)`, setting `notifiedAt`. A
 * test or another channel may replace it with `setStatusChangeHook`.
 */
export type StatusChangeHook = (
  tx: Tx,
  change: { kind: "switch.rescheduled" | "switch.cancelled"; planned: PlannedChange; previousRunAt?: Date },
) => Promise<void>;

async function recordStatusEvent(tx: Tx, change: Parameters<StatusChangeHook>[1]): Promise<void> {
  const { planned } = change;
  const { timeZone } = await tx.project.findFirstOrThrow({
    where: { id: planned.projectId, organizationId: planned.organizationId },
    select: { timeZone: true },
  });
  const what = changeSentence(placeOf(planned.item.path, planned.item.key), null, { servedBy: planned.toState, canaryPercent: planned.toPercent }, "ahead");
  const message =
    change.kind === "switch.cancelled"
      ? `Cancelled: the change planned for ${momentText(planned.runAt, timeZone)} will not happen then. (${what})`
      : `Moved: the change planned for ${momentText(change.previousRunAt ?? planned.runAt, timeZone)} now happens on ${momentText(planned.runAt, timeZone)}. (${what})`;
  await tx.statusEvent.create({
    data: {
      organizationId: planned.organizationId,
      projectId: planned.projectId,
      kind: change.kind,
      scheduledSwitchId: planned.id,
      message,
      data: { runAt: planned.runAt.toISOString(), ...(change.previousRunAt ? { previousRunAt: change.previousRunAt.toISOString() } : {}) },
    },
  });
}

let hook: StatusChangeHook = recordStatusEvent;

/** Replaces the hook (null restores the outbox); for tests and a future channel. */
export function setStatusChangeHook(next: StatusChangeHook | null): void {
  hook = next ?? recordStatusEvent;
}

export function statusChanged(tx: Tx, change: Parameters<StatusChangeHook>[1]): Promise<void> {
  return hook(tx, change);
}
