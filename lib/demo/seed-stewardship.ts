import type { Prisma } from "@/lib/generated/prisma/client";

const DAY = 86_400_000;

/**
 * The demo's stewardship group: last week's meeting with its agenda and action items (one done,
 * one still open, so it carries over), the decision log (one accepted then superseded, one
 * accepted, one proposed) and a weekly office-hours slot hosted by the demo user.
 */
export async function seedDemoStewardship(
  tx: Prisma.TransactionClient,
  scope: { organizationId: string; projectId: string },
  userId: string,
  items: { login: string; signup: string; pledge: string; reports: string },
  now: Date,
) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const lastWeek = new Date(today - 7 * DAY);
  const meeting = await tx.meeting.create({
    data: {
      ...scope,
      date: lastWeek,
      startsAt: new Date(lastWeek.getTime() + 10 * 3_600_000),
      title: "Stewardship meeting",
      createdById: userId,
      notes:
        "Agreed to pilot the **about page** first.\n\n- Auth goes next, behind the JWT bridge (D-2).\n- Reporting stays on PHP for now (D-3 is still open).",
      attendees: { create: [{ userId }] },
      agenda: {
        create: [
          { position: 0, kind: "DECISION", title: "Decide: how sessions cross the two stacks", detail: "Proposed by Dana." },
          { position: 1, kind: "TARGET", title: "Hand out: POST /signup", detail: "Auth is nearly done; sign-up completes it.", itemIds: [items.signup] },
          { position: 2, kind: "BLOCKED", title: "Unblock: GET /pledge/<int:creator_id>", detail: "Blocked by module app/billing.", itemIds: [items.pledge] },
        ],
      },
    },
  });
  await tx.actionItem.createMany({
    data: [
      {
        ...scope,
        meetingId: meeting.id,
        text: "Write the JWT bridge for PHP sessions",
        ownerId: userId,
        dueDate: new Date(today - 2 * DAY),
        doneAt: new Date(today - 3 * DAY),
        itemIds: [items.login],
      },
      {
        ...scope,
        meetingId: meeting.id,
        text: "Ask ops for the nginx map of the ported routes",
        ownerId: userId,
        dueDate: new Date(today + 3 * DAY),
        itemIds: [],
      },
    ],
  });
  const d1 = await tx.decision.create({
    data: {
      ...scope,
      number: 1,
      status: "ACCEPTED",
      decidedOn: new Date(today - 30 * DAY),
      createdById: userId,
      title: "Share sessions through the PHP session store",
      context: "Users move between pages of both stacks during the port.",
      decision: "The Python app reads PHP's session files.",
      consequences: "Both apps must run on the same hosts.",
      people: { create: [{ userId }] },
    },
  });
  const d2 = await tx.decision.create({
    data: {
      ...scope,
      number: 2,
      status: "ACCEPTED",
      decidedOn: lastWeek,
      meetingId: meeting.id,
      createdById: userId,
      title: "Port auth via a signed JWT between the two stacks",
      context: "Sharing session files ties both apps to the same hosts (D-1).",
      decision: "Both stacks accept a signed JWT cookie; PHP issues it until login is ported.",
      consequences: "A shared signing key, rotated with the deploy.",
      people: { create: [{ userId }] },
      items: { create: [{ itemId: items.login }] },
    },
  });
  await tx.decision.update({ where: { id: d1.id }, data: { status: "SUPERSEDED", supersededById: d2.id } });
  await tx.decisionRevision.create({
    data: { decisionId: d1.id, actorId: userId, field: "status", fromValue: "ACCEPTED", toValue: "SUPERSEDED by D-2", at: lastWeek },
  });
  await tx.decision.create({
    data: {
      ...scope,
      number: 3,
      status: "PROPOSED",
      createdById: userId,
      title: "Keep the reporting pages on the legacy stack",
      context: "Few users, complex SQL, a BI tool is coming.",
      decision: "Do not port /reports; retire it with the legacy stack.",
      items: { create: [{ itemId: items.reports }] },
    },
  });
  await tx.officeHourSlot.create({
    data: {
      ...scope,
      weekday: 3,
      startTime: "14:00",
      durationMinutes: 60,
      timeZone: "Europe/Berlin",
      location: "https://meet.example.com/waypoint-office-hours",
      capacity: 6,
      startsOn: new Date(today - 28 * DAY),
      hosts: { create: [{ userId }] },
    },
  });
}
