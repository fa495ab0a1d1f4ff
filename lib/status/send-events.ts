/**
 * Telling the status page's subscribers: the StatusEvent rows not yet sent (a planned switch moved
 * or cancelled) go by e-mail to the project's subscribers, then are marked sent. Run by the
 * notifications sweep (hourly). Without e-mail configured nothing is sent and the rows wait — but
 * only a week: older news is not worth a late e-mail. Only confirmed subscribers are e-mailed, and
 * each e-mail carries its own one-click unsubscribe link and headers (RFC 8058, lib/status/subscribe.ts).
 */
import type { Db } from "@/lib/db/client";
import { emailConfigured, sendEmail } from "@/lib/notifications/email";
import * as clock from "@/lib/time/clock";
import { confirmedStatusSubscribers } from "./manage";
import { newUnsubscribeToken, unsubscribeParts } from "./subscribe";

const FRESH_MS = 7 * 86_400_000;
const BATCH = 200;

export async function sendStatusEvents(db: Db): Promise<{ events: number; emails: number }> {
  if (!emailConfigured()) return { events: 0, emails: 0 };
  const now = clock.now();
  const pending = await db.statusEvent.findMany({
    where: { notifiedAt: null, createdAt: { gte: new Date(now.getTime() - FRESH_MS) } },
    select: { id: true, organizationId: true, projectId: true, message: true, project: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  let emails = 0;
  for (const event of pending) {
    const scope = { organizationId: event.organizationId, projectId: event.projectId };
    // Marked first (only if still unsent): a second sweep never mails it again; a send that then
    // fails is logged and not retried (the status page itself still shows the change).
    const claimed = await db.statusEvent.updateMany({ where: { id: event.id, ...scope, notifiedAt: null }, data: { notifiedAt: now } });
    if (claimed.count === 0) continue;
    for (const subscriber of await confirmedStatusSubscribers(db, scope)) {
      try {
        const { link, headers } = unsubscribeParts(await newUnsubscribeToken(db, subscriber));
        await sendEmail({
          to: subscriber.email,
          subject: `${event.project.name}: a planned change`,
          text: `${event.message}\n\nYou get this because you subscribed to the status of ${event.project.name} in Waypoint.\nTo stop these e-mails: ${link}\n`,
          headers,
        });
        emails++;
      } catch (error) {
        console.error(`[status] could not e-mail subscriber ${subscriber.id} about ${event.id}:`, (error as Error).message);
      }
    }
  }
  return { events: pending.length, emails };
}
