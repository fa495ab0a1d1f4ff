import { requireProjectPage } from "@/lib/pages/org-page";
import { can, ROLE_LABELS, TOKEN_ROLES } from "@/lib/auth/permissions";
import { agentOwnerChoices, listApiTokens } from "@/lib/api-tokens/tokens";
import { appUrl } from "@/lib/app-url";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { formatDateTime } from "@/lib/format";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

export default async function TokensPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const manager = can(ctx.role, "tokens:view");
  if (!manager && !can(ctx.role, "claims:claim"))
    return (
      <p className="card">Only managers and admins can see this project&apos;s API tokens; members who claim items see their coding agents&apos; tokens.</p>
    );
  const [tokens, owners, origin] = await Promise.all([listApiTokens(db, ctx, project.id), agentOwnerChoices(db, ctx), appUrl()]);
  const ownerNames = new Map(owners.map((o) => [o.id, o.name]));
  return (
    <div className="grid gap-6">
      <section className="card" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          {manager ? "New API token" : "New coding agent token"}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">
          {manager ? (
            <>
              For CI and scripts. A token reaches this project only, with the rights of the role it acts as. The API is described at{" "}
              <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. A coding agent&apos;s token works over MCP (<code>/api/mcp</code>) for its owner.
            </>
          ) : (
            <>
              For a coding agent working for you over MCP (<code>/api/mcp</code>): it claims, works on and submits items of this project as yours, never above
              an engineer; you confirm its work in Review.
            </>
          )}
        </p>
        <CreateTokenForm
          action={createTokenAction}
          org={ctx.organizationSlug}
          projectId={project.id}
          roles={TOKEN_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          owners={owners}
          me={ctx.userId}
          agentOnly={!can(ctx.role, "tokens:manage")}
          appOrigin={origin}
        />
      </section>
      <section className="card cards-on-phone overflow-x-auto" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 text-lg font-semibold">
          Tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600">No tokens yet.</p>
        ) : (
          <table className="table-cards w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2 pr-4 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Token
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Acts as
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Created
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Last used
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b border-slate-100 last:border-0" data-testid="token-row">
                  <td className="py-2 pr-4 font-medium">{token.name}</td>
                  <td className="py-2 pr-4 font-mono text-xs" data-label="Token">
                    {token.prefix}…
                  </td>
                  <td className="py-2 pr-4" data-label="Acts as">
                    {token.scope === "ROUTING"
                      ? "Proxy: routing only"
                      : token.scope === "EVIDENCE"
                        ? "CI: evidence only"
                        : token.scope === "AGENT"
                          ? `Coding agent of ${token.createdById ? (ownerNames.get(token.createdById) ?? "a former member") : "no one"}`
                          : ROLE_LABELS[token.role]}
                  </td>
                  <td className="py-2 pr-4" data-label="Created">
                    {formatDateTime(token.createdAt)}
                  </td>
                  <td className="py-2 pr-4" data-label="Last used">
                    {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}
                  </td>
                  <td className="py-2 text-right">
                    {token.revokedAt ? (
                      <span className="text-slate-500">Revoked {formatDateTime(token.revokedAt)}</span>
                    ) : can(ctx.role, "tokens:manage") || (token.scope === "AGENT" && token.createdById === ctx.userId) ? (
                      <ConfirmForm
                        action={revokeTokenAction}
                        hidden={{ org: ctx.organizationSlug, projectId: project.id, tokenId: token.id }}
                        label="Revoke"
                        title={`Revoke "${token.name}"?`}
                        body="Anything using this token will get 401 from now on. This cannot be undone."
                        confirmLabel="Revoke token"
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
