import { EmptyState } from "@/components/onboarding/empty-state";
import { requireOrgPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/teams/teams";
import { listMembers } from "@/lib/members/members";
import { SingleFieldForm } from "@/components/forms/single-field-form";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { AddTeamMemberForm } from "@/components/teams/add-member-form";
import { addTeamMemberAction, createTeamAction, deleteTeamAction, removeTeamMemberAction } from "./actions";

export const metadata = { title: "Teams" };

export default async function TeamsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { db, ctx } = await requireOrgPage(org);
  const [teams, members] = await Promise.all([listTeams(db, ctx), listMembers(db, ctx)]);
  const manage = can(ctx.role, "teams:manage");
  const slug = ctx.organizationSlug;
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Teams</h1>
        <p className="mt-1 text-sm text-slate-600">Items are owned by a team or a person. A team&apos;s view includes the items of its people.</p>
      </div>
      {manage ? (
        <section id="new-team-form" className="card max-w-xl scroll-mt-20" aria-labelledby="new-team">
          <h2 id="new-team" className="mb-3 text-lg font-semibold">
            New team
          </h2>
          <SingleFieldForm action={createTeamAction} hidden={{ org: slug }} label="Team name" name="name" submitLabel="Create team" />
        </section>
      ) : null}
      {teams.length === 0 ? (
        <EmptyState title="No teams yet." actions={manage ? [{ href: "#new-team-form", label: "Create team", primary: true }] : []}>
          Teams own routes and modules, and each sees its own progress.
          {manage ? " Create one above, or import an inventory whose owner column names teams." : " Managers and admins create them."}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {teams.map((team) => {
            const inTeam = new Set(team.members.map((m) => m.user.id));
            return (
              <li key={team.id} className="card space-y-3" data-testid="team-card">
                <div className="flex items-start justify-between gap-2">
                  <div>
                    <h2 className="text-lg font-semibold">{team.name}</h2>
                    <p className="text-xs text-slate-500">{team._count.ownedItems} items owned</p>
                  </div>
                  {manage ? (
                    <ConfirmForm
                      action={deleteTeamAction}
                      hidden={{ org: slug, teamId: team.id }}
                      label="Delete"
                      title={`Delete ${team.name}?`}
                      body={`Its ${team._count.ownedItems} items become unowned (recorded in their history).`}
                      confirmLabel="Delete team"
                    />
                  ) : null}
                </div>
                {team.members.length === 0 ? (
                  <p className="text-sm text-slate-600">No people yet.</p>
                ) : (
                  <ul className="space-y-1 text-sm">
                    {team.members.map(({ user }) => (
                      <li key={user.id} className="flex items-center justify-between">
                        <span>{user.name}</span>
                        {manage ? (
                          <ConfirmForm
                            action={removeTeamMemberAction}
                            hidden={{ org: slug, teamId: team.id, userId: user.id }}
                            label="Remove"
                            title={`Remove ${user.name} from ${team.name}?`}
                            body="They stay in the organisation."
                            confirmLabel="Remove"
                          />
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
                {manage ? (
                  <AddTeamMemberForm
                    action={addTeamMemberAction}
                    org={slug}
                    teamId={team.id}
                    teamName={team.name}
                    people={members.filter((m) => !inTeam.has(m.user.id)).map((m) => ({ id: m.user.id, name: m.user.name }))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
