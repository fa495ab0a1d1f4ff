import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getDecision } from "@/lib/stewardship/decisions";
import { getMeeting } from "@/lib/stewardship/meetings";
import { listMembers } from "@/lib/members/members";
import { MarkdownNote } from "@/components/stewardship/markdown-note";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { DecisionStatusBadge } from "@/components/stewardship/stewardship-badges";
import { NewDecisionForm } from "@/components/stewardship/decision-forms";
import { createDecisionAction } from "./actions";
import { formatDay } from "@/lib/format";
import { itemKeys } from "@/lib/inventory/item-keys";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Record a decision" };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const validId = (v: unknown) => (typeof v === "string" && ID.test(v) ? v : undefined);
/** Not found (another project's id, a typo) is shown as a note; anything else is a real error. */
const orNull = <T,>(promise: Promise<T>) =>
  promise.catch((error) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });

export default async function NewDecisionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ meetingId?: string; supersedes?: string; item?: string }>;
}) {
  const { org, project: slug } = await params;
  const raw = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const root = `${base}/stewardship/decisions`;
  if (!can(ctx.role, "stewardship:run")) {
    return (
      <div className="space-y-6">
        <StewardshipNav base={base} />
        <p className="card">
          Stewards, managers and admins record decisions. <Link href={root}>Read the decision log</Link>.
        </p>
      </div>
    );
  }
  const meetingId = validId(raw.meetingId);
  const supersedesId = validId(raw.supersedes);
  const itemId = validId(raw.item);
  const [meeting, old, members] = await Promise.all([
    meetingId ? orNull(getMeeting(db, ctx, project.id, meetingId)) : null,
    supersedesId ? orNull(getDecision(db, ctx, project.id, supersedesId)) : null,
    listMembers(db, ctx),
  ]);
  const replaceable = old !== null && old.status === "ACCEPTED" && !old.supersededById;
  // The linked item: the one in the URL, or the superseded decision's first; offered even when it is not open.
  const defaultItem = itemId ?? (replaceable ? old.items.find((i) => !i.item.deletedAt)?.item.id : undefined) ?? "";
  const found = defaultItem ? (await itemKeys(db, ctx, project.id, [defaultItem])).get(defaultItem) : undefined;
  const initialItem = found && !found.deleted ? { id: defaultItem, key: found.key } : null;
  const defaultPeople = meeting ? meeting.attendees.map((a) => a.user.id) : replaceable ? old.people.map((p) => p.user.id) : ctx.userId ? [ctx.userId] : [];
  const hidden: Record<string, string> = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  if (meeting) hidden.meetingId = meeting.id;
  if (replaceable) hidden.supersedesId = old.id;

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div>
        <p className="text-sm">
          <Link href={meeting ? `${base}/stewardship/meetings/${meeting.id}` : root}>← {meeting ? meeting.title : "Decisions"}</Link>
        </p>
        <h2 className="mt-1 text-xl font-semibold">{replaceable ? `Supersede D-${old.number}` : "Record a decision"}</h2>
      </div>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section className="card" aria-label="The decision">
          <NewDecisionForm
            action={createDecisionAction}
            hidden={hidden}
            members={members.map((m) => m.user)}
            defaults={{ status: replaceable ? "ACCEPTED" : "PROPOSED", decidedOn: "", item: initialItem, peopleIds: defaultPeople }}
            submitLabel={replaceable ? `Record it, superseding D-${old.number}` : "Record the decision"}
          />
        </section>
        <aside className="space-y-4">
          {meetingId ? (
            meeting ? (
              <div className="card text-sm">
                <p className="font-medium">Taken at a meeting</p>
                <p className="mt-1 text-slate-600">
                  It is recorded as a decision of <Link href={`${base}/stewardship/meetings/${meeting.id}`}>{meeting.title}</Link> ({formatDay(meeting.date)});
                  its attendees are ticked as the people involved.
                </p>
              </div>
            ) : (
              <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                The meeting in the link is not one of this project&apos;s; the decision will not be tied to a meeting.
              </p>
            )
          ) : null}
          {supersedesId ? (
            replaceable ? (
              <div className="card text-sm" aria-labelledby="supersedes-heading">
                <div className="flex items-start justify-between gap-2">
                  <p id="supersedes-heading" className="font-medium">
                    Replaces{" "}
                    <Link href={`${root}/${old.id}`}>
                      D-{old.number} {old.title}
                    </Link>
                  </p>
                  <DecisionStatusBadge status={old.status} />
                </div>
                <p className="mt-1 text-slate-600">
                  As soon as this is recorded — even as a proposal — D-{old.number} becomes superseded and links here. Its decision was:
                </p>
                <div className="mt-2 max-h-64 overflow-y-auto rounded-md bg-slate-50 p-3">
                  <MarkdownNote source={old.decision} />
                </div>
              </div>
            ) : (
              <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {old === null
                  ? "The decision to supersede is not one of this project's. This records a new decision that replaces nothing."
                  : old.supersededById
                    ? `D-${old.number} is already superseded. This records a new decision that replaces nothing.`
                    : `D-${old.number} is ${old.status.toLowerCase()}: only an accepted decision is superseded. This records a new decision that replaces nothing.`}
              </p>
            )
          ) : null}
          <div className="card text-sm text-slate-600">
            <p className="font-medium text-slate-800">Proposed or accepted?</p>
            <p className="mt-1">
              A proposed decision can still be edited, and goes on the next meeting&apos;s agenda. An accepted one is not rewritten: to change it, record a new
              decision that supersedes it.
            </p>
          </div>
        </aside>
      </div>
    </div>
  );
}
