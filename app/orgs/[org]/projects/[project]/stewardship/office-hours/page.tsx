import Link from "next/link";
import { runsSlot } from "@/lib/auth/resource-rules";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { describeSlot, listSlots, signupsOfSessions, type UpcomingSession } from "@/lib/stewardship/office-hours";
import { officeHoursWeek } from "@/lib/stewardship/office-hours-week";
import { zonedToUtc } from "@/lib/stewardship/recurrence";
import { addDays, dateColumnDay, dayKey } from "@/lib/time/days";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { ConfirmButton } from "@/components/stewardship/form-parts";
import { MoveSessionForm, SignupForm, SignupNotesForm, ViewerTime } from "@/components/stewardship/office-hours-forms";
import { itemKeys } from "@/lib/inventory/item-keys";
import { cancelSessionAction, cancelSignupAction, moveSessionAction, signUpAction, updateSignupAction } from "./actions";
import { Location, formatClock, formatSession, formatSessionDay, localInputValue, plural } from "./format";
import * as clock from "@/lib/time/clock";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Office hours" };

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";
const summary = "cursor-pointer list-none px-2.5 py-1 text-xs [&::-webkit-details-marker]:hidden";

type Signup = NonNullable<ReturnType<Awaited<ReturnType<typeof signupsOfSessions>>["get"]>>[number];
type Slot = Awaited<ReturnType<typeof listSlots>>[number];
type Search = { week?: string; slot?: string; date?: string };

/**
 * Office-hour sessions, one week a page: sign up with a question; hosts and stewards run their
 * sessions here. The page's size is bounded by the slot limit (MAX_ACTIVE_SLOTS sessions a week),
 * and the sign-up form is drawn for the one session chosen, not for each.
 */
export default async function OfficeHoursPage({ params, searchParams }: { params: Promise<{ org: string; project: string }>; searchParams: Promise<Search> }) {
  const { org, project: slug } = await params;
  const search = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const here = `${base}/stewardship/office-hours`;
  const slotsHref = `${here}/slots`;
  const steward = can(ctx.role, "stewardship:run");
  const takePart = can(ctx.role, "stewardship:take-part");

  const [slots, shown] = await Promise.all([listSlots(db, ctx, project.id), officeHoursWeek(db, ctx, project.id, search.week)]);
  const { sessions, timeZone } = { sessions: shown.sessions, timeZone: project.timeZone };
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const runs = (s: UpcomingSession) => runsSlot(ctx, { hostIds: s.hosts.map((h) => h.id) });
  const chosen = sessions.find((s) => s.slotId === search.slot && s.date === search.date && takePart && !s.cancelled && !s.mine && !s.full);
  const weekHref = (week: string) => `${here}?week=${week}`;
  const signUpHref = (s: UpcomingSession) => `${here}?week=${shown.week}&slot=${encodeURIComponent(s.slotId)}&date=${s.date}#session-${s.slotId}-${s.date}`;

  // The hosts' lists: only sessions someone signed up for (cancelled sign-ups are listed with them), in one query.
  const lists = await signupsOfSessions(
    db,
    ctx,
    project.id,
    sessions.filter((s) => runs(s) && s.signups > 0),
  );
  const keys = await itemKeys(db, ctx, project.id, [
    ...sessions.flatMap((s) => (s.mine?.itemId ? [s.mine.itemId] : [])),
    ...[...lists.values()].flat().flatMap((s) => (s.itemId ? [s.itemId] : [])),
  ]);
  const itemLink = (id: string | null) => {
    if (!id) return null;
    const item = keys.get(id);
    return item ? (
      <Link href={`${base}/items/${id}`} className="font-mono text-xs break-all">
        {item.key}
        {item.deleted ? " (deleted)" : ""}
      </Link>
    ) : null;
  };
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const today = dayKey(clock.now(), timeZone);
  const activeSlots = slots.filter((s) => !s.endsOn || dateColumnDay(s.endsOn) >= today);

  const weekTitle = (start: string) =>
    start === shown.thisWeek
      ? "This week"
      : start === addDays(shown.thisWeek, 7)
        ? "Next week"
        : `Week of ${formatSessionDay(new Date(`${start}T12:00:00Z`), "UTC")}`;

  if (slots.length === 0) {
    return (
      <div className="space-y-6">
        <StewardshipNav base={base} />
        <div className="card text-center" data-testid="office-hours-empty">
          <p className="font-medium">No office hours yet</p>
          <p className="mt-1 text-sm text-slate-600">
            Office hours are weekly slots where hosts answer questions about the migration; members sign up with a topic.
          </p>
          {steward ? (
            <p className="mt-4">
              <Link href={slotsHref} className="btn-primary">
                Add office hours
              </Link>
            </p>
          ) : (
            <p className="mt-2 text-sm text-slate-600">Stewards set them up.</p>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section className="card min-w-0" aria-labelledby="sessions-heading">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="sessions-heading" className="text-lg font-semibold">
              Upcoming sessions
            </h2>
            <nav aria-label="Weeks" className="flex gap-3 text-sm">
              {shown.previous ? <Link href={weekHref(shown.previous)}>← {weekTitle(shown.previous)}</Link> : null}
              {shown.next ? <Link href={weekHref(shown.next)}>{weekTitle(shown.next)} →</Link> : null}
            </nav>
          </div>
          <h3 className="mt-3 border-b border-slate-200 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500" data-testid="week-title">
            {weekTitle(shown.week)}
          </h3>
          {sessions.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600" data-testid="no-sessions">
              No sessions {shown.week === shown.thisWeek ? "left this week" : "this week"}.
            </p>
          ) : (
            <ol className="mt-2 divide-y divide-slate-100" data-testid="sessions">
              {sessions.map((s) => (
                <SessionRow
                  key={`${s.slotId}-${s.date}`}
                  session={s}
                  slot={slotById.get(s.slotId)}
                  hidden={{ ...hidden, slotId: s.slotId }}
                  takePart={takePart}
                  runs={runs(s)}
                  signUp={chosen === s ? { form: true } : signUpHref(s)}
                  signups={lists.get(`${s.slotId} ${s.date}`) ?? []}
                  itemLink={itemLink}
                  userId={ctx.userId}
                />
              ))}
            </ol>
          )}
        </section>

        <aside className="space-y-6">
          <section className="card" aria-labelledby="slots-heading">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="slots-heading" className="text-lg font-semibold">
                Every week
              </h2>
              {steward ? (
                <Link href={slotsHref} className="text-sm">
                  Manage slots
                </Link>
              ) : null}
            </div>
            <ul className="mt-3 space-y-3 text-sm">
              {activeSlots.map((slot) => (
                <li key={slot.id}>
                  <p className="font-medium">{describeSlot(slot)}</p>
                  <p className="text-slate-600">
                    <Location value={slot.location} />
                  </p>
                  <p className="text-slate-600">
                    {slot.hosts.map((h) => h.user.name).join(", ")} · {plural(slot.capacity, "place")}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section className="card text-sm text-slate-600" aria-labelledby="how-heading">
            <h2 id="how-heading" className="mb-2 text-base font-semibold text-slate-900">
              How it works
            </h2>
            <p>Sign up for a session with the question you would like to bring, and the item it is about if there is one.</p>
            <p className="mt-2">Hosts write notes on each question; an unanswered question can be raised to the next stewardship meeting&apos;s agenda.</p>
            {steward ? (
              <p className="mt-2">
                Calendar programs can subscribe to the project&apos;s sessions and meetings:{" "}
                <Link href={`${base}/settings#calendar-heading`}>create a private calendar link</Link>.
              </p>
            ) : null}
          </section>
        </aside>
      </div>
    </div>
  );
}

function SessionRow({
  session: s,
  slot,
  hidden,
  takePart,
  runs,
  signUp,
  signups,
  itemLink,
  userId,
}: {
  session: UpcomingSession;
  slot: Slot | undefined;
  hidden: Record<string, string>;
  takePart: boolean;
  runs: boolean;
  /** The sign-up form when this is the session chosen; otherwise the link that chooses it. */
  signUp: { form: true } | string;
  signups: Signup[];
  itemLink: (id: string | null) => React.ReactNode;
  userId: string | null;
}) {
  const when = formatSession(s.start, s.end, s.timeZone);
  const original = slot ? zonedToUtc(s.date, slot.startTime, slot.timeZone) : null;
  const headingId = `session-heading-${s.slotId}-${s.date}`;
  return (
    <li id={`session-${s.slotId}-${s.date}`} className="py-4 last:pb-1" aria-labelledby={headingId} data-testid="session">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-0.5">
          <h4 id={headingId} className="flex flex-wrap items-center gap-2 font-medium">
            {s.cancelled ? <s className="text-slate-500">{when}</s> : <span>{when}</span>}
            {s.cancelled ? <span className={`${pill} bg-red-100 text-red-800`}>Cancelled</span> : null}
            {s.moved ? <span className={`${pill} bg-amber-100 text-amber-900`}>Moved</span> : null}
            {!s.cancelled && s.full ? <span className={`${pill} bg-slate-200 text-slate-800`}>Full</span> : null}
            {s.mine ? <span className={`${pill} bg-green-100 text-green-900`}>You are signed up</span> : null}
          </h4>
          {s.moved && original ? (
            <p className="text-xs text-amber-900">
              Moved from its usual time, {formatSessionDay(original, s.timeZone)} {formatClock(original, s.timeZone)}.
            </p>
          ) : null}
          {s.cancelled ? null : <ViewerTime start={s.start.toISOString()} end={s.end.toISOString()} timeZone={s.timeZone} />}
          <p className="text-sm text-slate-700">
            <Location value={s.location} />
          </p>
          <p className="text-sm text-slate-600">
            Hosted by {s.hosts.map((h) => h.name).join(", ")} · {s.signups} of {plural(s.capacity, "place")} taken
          </p>
        </div>
        {runs && !s.cancelled ? (
          <ConfirmButton
            action={cancelSessionAction}
            hidden={{ ...hidden, date: s.date }}
            label="Cancel session"
            accessibleName={`Cancel the session of ${when}`}
            title={`Cancel the session of ${when}?`}
            body={
              s.signups > 0
                ? `${plural(s.signups, "person has", "people have")} signed up; their sign-ups are kept, and nobody can sign up any more. You can reinstate it by moving it.`
                : "Nobody can sign up for it any more. You can reinstate it by moving it."
            }
            confirmLabel="Cancel the session"
            buttonClassName="btn-secondary px-2.5 py-1 text-xs text-red-700"
          />
        ) : null}
      </div>

      {s.mine ? (
        <div className="mt-3 flex flex-wrap items-start justify-between gap-3 rounded-md bg-green-50 px-3 py-2 text-sm">
          <p className="min-w-0">
            <span className="font-medium">Your question:</span> {s.mine.topic} {itemLink(s.mine.itemId)}
          </p>
          {!s.cancelled ? (
            <ConfirmButton
              action={cancelSignupAction}
              hidden={{ ...hidden, signupId: s.mine.id }}
              label="Cancel my sign-up"
              accessibleName={`Cancel my sign-up for ${when}`}
              title="Cancel your sign-up?"
              body={`Your place on ${when} goes to someone else.`}
              confirmLabel="Cancel my sign-up"
              buttonClassName="btn-secondary px-2.5 py-1 text-xs text-red-700"
            />
          ) : null}
        </div>
      ) : null}

      <div className="mt-3 flex flex-wrap items-start gap-3">
        {takePart && !s.mine && !s.cancelled && !s.full ? (
          typeof signUp === "string" ? (
            <Link href={signUp} className={`btn-primary ${summary} no-underline`} aria-label={`Sign up for ${when}`}>
              Sign up
            </Link>
          ) : (
            <div className="w-full rounded-md border border-slate-200 p-3" data-testid="signup-form">
              <SignupForm action={signUpAction} hidden={{ ...hidden, sessionDate: s.date }} />
            </div>
          )
        ) : null}
        {runs ? (
          <details className="open:w-full">
            <summary className={`btn-secondary ${summary}`} aria-label={`${s.cancelled ? "Reinstate or move" : "Move"} the session of ${when}`}>
              {s.cancelled ? "Reinstate or move…" : "Move…"}
            </summary>
            <div className="mt-3 max-w-sm rounded-md border border-slate-200 p-3">
              <MoveSessionForm
                action={moveSessionAction}
                hidden={{ ...hidden, date: s.date }}
                defaultValue={localInputValue(s.cancelled && original ? original : s.start, s.timeZone)}
                timeZone={s.timeZone}
                submitLabel={s.cancelled ? "Reinstate at this time" : "Move the session"}
              />
            </div>
          </details>
        ) : null}
      </div>

      {runs && signups.length > 0 ? (
        <div className="mt-4">
          <h5 className="text-sm font-semibold text-slate-800">Sign-ups</h5>
          <ul className="mt-2 space-y-3">
            {signups.map((signup) => (
              <li key={signup.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="signup">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className={`min-w-0 ${signup.cancelledAt ? "text-slate-500" : ""}`}>
                    <span className="font-medium">{signup.user.name}</span>
                    {signup.user.id === userId ? " (you)" : ""}: {signup.cancelledAt ? <s>{signup.topic}</s> : signup.topic} {itemLink(signup.itemId)}
                  </p>
                  <span className="flex flex-wrap gap-1">
                    {signup.cancelledAt ? <span className={`${pill} bg-slate-100 text-slate-700`}>Cancelled</span> : null}
                    {signup.answeredAt ? <span className={`${pill} bg-green-100 text-green-900`}>Answered</span> : null}
                    {signup.raisedAt ? <span className={`${pill} bg-sky-100 text-sky-900`}>Raised to the meeting</span> : null}
                  </span>
                </div>
                {signup.cancelledAt ? (
                  signup.hostNotes ? (
                    <p className="mt-1 whitespace-pre-wrap text-slate-600">{signup.hostNotes}</p>
                  ) : null
                ) : (
                  <div className="mt-2 space-y-2">
                    <SignupNotesForm
                      action={updateSignupAction}
                      hidden={{ ...hidden, signupId: signup.id }}
                      notes={signup.hostNotes}
                      answered={signup.answeredAt !== null}
                      raised={signup.raisedAt !== null}
                    />
                    {signup.user.id !== userId && !s.cancelled ? (
                      <ConfirmButton
                        action={cancelSignupAction}
                        hidden={{ ...hidden, signupId: signup.id }}
                        label="Cancel this sign-up"
                        accessibleName={`Cancel ${signup.user.name}'s sign-up`}
                        title={`Cancel ${signup.user.name}'s sign-up?`}
                        body="Their place goes to someone else. They are not told by Waypoint; let them know."
                        confirmLabel="Cancel the sign-up"
                        buttonClassName="btn-secondary px-2 py-0.5 text-xs text-red-700"
                      />
                    ) : null}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
