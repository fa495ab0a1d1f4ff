import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { claimableMembers } from "@/lib/claims/queries";
import { describeSlot, listSlots } from "@/lib/stewardship/office-hours";
import { dateColumnDay, dayKey } from "@/lib/time/days";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { ConfirmButton } from "@/components/stewardship/form-parts";
import { SlotForm, type SlotValues } from "@/components/stewardship/office-hours-forms";
import { getProjectSettings } from "@/lib/projects/project-settings";
import { createSlotAction, deleteSlotAction, updateSlotAction } from "../actions";
import { Location, plural, timeZoneNames } from "../format";
import * as clock from "@/lib/time/clock";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Office-hour slots" };

const longDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** The weekly office-hour slots: stewards add, change and delete them here. */
export default async function OfficeHourSlotsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ deleted?: string }>;
}) {
  const { org, project: slug } = await params;
  const { deleted } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const steward = can(ctx.role, "stewardship:run");
  const [slots, members, settings] = await Promise.all([
    listSlots(db, ctx, project.id),
    steward ? claimableMembers(db, ctx) : Promise.resolve([]),
    getProjectSettings(db, ctx, project.id),
  ]);
  const zones = steward ? timeZoneNames() : [];
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const removed = deleted !== undefined && /^\d+$/.test(deleted) ? Number(deleted) : null;
  const newSlot: SlotValues = {
    weekday: "1",
    startTime: "10:00",
    durationMinutes: "60",
    timeZone: settings.timeZone,
    location: "",
    capacity: "5",
    startsOn: dayKey(clock.now(), settings.timeZone),
    endsOn: "",
    hosts: members.some((m) => m.id === ctx.userId) && ctx.userId ? [ctx.userId] : [],
  };

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <p className="text-sm">
        <Link href={`${base}/stewardship/office-hours`}>← Upcoming sessions</Link>
      </p>
      {removed !== null ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Slot deleted{removed > 0 ? `, with ${plural(removed, "upcoming sign-up")}` : ""}.
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section className="card min-w-0 self-start" aria-labelledby="slots-heading">
          <h2 id="slots-heading" className="text-lg font-semibold">
            Weekly slots
          </h2>
          {!steward ? <p className="mt-1 text-sm text-slate-600">Stewards, managers and admins add and change office hours.</p> : null}
          {slots.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">No office hours yet.{steward ? " Add the first slot with the form." : ""}</p>
          ) : (
            <ul className="mt-3 divide-y divide-slate-100" data-testid="slots">
              {slots.map((slot) => (
                <li key={slot.id} className="py-4 first:pt-1 last:pb-0">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 space-y-0.5 text-sm">
                      <h3 className="text-base font-medium">{describeSlot(slot)}</h3>
                      <p>
                        <Location value={slot.location} />
                      </p>
                      <p className="text-slate-600">
                        Hosted by {slot.hosts.map((h) => h.user.name).join(", ")} · {plural(slot.capacity, "place")}
                      </p>
                      <p className="text-slate-600">
                        From {longDay.format(slot.startsOn)}
                        {slot.endsOn ? ` to ${longDay.format(slot.endsOn)}` : ", every week"}
                      </p>
                    </div>
                    {steward ? (
                      <ConfirmButton
                        action={deleteSlotAction}
                        hidden={{ ...hidden, slotId: slot.id }}
                        label="Delete"
                        accessibleName={`Delete ${describeSlot(slot)}`}
                        title={`Delete ${describeSlot(slot)}?`}
                        body="All its sessions go, and so do all their sign-ups — past ones with the hosts' notes included. People who signed up are not told. This cannot be undone."
                        confirmLabel="Delete the slot and its sign-ups"
                        buttonClassName="btn-secondary px-2.5 py-1 text-xs text-red-700"
                      />
                    ) : null}
                  </div>
                  {steward ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit</summary>
                      <div className="mt-3 rounded-md border border-slate-200 p-4">
                        <SlotForm
                          action={updateSlotAction}
                          hidden={{ ...hidden, slotId: slot.id }}
                          members={members}
                          timeZones={zones}
                          submitLabel="Save the slot"
                          values={{
                            weekday: String(slot.weekday),
                            startTime: slot.startTime,
                            durationMinutes: String(slot.durationMinutes),
                            timeZone: slot.timeZone,
                            location: slot.location,
                            capacity: String(slot.capacity),
                            startsOn: dateColumnDay(slot.startsOn),
                            endsOn: slot.endsOn ? dateColumnDay(slot.endsOn) : "",
                            hosts: slot.hosts.map((h) => h.user.id),
                          }}
                        />
                        <p className="mt-3 text-xs text-slate-500">
                          A change that would drop a future session somebody signed up for is refused: cancel those sign-ups first. A lower number of places
                          keeps the sign-ups already taken.
                        </p>
                      </div>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        {steward ? (
          <section className="card self-start" aria-labelledby="new-slot-heading">
            <h2 id="new-slot-heading" className="mb-4 text-lg font-semibold">
              Add office hours
            </h2>
            <SlotForm action={createSlotAction} hidden={hidden} values={newSlot} members={members} timeZones={zones} submitLabel="Add the slot" />
          </section>
        ) : null}
      </div>
    </div>
  );
}
