import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/errors";
import { cursorNotInList } from "@/lib/validation/common";
import * as clock from "@/lib/time/clock";

type Tx = Db | Prisma.TransactionClient;

export type NewNotification = {
  organizationId: string;
  projectId?: string | null;
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
};

/** Puts a message in someone's inbox. Call it in the transaction of the change it is about. */
export async function notify(tx: Tx, n: NewNotification): Promise<void> {
  await tx.notification.create({
    data: {
      organizationId: n.organizationId,
      projectId: n.projectId ?? null,
      userId: n.userId,
      kind: n.kind,
      title: n.title.slice(0, 300),
      body: (n.body ?? "").slice(0, 2000),
      link: n.link ?? null,
    },
  });
}

/** One's own messages, of organisations one still belongs to: leaving one hides its messages. */
async function visibleTo(db: Db, userId: string): Promise<Prisma.NotificationWhereInput> {
  const memberships = await db.membership.findMany({ where: { userId }, select: { organizationId: true } });
  return { userId, organizationId: { in: memberships.map((m) => m.organizationId) } };
}

export const inboxQuerySchema = z
  .object({
    unread: z.enum(["true", "false"]).optional(),
    cursor: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

export async function listInbox(db: Db, userId: string, raw: unknown = {}) {
  const query = parseInput(inboxQuerySchema, raw);
  const where: Prisma.NotificationWhereInput = { ...(await visibleTo(db, userId)), ...(query.unread === "true" ? { readAt: null } : {}) };
  if (query.cursor && !(await db.notification.findFirst({ where: { AND: [where, { id: query.cursor }] }, select: { id: true } }))) throw cursorNotInList();
  const rows = await db.notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { data: page, nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { ...(await visibleTo(db, userId)), readAt: null } });
}

export const markReadSchema = z.union([z.object({ ids: z.array(z.string().max(40)).min(1).max(200) }).strict(), z.object({ all: z.literal(true) }).strict()]);

/** Marks some (or all) of one's own messages read; another person's ids change nothing. */
export async function markRead(db: Db, userId: string, raw: unknown): Promise<{ marked: number }> {
  const input = parseInput(markReadSchema, raw);
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: clock.now() },
  });
  return { marked: count };
}
