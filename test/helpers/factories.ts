import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { signUp } from "@/lib/accounts/sign-up";
import { orgContextFor } from "@/lib/orgs/membership";
import { createProject } from "@/lib/projects/projects";
import { createApiToken } from "@/lib/api-tokens/tokens";

export const PASSWORD = "correct-horse-battery";

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(5).toString("hex")}@example.test`;

/** A new user with their own organisation (as after sign-up); returns their admin context. */
export async function newAdmin(db: Db, name = "Ada Admin") {
  const { user, organization } = await signUp(db, { name, email: uniqueEmail("admin"), password: PASSWORD, organizationName: `${name} Org` });
  const ctx = await orgContextFor(db, user.id, organization.slug);
  return { user, organization, ctx };
}

/** Adds a new user to an organisation with a role; returns their context in it. */
export async function newMember(db: Db, organizationId: string, role: Role, name = `${role.toLowerCase()} user`) {
  const user = await db.user.create({ data: { email: uniqueEmail(role.toLowerCase()), name } });
  const membership = await db.membership.create({ data: { organizationId, userId: user.id, role } });
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return { user, membership, ctx: await orgContextFor(db, user.id, org.slug) };
}

/** Headers for an API call with a new token of the project, with that role (and a JSON body). */
export async function tokenHeaders(
  db: Db,
  ctx: Awaited<ReturnType<typeof newAdmin>>["ctx"],
  projectId: string,
  role: "STEWARD" | "ENGINEER" | "VIEWER",
  name: string = role,
) {
  const { secret } = await createApiToken(db, ctx, { projectId, name, role });
  return { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" };
}

export function newProject(db: Db, ctx: Awaited<ReturnType<typeof newAdmin>>["ctx"], overrides: Record<string, unknown> = {}) {
  return createProject(db, ctx, { name: "PHP to Python", fromStack: "PHP", toStack: "Python", ...overrides });
}
