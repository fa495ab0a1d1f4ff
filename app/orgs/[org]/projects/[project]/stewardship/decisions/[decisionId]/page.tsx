import Link from "next/link";
import { ChangeTable } from "@/components/history/change-table";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getDecision } from "@/lib/stewardship/decisions";
import { canEditDecision } from "@/lib/stewardship/supersede";
import { listMembers } from "@/lib/members/members";
import { formatDateTime } from "@/lib/format";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { MarkdownNote } from "@/components/stewardship/markdown-note";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { DECISION_STATUS_LABELS, DecisionStatusBadge } from "@/components/stewardship/stewardship-badges";
import { EditDecisionForm } from "@/components/stewardship/decision-forms";
import { setDecisionStatusAction, updateDecisionAction } from "./actions";
import { decisionDateLabel, formatDay } from "@/lib/format";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Decision" };

const FIELD_LABELS: Record<string, string> = { title: "Title", context: "Context", decision: "Decision", consequences: "Consequences", status: "Status" };

function describeValue(field: string, value: string | null) {
  if (value === null || value === "") return <em className="text-slate-500">empty</em>;
  if (field === "status") {
    const [status, ...rest] = value.split(" ");
    const label = DECISION_STATUS_LABELS[status as keyof typeof DECISION_STATUS_LABELS];
    return label ? `${label}${rest.length ? ` ${rest.join(" ")}` : ""}` : value;
  }
  return value.length > 160 ? <span title={value}>{value.slice(0, 160)}…</span> : value;
}

export default async function DecisionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string; decisionId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { org, project: slug, decisionId } = await params;
  const { created } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const decision = await getDecision(db, ctx, project.id, decisionId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const members = await listMembers(db, ctx);
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const who = (id: string | null) => (id === null ? "an API token" : (names.get(id) ?? "a former member"));
  const base = projectPath(ctx.organizationSlug, project.slug);
  const root = `${base}/stewardship/decisions`;
  const steward = can(ctx.role, "stewardship:run");
  const proposed = decision.status === "PROPOSED";
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, decisionId: decision.id };
  const sections = [
    { id: "context", label: "Context", text: decision.context },
    { id: "decision", label: "Decision", text: decision.decision },
    { id: "consequences", label: "Consequences", text: decision.consequences },
  ];

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div>
        <p className="text-sm">
          <Link href={root}>← Decisions</Link>
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 className="text-xl font-semibold break-words">
            <span className="font-mono text-slate-500">D-{decision.number}</span> {decision.title}
          </h2>
          <DecisionStatusBadge status={decision.status} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {decision.status === "PROPOSED" ? "Not decided yet" : decisionDateLabel(decision)}
          {" · "}recorded by {who(decision.createdById)} on {formatDay(decision.createdAt)}
          {decision.meeting ? (
            <>
              {" · "}at the <Link href={`${base}/stewardship/meetings/${decision.meeting.id}`}>meeting of {formatDay(decision.meeting.date)}</Link>
            </>
          ) : null}
        </p>
      </div>
      {created ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Decision recorded as D-{decision.number}.{decision.supersedes ? ` D-${decision.supersedes.number} is now superseded by it.` : ""}
        </div>
      ) : null}
      {decision.supersededBy ? (
        <div role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Superseded by{" "}
          <Link href={`${root}/${decision.supersededBy.id}`} className="font-medium text-amber-950">
            D-{decision.supersededBy.number} {decision.supersededBy.title}
          </Link>
          : read that one for what holds now.
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0 space-y-6">
          <article className="card space-y-5" aria-label={`D-${decision.number}`}>
            {sections.map((s) => (
              <section key={s.id} aria-labelledby={`${s.id}-heading`}>
                <h3 id={`${s.id}-heading`} className="mb-1 text-sm font-semibold tracking-wide text-slate-500 uppercase">
                  {s.label}
                </h3>
                {s.text.trim() ? <MarkdownNote source={s.text} /> : <p className="text-sm text-slate-500">—</p>}
              </section>
            ))}
          </article>

          {steward && canEditDecision(decision.status) ? (
            <section className="card" aria-labelledby="edit-heading">
              <details>
                <summary className="cursor-pointer">
                  <h3 id="edit-heading" className="inline text-lg font-semibold">
                    Edit the proposal
                  </h3>
                </summary>
                <p className="mt-2 mb-4 text-sm text-slate-600">While it is proposed, its text can change; every change is kept in the history below.</p>
                <EditDecisionForm
                  action={updateDecisionAction}
                  hidden={hidden}
                  values={{ title: decision.title, context: decision.context, decision: decision.decision, consequences: decision.consequences }}
                />
              </details>
            </section>
          ) : null}

          <section className="card overflow-x-auto" aria-labelledby="history-heading">
            <h3 id="history-heading" className="mb-3 text-lg font-semibold">
              History
            </h3>
            <ChangeTable
              testId="revision-row"
              empty="Unchanged since it was recorded."
              rows={decision.revisions.map((r) => ({
                id: r.id,
                when: formatDateTime(r.at),
                who: who(r.actorId),
                field: FIELD_LABELS[r.field] ?? r.field,
                from: describeValue(r.field, r.fromValue),
                to: describeValue(r.field, r.toValue),
              }))}
            />
          </section>
        </div>

        <div className="space-y-6">
          {steward && (proposed || (decision.status === "ACCEPTED" && !decision.supersededBy)) ? (
            <section className="card" aria-labelledby="status-heading">
              <h3 id="status-heading" className="mb-2 text-lg font-semibold">
                {proposed ? "Decide" : "Supersede"}
              </h3>
              {proposed ? (
                <>
                  <p className="mb-3 text-sm text-slate-600">
                    Accepting dates it today unless it has a date. Neither can be undone: a later change is a new decision.
                  </p>
                  <div className="flex flex-wrap gap-2">
                    <ConfirmForm
                      action={setDecisionStatusAction}
                      hidden={{ ...hidden, status: "ACCEPTED" }}
                      label="Accept"
                      title={`Accept D-${decision.number}?`}
                      body="It becomes an accepted decision: its text is then fixed, and a change means recording a new decision that supersedes it."
                      confirmLabel="Accept"
                      danger={false}
                    />
                    <ConfirmForm
                      action={setDecisionStatusAction}
                      hidden={{ ...hidden, status: "REJECTED" }}
                      label="Reject"
                      title={`Reject D-${decision.number}?`}
                      body="It stays in the log as rejected. To bring it back, propose it again as a new decision."
                      confirmLabel="Reject"
                    />
                  </div>
                </>
              ) : (
                <>
                  <p className="mb-3 text-sm text-slate-600">
                    An accepted decision is not rewritten. Record a new decision that replaces it; this one then links to it.
                  </p>
                  <Link href={`${root}/new?supersedes=${decision.id}`} className="btn-secondary">
                    Supersede with a new decision
                  </Link>
                </>
              )}
            </section>
          ) : null}

          {decision.supersedes ? (
            <section className="card text-sm" aria-labelledby="supersedes-heading">
              <h3 id="supersedes-heading" className="mb-1 text-lg font-semibold">
                Supersedes
              </h3>
              <Link href={`${root}/${decision.supersedes.id}`}>
                D-{decision.supersedes.number} {decision.supersedes.title}
              </Link>
            </section>
          ) : null}

          <section className="card" aria-labelledby="people-heading">
            <h3 id="people-heading" className="mb-2 text-lg font-semibold">
              People involved
            </h3>
            {decision.people.length === 0 ? (
              <p className="text-sm text-slate-600">Nobody named.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {decision.people.map((p) => (
                  <li key={p.user.id}>{p.user.name}</li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="items-heading">
            <h3 id="items-heading" className="mb-2 text-lg font-semibold">
              Linked items
            </h3>
            {decision.items.length === 0 ? (
              <p className="text-sm text-slate-600">No item is linked.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {decision.items.map(({ item }) => (
                  <li key={item.id} className="flex items-baseline justify-between gap-2">
                    {item.deletedAt ? (
                      <span className="font-mono text-xs break-all text-slate-500 line-through" title="Deleted from the inventory">
                        {item.key}
                      </span>
                    ) : (
                      <Link href={`${base}/items/${item.id}`} className="font-mono text-xs break-all">
                        {item.key}
                      </Link>
                    )}
                    <span className="text-xs text-slate-500">{KIND_SINGULAR[item.kind]}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
