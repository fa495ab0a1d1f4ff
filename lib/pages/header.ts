import type { Db } from "@/lib/db/client";
import { listUserOrganizations } from "@/lib/orgs/membership";
import { unreadCount } from "@/lib/notifications/inbox";

/** What the header of every signed-in page shows: the person's organisations and unread messages. */
export async function loadHeader(db: Db, userId: string) {
  const memberships = await listUserOrganizations(db, userId);
  return {
    organizations: memberships.map((m) => ({ slug: m.organization.slug, name: m.organization.name, role: m.role })),
    unread: await unreadCount(db, userId),
  };
}
