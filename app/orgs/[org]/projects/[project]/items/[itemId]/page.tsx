import Link from "next/link";
import { ChangeTable } from "@/components/history/change-table";
import { DecisionLinks } from "@/components/stewardship/decision-links";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { mayActOnClaim } from "@/lib/auth/resource-rules";
import { AppError } from "@/lib/errors";
import { getItemDetail, relationCandidates } from "@/lib/inventory/items";
import { USES_KIND } from "@/lib/inventory/item-state";
import { itemFormOptions } from "@/lib/inventory/form-options";
import { dependencyPlan, KIND_LABELS, KIND_SEGMENTS, KIND_SINGULAR, READINESS_LABELS, STATUS_LABELS } from "@/lib/inventory/labels";
import { isFinished } from "@/lib/inventory/item-state";
import { QuickActions } from "@/components/inventory/quick-actions";
import { claimCall, releaseCall, setStatusCall } from "../quick-actions";
import { claimAction, declineHandoverAction, handOverClaimAction, releaseClaimAction, requestHandoverAction } from "../../claims/actions";
import { claimableMembers } from "@/lib/claims/queries";
import { getProjectSettings } from "@/lib/projects/project-settings";
import { claimStaleness } from "@/lib/claims/stale";
import { ClaimPanel } from "@/components/claims/claim-panel";
import { ownerLabel } from "@/lib/inventory/owners";
import { formatDateTime } from "@/lib/format";
import { ItemForm } from "@/components/inventory/item-form";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { AddRelationForm, RemoveRelationButton } from "@/components/inventory/relation-forms";
import { BlockedBadge, StatusBadge } from "@/components/inventory/badges";
import { addRelationAction, deleteItemAction, removeRelationAction, updateItemAction } from "../../inventory/actions";
import { listDecisions } from "@/lib/stewardship/decisions";
import * as clock from "@/lib/time/clock";
import { loadRouteTraffic } from "@/lib/cutover/page-data";
import { stateLabel, stateText } from "@/lib/cutover/states";
import { SwitchPanel } from "@/components/cutover/switch-panel";
import { cancelScheduledSwitchAction, killSwitchAction, scheduleSwitchAction, switchAction } from "../../cutover/actions";
import { ScheduleSwitchForm } from "@/components/cutover/schedule-form";
import { PlannedSwitches } from "@/components/cutover/planned-switches";
import { itemPath, projectPath } from "@/lib/projects/paths";
import { getItemEvidencePanel } from "@/lib/inventory/evidence-panel";
import { modulePatternCounts } from "@/lib/repositories/pattern-read";
import { ModulePatterns } from "@/components/patterns/module-patterns";
import { EvidenceSection } from "@/components/evidence/evidence-section";
import { getItemCode } from "@/lib/repositories/queries";
import { ItemCodeSection } from "@/components/repositories/item-code-section";
import { getItemAgentPanel } from "@/lib/agents/item-panel";
import { statusText } from "@/lib/agents/labels";
import { AgentWorkPanel } from "@/components/agents/agent-work-panel";
import { reviewPath } from "@/lib/projects/paths";
import { buildBrief, briefMarkdown } from "@/lib/agents/brief";
import { BriefPanel } from "@/components/agents/brief-panel";

export const metadata = { title: "Item" };
const number = new Intl.NumberFormat("en");

/** History fields whose name alone would puzzle a reader. */
const FIELD_LABELS: Record<string, string> = {
  gateOverride: "Verified gate overridden",
  attention: "Needs attention",
  servedBy: "Served by",
  statusReason: "Status reason",
  agentReview: "Agent's port",
};

function describeValue(field: string, value: string | null, owners: Map<string, string>) {
  if (value === null || value === "") return <em className="text-slate-500">{field === "attention" ? "cleared" : "none"}</em>;
  // Written by the gate and the evidence: shown whole, they say what was missing or what failed.
  if (field === "gateOverride" || field === "attention") return value;
  if (field === "status" || field === "created" || field === "deleted" || field === "restored")
    return STATUS_LABELS[value as keyof typeof STATUS_LABELS] ?? value;
  if (field === "agentReview") return value === "AWAITING" ? "awaiting confirmation" : value === "CONFIRMED" ? "confirmed by a person" : value;
  if (field === "readiness") return READINESS_LABELS[value as keyof typeof READINESS_LABELS] ?? value;
  if (field === "owner" || field.startsWith("claim")) return owners.get(value) ?? "a removed member";
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

export default async function ItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string; itemId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { org, project: slug, itemId } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const detail = await getItemDetail(db, ctx, project.id, itemId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const { item, uses, usedBy, blockers, history } = detail;
  const options = await itemFormOptions(db, ctx);
  const owners = new Map(options.owners.map((o) => [o.value, o.label]));
  const canEdit = can(ctx.role, "inventory:edit");
  const segment = KIND_SEGMENTS[item.kind];
  const base = projectPath(ctx.organizationSlug, project.slug);
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, kind: segment, itemId: item.id };
  const targetKind = USES_KIND[item.kind];
  const suggestions = await relationCandidates(db, ctx, project.id, item.kind);
  const owner = ownerLabel(item);
  const [members, settings, decisions] = await Promise.all([
    claimableMembers(db, ctx),
    getProjectSettings(db, ctx, project.id),
    listDecisions(db, ctx, project.id, { item: item.id, limit: 20 }),
  ]);
  const traffic = item.kind === "ROUTE" ? await loadRouteTraffic(db, ctx, project.id, item.id) : null;
  const evidence = await getItemEvidencePanel(db, ctx, project.id, item.id);
  const modulePatterns = item.kind === "MODULE" ? await modulePatternCounts(db, ctx, project.id, item.id) : [];
  const code = await getItemCode(db, ctx, project.id, item.id);
  const agentPanel = await getItemAgentPanel(db, ctx, project.id, item.id);
  const brief = await buildBrief(db, ctx, project.id, item.id);
  const briefApi = `/api/v1/projects/${encodeURIComponent(project.id)}/items/${encodeURIComponent(item.id)}/brief`;
  const claim = item.activeClaim;
  const staleness = claim ? claimStaleness(claim, item.updatedAt, settings.staleAfterDays, clock.now()) : null;
  const finished = isFinished(item);
  const plan = item.kind === "DEPENDENCY" ? dependencyPlan(item) : null;
  const quickTarget = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, itemId: item.id };
  const releasable = Boolean(claim && mayActOnClaim(ctx, { holderId: claim.holder.id }));
  const handover = claim?.handoverRequestedById
    ? { by: members.find((m) => m.id === claim.handoverRequestedById) ?? null, at: claim.handoverRequestedAt, note: claim.handoverNote }
    : null;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`${base}/inventory/${segment}`}>← {KIND_LABELS[item.kind]}</Link>
      </p>
      {(await searchParams).created ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Added to the inventory.
        </div>
      ) : null}
      <header className="flex flex-wrap items-center gap-3">
        <h2 className="font-mono text-xl font-semibold break-all">{item.key}</h2>
        <StatusBadge status={item.status} agentReview={item.agentReview} />
        {plan ? (
          <span className="text-sm text-slate-700" data-testid="dependency-plan">
            {plan}
          </span>
        ) : null}
        {finished ? null : <BlockedBadge count={item.blockerCount} />}
        <span className="text-sm text-slate-600">
          {KIND_SINGULAR[item.kind]} · {owner ? `owned by ${owner}` : <span className="text-amber-700">unowned</span>}
          {item.kind !== "DEPENDENCY" ? ` · ${number.format(item.trafficPerDay)} requests/day · complexity ${item.complexity}` : ""}
          {claim ? ` · claimed by ${claim.holder.name}` : ""}
        </span>
      </header>
      {item.attention ? (
        <div role="note" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="attention-banner">
          <strong>Needs attention:</strong> {item.attention}. Post passing evidence to clear it, or change the status if it is no longer verified.
        </div>
      ) : null}
      {/* Awaiting a person's confirmation, its status moves only in Review (the server refuses it elsewhere). */}
      {(canEdit && item.agentReview !== "AWAITING") || releasable ? (
        <QuickActions
          target={quickTarget}
          itemKey={item.key}
          status={item.status}
          canEdit={canEdit && item.agentReview !== "AWAITING"}
          releasable={releasable}
          calls={{ setStatus: setStatusCall, release: releaseCall, claim: claimCall, mayOverrideGate: can(ctx.role, "evidence:override-gate") }}
          size="md"
        />
      ) : null}
      {blockers.length > 0 ? (
        <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="note">
          <strong>Blocked by</strong>{" "}
          {blockers.map((b, i) => (
            <span key={b.id}>
              {i > 0 ? ", " : ""}
              <Link href={`${base}/items/${b.id}`} className="font-mono text-red-900">
                {b.key}
              </Link>{" "}
              ({STATUS_LABELS[b.status as keyof typeof STATUS_LABELS].toLowerCase()}
              {b.kind === "DEPENDENCY" && b.readiness ? `; ${READINESS_LABELS[b.readiness as keyof typeof READINESS_LABELS].toLowerCase()}` : ""})
            </span>
          ))}
          .
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section className="card" aria-labelledby="details-heading">
          <h3 id="details-heading" className="mb-4 text-lg font-semibold">
            Details
          </h3>
          {canEdit ? (
            <ItemForm
              action={updateItemAction}
              kind={item.kind}
              hidden={hidden}
              options={options}
              submitLabel="Save changes"
              mayOverrideGate={can(ctx.role, "evidence:override-gate")}
              values={{
                method: item.method ?? "GET",
                path: item.path ?? item.key,
                handler: item.handler ?? "",
                name: item.name,
                trafficPerDay: String(item.trafficPerDay),
                size: item.size?.toString() ?? "",
                testCoverage: item.testCoverage?.toString() ?? "",
                complexity: String(item.complexity),
                owner: item.ownerTeamId ? `team:${item.ownerTeamId}` : item.ownerUserId ? `user:${item.ownerUserId}` : "",
                status: item.status,
                servedBy: item.servedBy,
                statusReason: item.statusReason ?? "",
                notes: item.notes,
                links: item.links.join("\n"),
                currentVersion: item.currentVersion ?? "",
                targetVersion: item.targetVersion ?? "",
                readiness: item.readiness ?? "UNKNOWN",
                replacement: item.replacement ?? "",
              }}
            />
          ) : (
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-slate-600">Status</dt>
              <dd>
                {statusText(item.status, item.agentReview)}
                {item.statusReason ? ` — ${item.statusReason}` : ""}
              </dd>
              <dt className="text-slate-600">Tests</dt>
              <dd>{item.testCoverage === null ? "unknown" : `${item.testCoverage}%`}</dd>
              <dt className="text-slate-600">Notes</dt>
              <dd className="whitespace-pre-wrap">{item.notes || "—"}</dd>
            </dl>
          )}
        </section>

        <div className="space-y-6">
          <ClaimPanel
            ctx={ctx}
            claim={claim}
            staleness={staleness}
            finished={finished}
            hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, itemId: item.id }}
            members={members}
            itemKey={item.key}
            handover={handover}
            actions={{
              claim: claimAction,
              release: releaseClaimAction,
              handOver: handOverClaimAction,
              requestHandover: requestHandoverAction,
              declineHandover: declineHandoverAction,
            }}
          />
          <AgentWorkPanel panel={agentPanel} reviewHref={reviewPath(ctx.organizationSlug, project.slug)} />
          {item.kind === "ROUTE" || code.code ? (
            <ItemCodeSection
              view={code}
              settingsHref={can(ctx.role, "repositories:manage") ? `${base}/settings/repositories` : null}
              current={{ ownerTeamId: item.ownerTeamId, complexity: item.complexity, testCoverage: item.testCoverage }}
            />
          ) : null}
          {traffic ? (
            <section className="card space-y-3" aria-labelledby="traffic-heading">
              <h3 id="traffic-heading" className="text-lg font-semibold">
                Traffic
              </h3>
              <p className="text-sm" data-testid="served-by">
                Served by <strong>{stateText(item)}</strong>.
              </p>
              {can(ctx.role, "cutover:switch") ? (
                traffic.upstreamsSet || item.servedBy !== "LEGACY" ? (
                  <SwitchPanel
                    action={switchAction}
                    hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, itemId: item.id }}
                    current={stateLabel(item)}
                    frozen={traffic.frozen ? { reason: traffic.frozen.reason, end: formatDateTime(traffic.frozen.end) } : null}
                    mayOverride={can(ctx.role, "cutover:override-freeze")}
                    mayOverrideGate={can(ctx.role, "evidence:override-gate")}
                  />
                ) : (
                  <p className="text-sm text-slate-600">
                    Set the project's upstreams before switching (<Link href={`${base}/cutover/settings`}>Cutover settings</Link>).
                  </p>
                )
              ) : null}
              {traffic.scheduled.length ? (
                <PlannedSwitches
                  planned={traffic.scheduled}
                  cancel={can(ctx.role, "cutover:switch") ? cancelScheduledSwitchAction : null}
                  hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
                  label="Planned switches of this route"
                />
              ) : null}
              {can(ctx.role, "cutover:switch") && (traffic.upstreamsSet || item.servedBy !== "LEGACY") ? (
                <ScheduleSwitchForm
                  action={scheduleSwitchAction}
                  hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, itemId: item.id }}
                  timeZone={settings.timeZone}
                />
              ) : null}
              {traffic.switches.length ? (
                <ul className="space-y-1 text-xs text-slate-700" aria-label="Switches of this route">
                  {traffic.switches.map((s) => (
                    <li key={s.id}>
                      {formatDateTime(new Date(s.at))}: {s.from} → {s.to}, {s.actor} — {s.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : null}
          <ModulePatterns rows={modulePatterns} progressHref={`${base}/progress#patterns`} />
          {item.kind === "MODULE" && can(ctx.role, "cutover:switch") ? (
            <section className="card space-y-2" aria-labelledby="module-kill-heading">
              <h3 id="module-kill-heading" className="text-lg font-semibold">
                Kill switch
              </h3>
              <p className="text-sm text-slate-600">Send every route that uses this module back to legacy.</p>
              <ConfirmForm
                action={killSwitchAction}
                hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, scope: "module", moduleId: item.id }}
                label="Send its routes back to legacy…"
                title={`Send the routes using ${item.key} back to legacy?`}
                body="They go back to legacy as soon as the proxies pull the configuration; freeze windows do not stop this."
                confirmLabel="Send back"
                fields={
                  <div>
                    <label htmlFor="module-kill-reason" className="label">
                      Why
                    </label>
                    <input id="module-kill-reason" name="reason" className="input" required minLength={3} maxLength={500} />
                  </div>
                }
              />
            </section>
          ) : null}
          {targetKind ? (
            <section className="card" aria-labelledby="uses-heading">
              <h3 id="uses-heading" className="mb-3 text-lg font-semibold">
                {item.kind === "ROUTE" ? "Uses modules" : "Needs dependencies"}
              </h3>
              {uses.length === 0 ? (
                <p className="text-sm text-slate-600">None recorded.</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {uses.map((u) => (
                    <li key={u.id} className="flex items-center justify-between gap-2">
                      <Link href={`${base}/items/${u.id}`} className="font-mono text-xs">
                        {u.key}
                      </Link>
                      <span className="flex items-center gap-2">
                        <StatusBadge status={u.status} />
                        {canEdit ? (
                          <RemoveRelationButton action={removeRelationAction} hidden={{ ...hidden, targetId: u.id }} label={`Stop using ${u.key}`} />
                        ) : null}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {canEdit ? (
                <div className="mt-4">
                  <AddRelationForm
                    action={addRelationAction}
                    hidden={hidden}
                    label={item.kind === "ROUTE" ? "Add a module it uses" : "Add a dependency it needs"}
                    suggestions={suggestions}
                  />
                </div>
              ) : null}
            </section>
          ) : null}
          {item.kind !== "ROUTE" ? (
            <section className="card" aria-labelledby="usedby-heading">
              <h3 id="usedby-heading" className="mb-3 text-lg font-semibold">
                Used by {usedBy.length === 500 ? "500+" : usedBy.length}
              </h3>
              {usedBy.length === 0 ? (
                <p className="text-sm text-slate-600">Nothing recorded uses it.</p>
              ) : (
                <ul className="max-h-72 space-y-1 overflow-y-auto text-sm">
                  {usedBy.map((u) => (
                    <li key={u.id} className="flex justify-between gap-2">
                      <Link href={`${base}/items/${u.id}`} className="font-mono text-xs">
                        {u.key}
                      </Link>
                      <StatusBadge status={u.status} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          <section className="card" aria-labelledby="decisions-heading">
            <h3 id="decisions-heading" className="mb-3 text-lg font-semibold">
              Decisions
            </h3>
            <DecisionLinks decisions={decisions.data} base={base} empty="No decision names this item." />
            {decisions.nextCursor || can(ctx.role, "stewardship:run") ? (
              <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {decisions.nextCursor ? <Link href={`${base}/stewardship/decisions?item=${item.id}`}>All decisions about it</Link> : null}
                {can(ctx.role, "stewardship:run") ? <Link href={`${base}/stewardship/decisions/new?item=${item.id}`}>Record a decision about it</Link> : null}
              </p>
            ) : null}
          </section>
          {canEdit ? (
            <section className="card" aria-labelledby="delete-heading">
              <h3 id="delete-heading" className="mb-2 text-lg font-semibold">
                Delete
              </h3>
              <p className="mb-3 text-sm text-slate-600">Removes it from the inventory. Its history is kept, and adding it again restores it.</p>
              <ConfirmForm
                action={deleteItemAction}
                hidden={hidden}
                label="Delete…"
                title={`Delete ${item.key}?`}
                body="It leaves the inventory and stops blocking anything."
                confirmLabel="Delete"
              />
            </section>
          ) : null}
        </div>
      </div>

      <EvidenceSection panel={evidence} projectId={project.id} />
      <BriefPanel
        brief={brief}
        markdown={briefMarkdown(brief)}
        jsonHref={`${briefApi}?format=json`}
        markdownHref={`${briefApi}?format=markdown`}
        itemHref={(id) => itemPath(ctx.organizationSlug, project.slug, id)}
      />

      <section className="card overflow-x-auto" aria-labelledby="history-heading">
        <h3 id="history-heading" className="mb-3 text-lg font-semibold">
          History
        </h3>
        <ChangeTable
          testId="history-row"
          empty="No changes recorded."
          rows={history.map((h) => ({
            id: h.id,
            when: formatDateTime(h.at),
            who: h.actorName,
            field: FIELD_LABELS[h.field] ?? h.field,
            from: describeValue(h.field, h.fromValue, owners),
            to: describeValue(h.field, h.toValue, owners),
          }))}
        />
      </section>
    </div>
  );
}
