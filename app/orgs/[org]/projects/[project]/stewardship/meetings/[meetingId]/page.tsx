import Link from "next/link";
import { DecisionLinks } from "@/components/stewardship/decision-links";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { mayCloseActionItem } from "@/lib/auth/resource-rules";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getMeeting } from "@/lib/stewardship/meetings";
import { listMembers } from "@/lib/members/members";
import { claimableMembers } from "@/lib/claims/queries";
import { dayKey } from "@/lib/time/days";
import { MarkdownNote } from "@/components/stewardship/markdown-note";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { AgendaKindBadge } from "@/components/stewardship/stewardship-badges";
import { ConfirmButton, InlineActionButton } from "@/components/stewardship/form-parts";
import { ActionItemDoneButton, ActionItemForm, AgendaEntryForm, AttendeesForm, NotesForm } from "@/components/stewardship/meeting-forms";
import { setActionItemDoneAction } from "../../actions";
import {
  addAgendaEntryAction,
  createActionItemAction,
  removeAgendaEntryAction,
  reorderAgendaAction,
  updateAttendeesAction,
  updateNotesAction,
} from "./actions";
import { formatDay, formatTimeIn } from "@/lib/format";
import { itemKeys } from "@/lib/inventory/item-keys";
import { dateColumnDay } from "@/lib/time/days";
import { getProjectSettings } from "@/lib/projects/project-settings";
import * as clock from "@/lib/time/clock";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Meeting" };

type ActionRow = {
  id: string;
  text: string;
  ownerId: string | null;
  owner: { id: string; name: string } | null;
  dueDate: Date | null;
  doneAt: Date | null;
  itemIds: string[];
  meeting?: { id: string; date: Date };
};

export default async function MeetingPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string; meetingId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { org, project: slug, meetingId } = await params;
  const { created } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const meeting = await getMeeting(db, ctx, project.id, meetingId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const base = projectPath(ctx.organizationSlug, project.slug);
  const steward = can(ctx.role, "stewardship:run");
  const [settings, members, owners, keys] = await Promise.all([
    getProjectSettings(db, ctx, project.id),
    listMembers(db, ctx),
    steward ? claimableMembers(db, ctx) : Promise.resolve([]),
    itemKeys(
      db,
      ctx,
      project.id,
      [...meeting.agenda, ...meeting.actionItems, ...meeting.carriedOver].flatMap((x) => x.itemIds),
    ),
  ]);
  const today = dayKey(clock.now(), settings.timeZone);
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const meetingHidden = { ...hidden, meetingId: meeting.id };
  const order = meeting.agenda.map((e) => e.id);
  const moved = (from: number, to: number) => {
    const next = [...order];
    [next[from], next[to]] = [next[to], next[from]];
    return next.join(",");
  };
  const actionsOnPage = new Set([...meeting.actionItems, ...meeting.carriedOver].map((a) => a.id));
  // Attendees who have left the organisation still show (by name), after the members.
  const people = [...members.map((m) => m.user), ...meeting.attendees.map((a) => a.user).filter((u) => !members.some((m) => m.user.id === u.id))];
  const attendeeIds = meeting.attendees.map((a) => a.user.id);
  const itemLinks = (ids: string[]) =>
    ids.map((id) => {
      const item = keys.get(id);
      return item ? (
        <Link
          key={id}
          href={`${base}/items/${id}`}
          className={`font-mono text-xs ${item.deleted ? "line-through" : ""}`}
          title={item.deleted ? "Deleted from the inventory" : undefined}
        >
          {item.key}
        </Link>
      ) : null;
    });
  const mayClose = (a: ActionRow) => mayCloseActionItem(ctx, a);

  const actionRow = (a: ActionRow, showMeeting: boolean) => {
    const due = a.dueDate ? dateColumnDay(a.dueDate) : null;
    const overdue = !a.doneAt && due !== null && due < today;
    return (
      <li
        key={a.id}
        id={`action-${a.id}`}
        className="flex flex-wrap items-start justify-between gap-3 px-3 py-2.5 target:bg-amber-50"
        data-testid="action-item"
      >
        <div className="min-w-0 flex-1">
          <p className={`text-sm break-words ${a.doneAt ? "text-slate-500 line-through" : ""}`}>{a.text}</p>
          <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
            <span>{a.owner ? a.owner.name : <span className="text-amber-800">No owner</span>}</span>
            {due ? (
              <span className={overdue ? "font-medium text-red-700" : undefined}>
                {overdue ? "Overdue · was due " : "Due "}
                {formatDay(a.dueDate!)}
              </span>
            ) : null}
            {a.doneAt ? <span>Done {formatDay(a.doneAt)}</span> : null}
            {showMeeting && a.meeting ? <Link href={`${base}/stewardship/meetings/${a.meeting.id}`}>from {formatDay(a.meeting.date)}</Link> : null}
            {itemLinks(a.itemIds)}
          </p>
        </div>
        {mayClose(a) ? (
          <ActionItemDoneButton action={setActionItemDoneAction} hidden={{ ...hidden, actionItemId: a.id }} done={a.doneAt !== null} text={a.text} />
        ) : null}
      </li>
    );
  };

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div>
        <p className="text-sm">
          <Link href={`${base}/stewardship/meetings`}>← Meetings</Link>
        </p>
        <div className="mt-1 flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h2 className="text-xl font-semibold">{meeting.title}</h2>
          <span className="text-sm text-slate-600">
            {formatDay(meeting.date)}, {formatTimeIn(meeting.startsAt, settings.timeZone)} {settings.timeZone}
          </span>
        </div>
      </div>
      {created ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Meeting planned. Its agenda was proposed from the project&apos;s state: reorder, remove or add entries below.
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="min-w-0 space-y-6">
          <section className="card" aria-labelledby="agenda-heading">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id="agenda-heading" className="text-lg font-semibold">
                Agenda
              </h3>
              <span className="text-sm text-slate-600">
                {meeting.agenda.length} {meeting.agenda.length === 1 ? "entry" : "entries"}
              </span>
            </div>
            {meeting.agenda.length === 0 ? (
              <div className="mt-3 rounded-md border border-dashed border-slate-300 p-4 text-center">
                <p className="font-medium">The agenda is empty.</p>
                <p className="mt-1 text-sm text-slate-600">
                  Nothing was overdue, stale, proposed, asked or blocked{steward ? " — add what the group should talk about below." : "."}
                </p>
              </div>
            ) : (
              <ol className="mt-2 divide-y divide-slate-100">
                {meeting.agenda.map((entry, i) => (
                  <li key={entry.id} id={`entry-${entry.id}`} className="flex gap-3 py-3" data-testid="agenda-entry">
                    <span className="w-6 shrink-0 pt-0.5 text-right text-sm tabular-nums text-slate-500" aria-hidden="true">
                      {i + 1}.
                    </span>
                    <div className="min-w-0 flex-1">
                      <p className="font-medium break-words">
                        <span className="mr-2 align-[1px]">
                          <AgendaKindBadge kind={entry.kind} />
                        </span>
                        <span data-testid="agenda-title">{entry.title}</span>
                      </p>
                      {entry.detail ? <p className="mt-1 text-sm whitespace-pre-line break-words text-slate-600">{entry.detail}</p> : null}
                      {entry.itemIds.length > 0 || entry.refId ? (
                        <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                          {itemLinks(entry.itemIds)}
                          {entry.kind === "DECISION" && entry.refId ? (
                            <Link href={`${base}/stewardship/decisions/${entry.refId}`}>Open the decision</Link>
                          ) : null}
                          {entry.kind === "QUESTION" ? <Link href={`${base}/stewardship/office-hours`}>Office hours</Link> : null}
                          {entry.kind === "OVERDUE_ACTION" && entry.refId && actionsOnPage.has(entry.refId) ? (
                            <a href={`#action-${entry.refId}`}>The action item</a>
                          ) : null}
                        </p>
                      ) : null}
                    </div>
                    {steward ? (
                      <div className="flex shrink-0 items-start gap-1">
                        <InlineActionButton
                          action={reorderAgendaAction}
                          hidden={{ ...meetingHidden, entryIds: i > 0 ? moved(i, i - 1) : "" }}
                          accessibleName={`Move “${entry.title}” up`}
                          disabled={i === 0}
                        >
                          <span aria-hidden="true">↑</span>
                        </InlineActionButton>
                        <InlineActionButton
                          action={reorderAgendaAction}
                          hidden={{ ...meetingHidden, entryIds: i < order.length - 1 ? moved(i, i + 1) : "" }}
                          accessibleName={`Move “${entry.title}” down`}
                          disabled={i === order.length - 1}
                        >
                          <span aria-hidden="true">↓</span>
                        </InlineActionButton>
                        <ConfirmButton
                          action={removeAgendaEntryAction}
                          hidden={{ ...meetingHidden, entryId: entry.id }}
                          label="Remove"
                          accessibleName={`Remove “${entry.title}” from the agenda`}
                          buttonClassName="btn-secondary px-2 py-1 text-xs text-red-700"
                          title="Remove this entry from the agenda?"
                          body={`“${entry.title}” leaves this meeting's agenda. What it is about (an item, a decision, a question) is not changed.`}
                          confirmLabel="Remove"
                        />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
            {steward ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h4 className="mb-3 font-medium">Add to the agenda</h4>
                <AgendaEntryForm action={addAgendaEntryAction} hidden={meetingHidden} />
              </div>
            ) : null}
          </section>

          <section className="card" aria-labelledby="notes-heading">
            <h3 id="notes-heading" className="mb-3 text-lg font-semibold">
              Notes
            </h3>
            {meeting.notes.trim() ? <MarkdownNote source={meeting.notes} /> : <p className="text-sm text-slate-600">No notes yet.</p>}
            {steward ? (
              <details className="mt-4 border-t border-slate-100 pt-4" open={!meeting.notes.trim()}>
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{meeting.notes.trim() ? "Edit the notes" : "Write the notes"}</summary>
                <div className="mt-3">
                  <NotesForm action={updateNotesAction} hidden={meetingHidden} notes={meeting.notes} />
                </div>
              </details>
            ) : null}
          </section>

          <section className="card" aria-labelledby="actions-heading">
            <h3 id="actions-heading" className="mb-3 text-lg font-semibold">
              Action items taken here
            </h3>
            {meeting.actionItems.length === 0 ? (
              <p className="text-sm text-slate-600">None yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">{meeting.actionItems.map((a) => actionRow(a, false))}</ul>
            )}
            {steward ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h4 className="mb-3 font-medium">New action item</h4>
                <ActionItemForm action={createActionItemAction} hidden={meetingHidden} members={owners} />
              </div>
            ) : null}
          </section>

          <section className="card" aria-labelledby="carried-heading">
            <h3 id="carried-heading" className="text-lg font-semibold">
              Carried over
            </h3>
            <p className="mb-3 text-sm text-slate-600">Open action items from earlier meetings.</p>
            {meeting.carriedOver.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing carried over: every earlier action item is done.</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">{meeting.carriedOver.map((a) => actionRow(a, true))}</ul>
            )}
          </section>
        </div>

        <div className="space-y-6">
          <section className="card" aria-labelledby="attendees-heading">
            <h3 id="attendees-heading" className="mb-3 text-lg font-semibold">
              Attendees
            </h3>
            {steward ? (
              <AttendeesForm action={updateAttendeesAction} hidden={meetingHidden} members={people} selected={attendeeIds} />
            ) : meeting.attendees.length === 0 ? (
              <p className="text-sm text-slate-600">Nobody recorded.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {meeting.attendees.map((a) => (
                  <li key={a.user.id}>{a.user.name}</li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="decisions-heading">
            <h3 id="decisions-heading" className="mb-3 text-lg font-semibold">
              Decisions
            </h3>
            <DecisionLinks decisions={meeting.decisions} base={base} empty="No decision recorded at this meeting." />
            {steward ? (
              <p className="mt-4">
                <Link href={`${base}/stewardship/decisions/new?meetingId=${meeting.id}`} className="btn-secondary">
                  Record a decision
                </Link>
              </p>
            ) : null}
          </section>
        </div>
      </div>
    </div>
  );
}
