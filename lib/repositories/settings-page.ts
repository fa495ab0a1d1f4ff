/** What the code settings page needs besides the settings: the organisation's teams to map CODEOWNERS owners to. */
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";

export async function codeSettingsTeams(db: Db, ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  assertCan(ctx.role, "org:view");
  return db.team.findMany({ where: { organizationId: ctx.organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
