import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { nameSchema, RESERVED_SLUGS, slugify } from "@/lib/validation/common";

export const organizationNameSchema = z.object({ name: nameSchema }).strict();

/** Picks the first free slug: acme, acme-2, acme-3… */
export async function freeOrganizationSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name, "org");
  const taken = new Set((await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug));
  for (const reserved of RESERVED_SLUGS) taken.add(reserved);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createOrganizationInTx(tx: Prisma.TransactionClient, userId: string, name: string) {
  const organization = await tx.organization.create({ data: { name, slug: await freeOrganizationSlug(tx, name) } });
  await tx.membership.create({ data: { organizationId: organization.id, userId, role: "ADMIN" } });
  await recordAudit(tx, {
    organizationId: organization.id,
    actorId: userId,
    action: "organization.created",
    targetType: "organization",
    targetId: organization.id,
  });
  return organization;
}

/** A signed-in user creates another organisation, becoming its admin. */
export function createOrganization(db: Db, userId: string, raw: unknown) {
  const { name } = parseInput(organizationNameSchema, raw);
  return db.$transaction((tx) => createOrganizationInTx(tx, userId, name));
}
