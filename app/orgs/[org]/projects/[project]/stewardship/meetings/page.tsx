import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { listMeetings } from "@/lib/stewardship/meetings";
import { nextMeetingDay } from "@/lib/stewardship/next-meeting";
import { dayKey } from "@/lib/time/days";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { PlanMeetingForm } from "@/components/stewardship/meeting-forms";
import { createMeetingAction } from "../actions";
import { formatDay, formatTimeIn } from "@/lib/format";
import { dateColumnDay } from "@/lib/time/days";
import { getProjectSettings } from "@/lib/projects/project-settings";
import * as clock from "@/lib/time/clock";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Meetings" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every meeting, latest first, 20 a page; stewards plan new ones here. */
export default async function MeetingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { org, project: slug } = await params;
  const { before: rawBefore } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  // A hand-edited `before` that is not a day is ignored rather than answered with an error page.
  const before = typeof rawBefore === "string" && /^\d{4}-\d{2}-\d{2}$/.test(rawBefore) ? rawBefore : undefined;
  const [page, settings] = await Promise.all([listMeetings(db, ctx, project.id, before ? { before } : {}), getProjectSettings(db, ctx, project.id)]);
  const now = clock.now();
  const today = dayKey(now, settings.timeZone);
  const steward = can(ctx.role, "stewardship:run");
  const next = nextMeetingDay({
    now,
    weekday: settings.meetingWeekday,
    time: settings.meetingTime,
    timeZone: settings.timeZone,
    minutes: settings.meetingMinutes,
  });

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section className="card self-start overflow-x-auto" aria-labelledby="meetings-heading">
          <h2 id="meetings-heading" className="mb-3 text-lg font-semibold">
            Meetings{before ? <span className="ml-2 text-sm font-normal text-slate-600">before {formatDay(new Date(`${before}T00:00:00Z`))}</span> : null}
          </h2>
          {page.data.length === 0 ? (
            <div className="rounded-md border border-dashed border-slate-300 p-6 text-center">
              <p className="font-medium">{before ? "No earlier meetings." : "No meetings yet."}</p>
              <p className="mt-1 text-sm text-slate-600">
                {before ? (
                  <Link href={`${base}/stewardship/meetings`}>Back to the latest meetings</Link>
                ) : steward ? (
                  "Plan the first one: its agenda is proposed from the project's state."
                ) : (
                  "Stewards plan the weekly meetings."
                )}
              </p>
            </div>
          ) : (
            <table className="table-cards w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Date
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Meeting
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    Agenda
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    Action items
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    Decisions
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    People
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((m) => {
                  const day = dateColumnDay(m.date);
                  return (
                    <tr key={m.id} className="border-b border-slate-100 last:border-0" data-testid="meeting-row">
                      <td className="py-2 pr-4 whitespace-nowrap">
                        {formatDay(m.date)}
                        <span className="ml-1 text-xs text-slate-500">{formatTimeIn(m.startsAt, settings.timeZone)}</span>
                        {day === today ? (
                          <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Today</span>
                        ) : day > today ? (
                          <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">Upcoming</span>
                        ) : null}
                      </td>
                      <td className="py-2 pr-4">
                        <Link href={`${base}/stewardship/meetings/${m.id}`}>{m.title}</Link>
                      </td>
                      <td className="py-2 pr-4 text-right tabular-nums" data-label="Agenda" title={plural(m._count.agenda, "agenda entry", "agenda entries")}>
                        {m._count.agenda}
                      </td>
                      <td className="py-2 pr-4 text-right tabular-nums" data-label="Action items" title={plural(m._count.actionItems, "action item")}>
                        {m._count.actionItems}
                      </td>
                      <td className="py-2 pr-4 text-right tabular-nums" data-label="Decisions" title={plural(m._count.decisions, "decision")}>
                        {m._count.decisions}
                      </td>
                      <td className="py-2 text-right tabular-nums" data-label="People" title={plural(m._count.attendees, "attendee")}>
                        {m._count.attendees}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {before || page.nextBefore ? (
            <nav aria-label="Pages of meetings" className="mt-4 flex justify-between text-sm">
              {before ? <Link href={`${base}/stewardship/meetings`}>← Latest meetings</Link> : <span />}
              {page.nextBefore ? <Link href={`${base}/stewardship/meetings?before=${page.nextBefore}`}>Earlier meetings →</Link> : null}
            </nav>
          ) : null}
        </section>

        {steward ? (
          <section className="card self-start" aria-labelledby="new-meeting-heading">
            <h2 id="new-meeting-heading" className="mb-1 text-lg font-semibold">
              New meeting
            </h2>
            <p className="mb-3 text-sm text-slate-600">One meeting a day. Its agenda is proposed from the project&apos;s state; change it afterwards.</p>
            <PlanMeetingForm
              action={createMeetingAction}
              hidden={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
              defaultDate={next.date}
              timeHint={`Empty: ${settings.meetingTime} ${settings.timeZone}, the project's meeting time.`}
              submitLabel="Plan the meeting"
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}
