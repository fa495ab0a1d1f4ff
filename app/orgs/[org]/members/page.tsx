import { requireOrgPage } from "@/lib/pages/org-page";
import { can, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members/members";
import { listPendingInvitations } from "@/lib/members/invitations";
import { openTokensByMaker } from "@/lib/api-tokens/tokens";
import { formatDate } from "@/lib/format";
import { InviteForm } from "@/components/members/invite-form";
import { RoleSelectForm } from "@/components/members/role-select-form";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { changeRoleAction, inviteAction, removeMemberAction, revokeInvitationAction } from "./actions";

export const metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { db, ctx, user } = await requireOrgPage(org);
  const manage = can(ctx.role, "members:manage");
  const [members, invitations, tokensByMaker] = await Promise.all([
    listMembers(db, ctx),
    manage ? listPendingInvitations(db, ctx) : Promise.resolve([]),
    manage ? openTokensByMaker(db, ctx) : Promise.resolve(new Map<string, { name: string; project: string }[]>()),
  ]);
  const roles = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] }));
  const orgSlug = ctx.organizationSlug;

  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">Members</h1>
      {manage ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite someone
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            Create a link and send it: whoever opens it signs in (or signs up) and joins with the role you choose.
          </p>
          <InviteForm action={inviteAction} org={orgSlug} roles={roles} />
        </section>
      ) : null}
      <section className="card cards-on-phone overflow-x-auto" aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          {members.length} {members.length === 1 ? "member" : "members"}
        </h2>
        {members.length === 1 && invitations.length === 0 ? (
          <p className="mb-3 text-sm text-slate-600" data-testid="members-empty">
            Only you so far.
            {manage ? (
              <>
                {" "}
                <a href="#invite-heading">Invite a colleague</a>: engineers claim work, stewards run the meetings, viewers follow along.
              </>
            ) : (
              " An admin invites the others."
            )}
          </p>
        ) : null}
        <table className="table-cards w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 pr-4 font-medium">
                Name
              </th>
              {manage ? (
                <th scope="col" className="py-2 pr-4 font-medium">
                  E-mail
                </th>
              ) : null}
              <th scope="col" className="py-2 pr-4 font-medium">
                Role
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const self = m.user.id === user.id;
              const tokens = tokensByMaker.get(m.user.id) ?? [];
              const revokes = tokens.length
                ? ` Their ${tokens.length === 1 ? "API token" : `${tokens.length} API tokens`} will be revoked: ${tokens.map((t) => `"${t.name}" (${t.project})`).join(", ")}.`
                : "";
              return (
                <tr key={m.id} className="border-b border-slate-100 last:border-0" data-testid="member-row">
                  <td className="py-2 pr-4 font-medium">
                    {m.user.name}
                    {self ? <span className="ml-1 text-slate-500">(you)</span> : null}
                  </td>
                  {manage ? (
                    <td className="py-2 pr-4 break-all" data-label="E-mail">
                      {m.user.email}
                    </td>
                  ) : null}
                  <td className="py-2 pr-4" data-label="Role">
                    {manage ? (
                      <RoleSelectForm action={changeRoleAction} org={orgSlug} membershipId={m.id} role={m.role} name={m.user.name} roles={roles} />
                    ) : (
                      ROLE_LABELS[m.role]
                    )}
                  </td>
                  <td className="py-2 text-right">
                    {manage || self ? (
                      <ConfirmForm
                        action={removeMemberAction}
                        hidden={{ org: orgSlug, membershipId: m.id }}
                        label={self ? "Leave" : "Remove"}
                        title={self ? "Leave this organisation?" : `Remove ${m.user.name}?`}
                        body={
                          self
                            ? `You will lose access to its projects until someone invites you again.${revokes.replace("Their", "Your")}`
                            : `They will lose access to this organisation's projects at once, and be signed out.${revokes}`
                        }
                        confirmLabel={self ? "Leave" : "Remove member"}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {manage && invitations.length > 0 ? (
        <section className="card overflow-x-auto" aria-labelledby="invites-heading">
          <h2 id="invites-heading" className="mb-3 text-lg font-semibold">
            Pending invitations
          </h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {ROLE_LABELS[i.role]} {i.email ? `for ${i.email}` : "(anyone with the link)"} · expires {formatDate(i.expiresAt)}
                </span>
                <ConfirmForm
                  action={revokeInvitationAction}
                  hidden={{ org: orgSlug, invitationId: i.id }}
                  label="Revoke"
                  title="Revoke this invitation?"
                  body="The link will stop working."
                  confirmLabel="Revoke"
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
