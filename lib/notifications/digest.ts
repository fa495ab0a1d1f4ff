/**
 * The daily digest (the `notifications.digest` job): for each person with events waiting in
 * "daily" mode, one e-mail listing them; each waiting delivery is then marked delivered with its attempt logged.
 */
import type { Db } from "@/lib/db/client";
import * as clock from "@/lib/time/clock";
import { emailConfigured, sendEmail } from "./email";
import { absoluteLink } from "./links";

export async function sendDigests(db: Db): Promise<{ sent: number; failed: number }> {
  if (!emailConfigured()) return { sent: 0, failed: 0 };
  const waiting = await db.notificationDelivery.findMany({
    where: { channel: "email_digest", status: "digest" },
    include: { event: { select: { title: true, link: true, createdAt: true } } },
    orderBy: { createdAt: "asc" },
    take: 20_000,
  });
  const byPerson = new Map<string, typeof waiting>();
  for (const d of waiting) {
    const key = `${d.organizationId}\n${d.target}`;
    byPerson.set(key, [...(byPerson.get(key) ?? []), d]);
  }
  let sent = 0;
  let failed = 0;
  for (const [key, list] of byPerson) {
    const [organizationId, userId] = key.split("\n");
    const user = await db.user.findFirst({ where: { id: userId, memberships: { some: { organizationId } } }, select: { email: true } });
    const started = clock.nowMs();
    let error: string | null = user ? null : "The person is no longer a member.";
    if (user) {
      const lines = list.map((d) => `• ${d.event.title}${d.event.link ? `\n  ${absoluteLink(d.event.link)}` : ""}`);
      try {
        await sendEmail({
          to: user.email,
          subject: `Waypoint: ${list.length} update${list.length === 1 ? "" : "s"} today`,
          text: `${lines.join("\n")}\n\n— Waypoint daily digest.\n`,
        });
      } catch (e) {
        error = (e as Error).message.slice(0, 500);
      }
    }
    const at = clock.now();
    await db.$transaction(async (tx) => {
      for (const d of list) {
        await tx.notificationAttempt.create({
          data: { organizationId, deliveryId: d.id, number: d.attempts + 1, at, ok: !error, error, durationMs: Math.max(0, clock.nowMs() - started) },
        });
      }
      // A failed digest stays waiting for tomorrow's (unless the person left).
      await tx.notificationDelivery.updateMany({
        where: { id: { in: list.map((d) => d.id) } },
        data: error
          ? { attempts: { increment: 1 }, lastError: error, ...(user ? {} : { status: "gave_up" }) }
          : { attempts: { increment: 1 }, status: "delivered", deliveredAt: at },
      });
    });
    if (error) failed++;
    else sent++;
  }
  return { sent, failed };
}
