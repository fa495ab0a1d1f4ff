import type { Db } from "@/lib/db/client";
import type { Action } from "@/lib/auth/permissions";
import { assertCan } from "@/lib/auth/permissions";
import type { OrgContext } from "@/lib/tenancy";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { orgPath, projectPath } from "@/lib/projects/paths";

export type SetupStepId = "import" | "team" | "invite" | "owners" | "claim";
/** A step, the page it links to, and the permission that page needs (a step a role cannot take is shown without its link). */
export type SetupStep = { id: SetupStepId; title: string; detail: string; href: string; done: boolean; action: Action };

/**
 * A new project's setup, read from its data (nothing is stored): items imported, a team created,
 * someone invited, owners assigned, a first claim. `null` once every step is done, so the checklist
 * disappears by itself. Each step's count is an `EXISTS`-style query scoped by the organisation.
 */
export async function setupChecklist(db: Db, ctx: OrgContext, projectId: string): Promise<SetupStep[] | null> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  const org = { organizationId: project.organizationId };
  const inProject = { ...org, projectId: project.id };
  const [item, team, members, invitation, owned, claim] = await Promise.all([
    db.item.findFirst({ where: { ...inProject, deletedAt: null }, select: { id: true } }),
    db.team.findFirst({ where: org, select: { id: true } }),
    db.membership.count({ where: org, take: 2 }),
    db.invitation.findFirst({ where: { ...org, revokedAt: null }, select: { id: true } }),
    db.item.findFirst({ where: { ...inProject, deletedAt: null, OR: [{ ownerTeamId: { not: null } }, { ownerUserId: { not: null } }] }, select: { id: true } }),
    db.claim.findFirst({ where: inProject, select: { id: true } }),
  ]);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const orgBase = orgPath(ctx.organizationSlug);
  const steps: SetupStep[] = [
    {
      id: "import",
      title: "Import the inventory",
      detail: "Routes from source code, dependency manifests, a CSV or JSON list, traffic from an access log.",
      href: `${base}/import`,
      done: Boolean(item),
      action: "inventory:import",
    },
    {
      id: "team",
      title: "Create a team",
      detail: "Teams own routes and modules and see their own progress.",
      href: `${orgBase}/teams`,
      done: Boolean(team),
      action: "teams:manage",
    },
    {
      id: "invite",
      title: "Invite a colleague",
      detail: "Engineers claim work; stewards run the meetings; viewers follow along.",
      href: `${orgBase}/members`,
      done: members > 1 || Boolean(invitation),
      action: "members:manage",
    },
    {
      id: "owners",
      title: "Assign owners",
      detail: "Give routes and modules to a team or a person (select rows in the inventory, then set the owner).",
      href: `${base}/inventory/routes`,
      done: Boolean(owned),
      action: "inventory:edit",
    },
    {
      id: "claim",
      title: "Claim a first target",
      detail: "Pick a low-traffic, simple route from Next targets to prove the whole path.",
      href: `${base}/next`,
      done: Boolean(claim),
      action: "claims:claim",
    },
  ];
  return steps.every((s) => s.done) ? null : steps;
}
