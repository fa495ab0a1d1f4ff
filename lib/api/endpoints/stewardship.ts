import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import { actionItemSchema, agendaEntryInputSchema, decisionCreateSchema, decisionUpdateSchema, meetingCreateSchema } from "@/lib/stewardship/schemas";
import { doneSchema, meetingListQuerySchema, meetingUpdateSchema, reorderSchema } from "@/lib/stewardship/meetings";
import { decisionListQuerySchema, linkSchema } from "@/lib/stewardship/decisions";
import { moveSessionSchema, signupUpdateSchema, slotCreateSchema, slotPatchSchema, upcomingQuerySchema } from "@/lib/stewardship/office-hours";
import { signupSchema } from "@/lib/stewardship/schemas";
import {
  actionItemOutputSchema,
  agendaEntryOutputSchema,
  decisionListOutputSchema,
  decisionOutputSchema,
  meetingListOutputSchema,
  meetingOutputSchema,
  thisWeekOutputSchema,
} from "@/lib/stewardship/api-schemas";

export function stewardshipEndpoints(): Endpoint[] {
  const project = { projectId: "The project's id." };
  const meeting = { ...project, meetingId: "The meeting's id." };
  const decision = { ...project, decisionId: "The decision's id." };
  const m = "/api/v1/projects/{projectId}/meetings";
  const d = "/api/v1/projects/{projectId}/decisions";
  const tag = "Stewardship";
  return [
    {
      method: "get",
      path: m,
      tag,
      pathParams: project,
      query: meetingListQuerySchema,
      summary: "Meetings, latest first.",
      response: { status: 200, schema: meetingListOutputSchema, description: "A page of meetings." },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: m,
      tag,
      pathParams: project,
      body: meetingCreateSchema,
      summary:
        "Create the meeting of a day. Its agenda is proposed from the project's state: overdue action items, stale claims, proposed decisions, questions raised at office hours since the last meeting, blocked items, the top unclaimed targets. Stewards and managers.",
      response: { status: 201, schema: meetingOutputSchema, description: "The meeting with its proposed agenda." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: `${m}/{meetingId}`,
      tag,
      pathParams: meeting,
      summary: "A meeting: agenda, attendees, notes, action items taken there, decisions, and open action items carried over from earlier meetings.",
      response: { status: 200, schema: meetingOutputSchema, description: "The meeting." },
      errors: [401, 404],
    },
    {
      method: "patch",
      path: `${m}/{meetingId}`,
      tag,
      pathParams: meeting,
      body: meetingUpdateSchema,
      summary: "Change the title, the notes (Markdown) or the attendees.",
      response: { status: 200, schema: meetingOutputSchema, description: "The meeting." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "post",
      path: `${m}/{meetingId}/agenda`,
      tag,
      pathParams: meeting,
      body: agendaEntryInputSchema,
      summary: "Add an entry at the end of the agenda.",
      response: { status: 201, schema: agendaEntryOutputSchema, description: "The entry." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "put",
      path: `${m}/{meetingId}/agenda`,
      tag,
      pathParams: meeting,
      body: reorderSchema,
      summary: "Reorder the agenda: every entry's id once, in the new order.",
      response: { status: 200, schema: z.object({ data: z.array(agendaEntryOutputSchema) }), description: "The agenda." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "delete",
      path: `${m}/{meetingId}/agenda/{entryId}`,
      tag,
      pathParams: { ...meeting, entryId: "The agenda entry's id." },
      summary: "Remove an entry from the agenda.",
      response: { status: 204, schema: z.null(), description: "Removed." },
      errors: [401, 403, 404],
    },
    {
      method: "post",
      path: `${m}/{meetingId}/action-items`,
      tag,
      pathParams: meeting,
      body: actionItemSchema,
      summary: "Take an action item at the meeting: text, owner, due date, linked items. Open ones carry over to later meetings.",
      response: { status: 201, schema: actionItemOutputSchema, description: "The action item." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "patch",
      path: "/api/v1/projects/{projectId}/action-items/{actionItemId}",
      tag,
      pathParams: { ...project, actionItemId: "The action item's id." },
      body: doneSchema,
      summary: "Close an action item (its owner, or a steward), or open it again.",
      response: { status: 200, schema: actionItemOutputSchema, description: "The action item." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/stewardship/this-week",
      tag,
      pathParams: project,
      summary: "This week for the group: the meeting, open action items by owner, what changed in seven days.",
      response: { status: 200, schema: thisWeekOutputSchema, description: "This week." },
      errors: [401, 404],
    },
    {
      method: "get",
      path: d,
      tag,
      pathParams: project,
      query: decisionListQuerySchema,
      summary: "The decision log, newest first: search (title and text), filters by status and linked item.",
      response: { status: 200, schema: decisionListOutputSchema, description: "A page of decisions." },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: d,
      tag,
      pathParams: project,
      body: decisionCreateSchema,
      summary: "Record a decision, proposed or accepted; with supersedesId it replaces an accepted one (which becomes superseded).",
      response: { status: 201, schema: decisionOutputSchema, description: "The decision." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: `${d}/{decisionId}`,
      tag,
      pathParams: decision,
      summary: "A decision with its links and the history of its edits.",
      response: { status: 200, schema: decisionOutputSchema, description: "The decision." },
      errors: [401, 404],
    },
    {
      method: "patch",
      path: `${d}/{decisionId}`,
      tag,
      pathParams: decision,
      body: decisionUpdateSchema,
      summary: "Edit a proposed decision (each edit kept), or accept or reject it. Accepted decisions are not rewritten (409): supersede them.",
      response: { status: 200, schema: decisionOutputSchema, description: "The decision." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "post",
      path: `${d}/{decisionId}/superseded-by`,
      tag,
      pathParams: decision,
      body: linkSchema,
      summary: "Mark an accepted decision as superseded by an already recorded one. A link that makes a loop is refused (400).",
      response: { status: 200, schema: decisionOutputSchema, description: "The superseded decision." },
      errors: [400, 401, 403, 404, 409],
    },
    ...officeHourEndpoints(),
  ];
}

export function officeHourEndpoints(): Endpoint[] {
  const tag = "Office hours";
  const project = { projectId: "The project's id." };
  const slot = { ...project, slotId: "The slot's id." };
  const session = { ...slot, date: "The session's own date (YYYY-MM-DD, in the slot's time zone)." };
  const o = "/api/v1/projects/{projectId}/office-hours";
  const slotOut = z
    .object({
      id: z.string(),
      weekday: z.number(),
      startTime: z.string(),
      durationMinutes: z.number(),
      timeZone: z.string(),
      location: z.string(),
      capacity: z.number(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      hosts: z.array(z.object({ user: z.object({ id: z.string(), name: z.string() }) })),
    })
    .meta({ id: "OfficeHourSlot" });
  const sessionOut = z
    .object({ slotId: z.string(), date: z.string(), start: z.string(), end: z.string(), cancelled: z.boolean(), moved: z.boolean() })
    .catchall(z.unknown())
    .meta({ id: "OfficeHourSession" });
  const signupOut = z
    .object({
      id: z.string(),
      slotId: z.string(),
      sessionDate: z.string(),
      topic: z.string(),
      itemId: z.string().nullable(),
      hostNotes: z.string(),
      answeredAt: z.string().nullable(),
      raisedAt: z.string().nullable(),
      cancelledAt: z.string().nullable(),
    })
    .catchall(z.unknown())
    .meta({ id: "OfficeHourSignup" });
  // The domain's own schemas, less the fields the path carries: what is documented is what is enforced.
  const signupBody = signupSchema.omit({ sessionDate: true });
  const moveBody = moveSessionSchema.omit({ date: true });
  return [
    {
      method: "get",
      path: o,
      tag,
      pathParams: project,
      summary: "The project's recurring office-hours slots.",
      response: { status: 200, schema: z.object({ data: z.array(slotOut) }), description: "Slots." },
      errors: [401, 404],
    },
    {
      method: "post",
      path: o,
      tag,
      pathParams: project,
      body: slotCreateSchema,
      summary:
        "Add a weekly slot: weekday (0 = Monday), start time and duration in its time zone, where, capacity, hosts. A slot overlapping another of the same host is refused; a project runs at most 50 slots that have not ended (409). Stewards and managers.",
      response: { status: 201, schema: slotOut, description: "The slot." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "patch",
      path: `${o}/{slotId}`,
      tag,
      pathParams: slot,
      body: slotPatchSchema,
      summary: "Change a slot: any of its fields; the result is validated as on creation.",
      response: { status: 200, schema: slotOut, description: "The slot." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "delete",
      path: `${o}/{slotId}`,
      tag,
      pathParams: slot,
      summary: "Delete a slot and every sign-up to its sessions.",
      response: { status: 200, schema: z.object({ id: z.string(), removedUpcomingSignups: z.number() }), description: "Deleted." },
      errors: [401, 403, 404],
    },
    {
      method: "get",
      path: `${o}/sessions`,
      tag,
      pathParams: project,
      query: upcomingQuerySchema,
      summary:
        "Upcoming sessions of every slot, computed from the rules (correct across daylight-saving changes), with cancellations and moves, places taken and your own sign-up.",
      response: { status: 200, schema: z.object({ data: z.array(sessionOut) }), description: "Sessions, by start." },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: `${o}/{slotId}/sessions/{date}/cancel`,
      tag,
      pathParams: session,
      summary: "Cancel one session (its hosts, stewards).",
      response: { status: 200, schema: sessionOut, description: "The session." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "post",
      path: `${o}/{slotId}/sessions/{date}/move`,
      tag,
      pathParams: session,
      body: moveBody,
      summary: "Move one session to another time (its hosts, stewards).",
      response: { status: 200, schema: sessionOut, description: "The session." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "get",
      path: `${o}/{slotId}/sessions/{date}/signups`,
      tag,
      pathParams: session,
      summary: "A session's sign-ups.",
      response: { status: 200, schema: z.object({ data: z.array(signupOut) }), description: "Sign-ups." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "post",
      path: `${o}/{slotId}/sessions/{date}/signups`,
      tag,
      pathParams: session,
      body: signupBody,
      summary: "Sign up to a session with a topic and optionally an item. Full, cancelled or past sessions are refused.",
      response: { status: 201, schema: signupOut, description: "The sign-up." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "patch",
      path: `${o}/signups/{signupId}`,
      tag,
      pathParams: { ...project, signupId: "The sign-up's id." },
      body: signupUpdateSchema,
      summary: "The host's notes; mark answered; raise to the next meeting's agenda.",
      response: { status: 200, schema: signupOut, description: "The sign-up." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "delete",
      path: `${o}/signups/{signupId}`,
      tag,
      pathParams: { ...project, signupId: "The sign-up's id." },
      summary: "Cancel a sign-up: your own, or any for hosts and stewards.",
      response: { status: 200, schema: signupOut, description: "The cancelled sign-up." },
      errors: [401, 403, 404],
    },
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/calendar-token",
      tag,
      pathParams: project,
      summary:
        "Create (or rotate) the private iCalendar link of the project's office hours and meetings. The old link stops working; the secret is shown once.",
      response: { status: 201, schema: z.object({ secret: z.string(), url: z.string() }), description: "The link." },
      errors: [401, 403, 404],
    },
  ];
}
