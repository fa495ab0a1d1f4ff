/** What each queue's job does: plain domain calls, validated input. */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { runDueSwitches } from "@/lib/cutover/scheduled";
import { deliverNotification } from "@/lib/notifications/deliver";
import { sendDigests } from "@/lib/notifications/digest";
import { sweepOverdueActionItems } from "@/lib/notifications/overdue";
import { sweepClaims, sweepDueActionItems, sweepFreezeWindows, sweepOfficeHours } from "@/lib/notifications/reminders";
import { sendStatusEvents } from "@/lib/status/send-events";
import { purgeExpiredStatusSubscribers } from "@/lib/status/subscribe";
import { sendWeeklyReports } from "@/lib/reports/send-weekly";
import { queueScheduledScans, runScan } from "@/lib/repositories/run-scan";
import * as clock from "@/lib/time/clock";
import { expireLeases } from "@/lib/agents/expire-leases";
import type { QueueKey } from "./queues";

const repositoryScanJob = z.object({ organizationId: z.string().min(1), scanId: z.string().min(1) }).strict();
const scheduledSwitchJob = z.object({ organizationId: z.string().min(1), projectId: z.string().min(1), runAt: z.iso.datetime({ offset: true }) }).strict();

export const HANDLERS: Record<QueueKey, (db: Db, data: unknown) => Promise<unknown>> = {
  async scheduledSwitch(db, data) {
    const { organizationId, projectId, runAt } = scheduledSwitchJob.parse(data);
    // The queue starts a job by the database's clock, the switch is due by this instance's. If
    // this clock is behind, fail: the retry (10 s, then doubling) comes after it has caught up.
    if (clock.nowMs() < Date.parse(runAt)) throw new Error(`Not due yet by this instance's clock (due ${runAt}): retried.`);
    return { ran: await runDueSwitches(db, { organizationId }, projectId) };
  },
  deliverNotification: (db, data) => deliverNotification(db, data),
  notificationSweep: async (db) => ({
    ...(await sweepOverdueActionItems(db)),
    due: await sweepDueActionItems(db),
    claims: await sweepClaims(db),
    officeHours: await sweepOfficeHours(db),
    freezes: await sweepFreezeWindows(db),
    status: await sendStatusEvents(db),
    statusPendingExpired: await purgeExpiredStatusSubscribers(db),
    weeklyReports: await sendWeeklyReports(db),
  }),
  notificationDigest: (db) => sendDigests(db),
  async repositoryScan(db, data) {
    const { organizationId, scanId } = repositoryScanJob.parse(data);
    const scan = await runScan(db, { organizationId }, scanId);
    return { scanId, status: scan.status, commit: scan.commit };
  },
  repositorySchedule: (db) => queueScheduledScans(db),
  agentLeaseExpiry: async (db) => ({ expired: await expireLeases(db) }),
};
