import Link from "next/link";
import { DecisionLinks } from "@/components/stewardship/decision-links";
import { requireProjectPage } from "@/lib/pages/org-page";
import { mayCloseActionItem } from "@/lib/auth/resource-rules";
import { can } from "@/lib/auth/permissions";
import { thisWeek } from "@/lib/stewardship/meetings";
import { nextMeetingDay } from "@/lib/stewardship/next-meeting";
import { describeSlot } from "@/lib/stewardship/office-hours";
import { addDays, dayKey, weekStart } from "@/lib/time/days";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { ActionItemDoneButton, PlanMeetingForm } from "@/components/stewardship/meeting-forms";
import { createMeetingAction, setActionItemDoneAction } from "./actions";
import { formatDay, formatTimeIn } from "@/lib/format";
import { itemKeys } from "@/lib/inventory/item-keys";
import { dateColumnDay } from "@/lib/time/days";
import { getProjectSettings } from "@/lib/projects/project-settings";
import * as clock from "@/lib/time/clock";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Stewardship" };

/** The group's week: this week's meeting (or the form to plan it), open action items, what changed. */
export default async function StewardshipPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const now = clock.now();
  const [week, settings] = await Promise.all([thisWeek(db, ctx, project.id, now), getProjectSettings(db, ctx, project.id)]);
  const keys = await itemKeys(
    db,
    ctx,
    project.id,
    week.openByOwner.flatMap((g) => g.items.flatMap((a) => a.itemIds)),
  );
  const steward = can(ctx.role, "stewardship:run");
  const today = dayKey(now, settings.timeZone);
  const next = nextMeetingDay({
    now,
    weekday: settings.meetingWeekday,
    time: settings.meetingTime,
    timeZone: settings.timeZone,
    minutes: settings.meetingMinutes,
  });
  const schedule = describeSlot({
    weekday: settings.meetingWeekday,
    startTime: settings.meetingTime,
    durationMinutes: settings.meetingMinutes,
    timeZone: settings.timeZone,
  });
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const meeting = week.meeting;
  const meetingPast = meeting ? dateColumnDay(meeting.date) < today : false;
  // thisWeek gives the latest meeting of the last seven days or later: name it by where it falls.
  const monday = weekStart(today);
  const meetingDay = meeting ? dateColumnDay(meeting.date) : null;
  const heading =
    !meetingDay || (meetingDay >= monday && meetingDay < addDays(monday, 7)) ? "This week's meeting" : meetingDay < monday ? "Last meeting" : "Next meeting";
  const nextIsThisWeek = next.date < addDays(monday, 7);
  const planLabel = nextIsThisWeek ? "Plan this week's meeting" : "Plan the next meeting";
  const groups = week.openByOwner;
  const openCount = groups.reduce((n, g) => n + g.items.length, 0);
  const c = week.changes;
  const moved = [
    { label: "Started", value: c.started },
    { label: "Ported", value: c.ported },
    { label: "Verified", value: c.verified },
    { label: "Retired", value: c.retired },
    { label: "Claims taken", value: c.claims },
  ];

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <section className="card" aria-labelledby="meeting-heading">
            <h2 id="meeting-heading" className="text-lg font-semibold">
              {heading}
            </h2>
            {meeting ? (
              <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
                <div>
                  <p className="font-medium">
                    <Link href={`${base}/stewardship/meetings/${meeting.id}`}>{meeting.title}</Link>
                  </p>
                  <p className="text-sm text-slate-600">
                    {formatDay(meeting.date)}, {formatTimeIn(meeting.startsAt, settings.timeZone)} {settings.timeZone}
                    {dateColumnDay(meeting.date) === today ? " · today" : meetingPast ? " · held" : ""}
                  </p>
                </div>
                <Link href={`${base}/stewardship/meetings/${meeting.id}`} className="btn-secondary">
                  {meetingPast ? "Notes and action items" : "Open the agenda"}
                </Link>
              </div>
            ) : (
              <p className="mt-1 text-sm text-slate-600">No meeting in the last seven days, and none planned. Meetings are {schedule}.</p>
            )}
            {steward && (!meeting || (meetingPast && next.date > dateColumnDay(meeting.date))) ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="mb-1 font-medium">{planLabel}</h3>
                <p className="mb-3 text-sm text-slate-600">
                  The agenda is proposed from the project: overdue action items, stale claims, proposed decisions, office-hours questions, blocked items and the
                  top unclaimed targets. You can change it afterwards.
                </p>
                <PlanMeetingForm
                  action={createMeetingAction}
                  hidden={hidden}
                  defaultDate={next.date}
                  timeHint={`Empty: ${settings.meetingTime} ${settings.timeZone}, the project's meeting time.`}
                  submitLabel={planLabel}
                />
              </div>
            ) : null}
            {!steward && !meeting ? <p className="mt-2 text-sm text-slate-600">Stewards plan the meeting and its agenda.</p> : null}
          </section>

          <section className="card" aria-labelledby="actions-heading">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="actions-heading" className="text-lg font-semibold">
                Open action items
              </h2>
              <p className="text-sm text-slate-600">
                {openCount} open
                {week.overdue > 0 ? (
                  <>
                    , <strong className="text-red-700">{week.overdue} overdue</strong>
                  </>
                ) : null}
              </p>
            </div>
            {openCount === 0 ? (
              <div className="mt-3 rounded-md border border-dashed border-slate-300 p-4 text-center">
                <p className="font-medium">Nothing open.</p>
                <p className="mt-1 text-sm text-slate-600">Action items are taken at meetings; open ones carry over until they are done.</p>
              </div>
            ) : (
              <div className="mt-3 space-y-5">
                {groups.map((group) => (
                  <div key={group.owner?.id ?? "nobody"}>
                    <h3 className="mb-2 text-sm font-semibold text-slate-800">
                      {group.owner ? group.owner.name : <span className="text-amber-800">No owner</span>}
                      {group.owner?.id === ctx.userId ? <span className="ml-1 font-normal text-slate-500">(you)</span> : null}
                      <span className="ml-2 rounded-full bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">{group.items.length}</span>
                    </h3>
                    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
                      {group.items.map((a) => {
                        const due = a.dueDate ? dateColumnDay(a.dueDate) : null;
                        const overdue = due !== null && due < today;
                        const mayClose = mayCloseActionItem(ctx, a);
                        return (
                          <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 px-3 py-2.5" data-testid="action-item">
                            <div className="min-w-0 flex-1">
                              <p className="text-sm break-words">{a.text}</p>
                              <p className="mt-0.5 text-xs text-slate-500">
                                {due ? (
                                  <span className={overdue ? "font-medium text-red-700" : due === today ? "font-medium text-amber-800" : undefined}>
                                    {overdue ? "Overdue · was due " : due === today ? "Due today · " : "Due "}
                                    {formatDay(a.dueDate!)}
                                  </span>
                                ) : (
                                  "No due date"
                                )}
                                {" · "}
                                <Link href={`${base}/stewardship/meetings/${a.meetingId}`}>from a meeting</Link>
                                {a.itemIds.map((id) => {
                                  const item = keys.get(id);
                                  return item ? (
                                    <span key={id}>
                                      {" · "}
                                      <Link href={`${base}/items/${id}`} className="font-mono">
                                        {item.key}
                                      </Link>
                                    </span>
                                  ) : null;
                                })}
                              </p>
                            </div>
                            {mayClose ? (
                              <ActionItemDoneButton action={setActionItemDoneAction} hidden={{ ...hidden, actionItemId: a.id }} done={false} text={a.text} />
                            ) : null}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                ))}
              </div>
            )}
          </section>
        </div>

        <section className="card self-start" aria-labelledby="changes-heading">
          <h2 id="changes-heading" className="text-lg font-semibold">
            The last 7 days
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-3">
            {moved.map((m) => (
              <div key={m.label} className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-xs text-slate-600">{m.label}</dt>
                <dd className="text-xl font-semibold tabular-nums">{m.value}</dd>
              </div>
            ))}
          </dl>
          <h3 className="mt-5 mb-2 text-sm font-semibold">Decisions recorded or changed</h3>
          <DecisionLinks decisions={c.decisions} base={base} empty="None this week." />
          <p className="mt-5 text-sm">
            <Link href={`${base}/stewardship/decisions`}>The decision log →</Link>
          </p>
        </section>
      </div>
    </div>
  );
}
