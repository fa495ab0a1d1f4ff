import { z } from "zod";
import type { Endpoint } from "./endpoint-types";
import { cutoverEndpoints } from "./endpoints/cutover";
export type { Endpoint };
import { bulkUpdateSchema, createItemSchemas, listQuerySchema, updateItemSchemas } from "@/lib/inventory/schemas";
import { bulkResultSchema, itemDetailSchema, itemListSchema, itemOutputSchema } from "@/lib/inventory/api-schemas";
import { KIND_SEGMENTS, KINDS, KIND_SINGULAR } from "@/lib/inventory/labels";
import { itemSearchQuerySchema, itemSearchResultSchema } from "@/lib/inventory/item-search";
import { importQuerySchema } from "@/lib/import/pipeline/http-upload";
import { addUnmatchedSchema } from "@/lib/import/unmatched-paths";
import { claimBodySchema, claimListQuerySchema, handOverBodySchema } from "@/lib/claims/schemas";
import { activeClaimListSchema, claimOutputSchema } from "@/lib/claims/api-schemas";
import { rankingOutputSchema, rankingQuerySchema } from "@/lib/ranking/api-schemas";
import { chartApiQuerySchema, chartOutputSchema, progressApiQuerySchema, progressOutputSchema } from "@/lib/progress/api-schemas";
import { CHARTS } from "@/lib/progress/csv";
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
import { createProjectBodySchema, listProjectsQuerySchema, patchProjectBodySchema, projectOutputSchema } from "@/lib/projects/schemas";

/**
 * Every /api/v1 endpoint, described once from the same zod schemas the handlers validate with.
 * The OpenAPI document is generated from this list.
 */
const itemParams = { projectId: "The project's id.", itemId: "The item's id." };

/** The same five endpoints for each kind of inventory item. */
const inventoryEndpoints: Endpoint[] = KINDS.flatMap((kind) => {
  const seg = KIND_SEGMENTS[kind];
  const one = KIND_SINGULAR[kind];
  const base = `/api/v1/projects/{projectId}/${seg}`;
  const tag = "Inventory";
  return [
    {
      method: "get",
      path: base,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]",
      summary: `List ${seg}: search (q), filters, sort, cursor pagination.`,
      pathParams: { projectId: itemParams.projectId },
      query: listQuerySchema,
      response: { status: 200, schema: itemListSchema, description: `A page of ${seg}.` },
      errors: [400, 401, 404],
    },
    {
      method: "post",
      path: base,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]",
      summary: `Add a ${one}. Engineers and up.`,
      pathParams: { projectId: itemParams.projectId },
      body: createItemSchemas[kind],
      response: { status: 201, schema: itemOutputSchema, description: `The new ${one}.` },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: `${base}/{itemId}`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/[itemId]",
      summary: `A ${one} with what it uses, what uses it, what blocks it, and its history.`,
      pathParams: itemParams,
      response: { status: 200, schema: itemDetailSchema, description: `The ${one}.` },
      errors: [401, 404],
    },
    {
      method: "patch",
      path: `${base}/{itemId}`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/[itemId]",
      summary: `Change fields of a ${one}; each change is written to its history.`,
      pathParams: itemParams,
      body: updateItemSchemas[kind],
      response: { status: 200, schema: itemOutputSchema, description: `The ${one} after the change.` },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "delete",
      path: `${base}/{itemId}`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/[itemId]",
      summary: `Delete a ${one} (its history is kept; adding it again restores it).`,
      pathParams: itemParams,
      response: { status: 204, schema: z.null(), description: "Deleted." },
      errors: [401, 403, 404],
    },
    {
      method: "patch",
      path: `${base}/bulk`,
      tag,
      handlerDir: "api/v1/projects/[projectId]/[kind]/bulk",
      summary: `Set the status and/or owner of up to 1,000 ${seg} at once (all or nothing).`,
      pathParams: { projectId: itemParams.projectId },
      body: bulkUpdateSchema,
      response: { status: 200, schema: bulkResultSchema, description: "How many matched and changed." },
      errors: [400, 401, 403, 404],
    },
  ] satisfies Endpoint[];
});

export const projectListSchema = z
  .object({ data: z.array(projectOutputSchema), nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page.") })
  .meta({ id: "ProjectList" });

export const ENDPOINTS: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/projects",
    summary: "List the projects you can see: your organisations' (session) or the token's one project.",
    tag: "Projects",
    query: listProjectsQuerySchema,
    response: { status: 200, schema: projectListSchema, description: "A page of projects, newest first." },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}",
    summary: "Get one project.",
    tag: "Projects",
    pathParams: { projectId: "The project's id." },
    response: { status: 200, schema: projectOutputSchema, description: "The project." },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/api/v1/projects",
    summary: "Create a project in one of your organisations (signed-in managers and admins; tokens cannot).",
    tag: "Projects",
    body: createProjectBodySchema,
    response: { status: 201, schema: projectOutputSchema, description: "The new project." },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "patch",
    path: "/api/v1/projects/{projectId}",
    summary: "Change a project's fields, or archive (`archived: true`) and restore it. Managers and admins.",
    tag: "Projects",
    pathParams: { projectId: "The project's id." },
    body: patchProjectBodySchema,
    response: { status: 200, schema: projectOutputSchema, description: "The project after the change." },
    errors: [400, 401, 403, 404, 409],
  },
  ...inventoryEndpoints,
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/items/search",
    tag: "Inventory",
    summary:
      "Items (every kind) whose key contains q, case-insensitive: keys starting with it first, at most 20. What an item picker asks as one types. Any member.",
    pathParams: { projectId: itemParams.projectId },
    query: itemSearchQuerySchema,
    response: { status: 200, schema: itemSearchResultSchema, description: "Matching items." },
    errors: [400, 401, 404],
  },
  ...importEndpoints(),
  ...claimEndpoints(),
  ...stewardshipEndpoints(),
  ...cutoverEndpoints,
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/ranking",
    tag: "Claims",
    pathParams: { projectId: "The project's id." },
    query: rankingQuerySchema,
    summary:
      "The next targets: every open item ranked (pilot, targets and unblockers by score, long tail, blocked), each with its factors and reasons. Filters keep the positions of the whole list.",
    response: { status: 200, schema: rankingOutputSchema, description: "The top of the list." },
    errors: [400, 401, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/progress",
    tag: "Progress",
    pathParams: { projectId: "The project's id." },
    query: progressApiQuerySchema,
    summary:
      "The progress dashboard, computed from the item history: burn-up, traffic share, cumulative flow (daily, in the project's time zone), forecast, quadrant, breakdown by owner, dependency readiness and the first page of activity. Kind, team and owner select items by what they are now.",
    response: { status: 200, schema: progressOutputSchema, description: "Every chart's data." },
    errors: [400, 401, 404],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/progress/{chart}",
    tag: "Progress",
    pathParams: { projectId: "The project's id.", chart: `One of ${CHARTS.join(", ")}.` },
    query: chartApiQuerySchema,
    summary: "One chart's data, as JSON or (format=csv) as a CSV download.",
    response: { status: 200, schema: chartOutputSchema, description: "The chart's data (or text/csv)." },
    errors: [400, 401, 404],
  },
];

function importEndpoints(): Endpoint[] {
  const pathParams = { projectId: "The project's id." };
  const withImport = { ...pathParams, importId: "The import's id (from the preview)." };
  const preview = z
    .object({
      id: z.string(),
      format: z.string(),
      fileName: z.string(),
      status: z.enum(["PREVIEW", "COMMITTED", "DISCARDED"]),
      summary: z.record(z.string(), z.unknown()).describe("new, changed, unchanged, restored, errors, warnings, byKind, relations, teamsToCreate, traffic"),
      issues: z.array(
        z.object({ file: z.string(), line: z.number().optional(), field: z.string().optional(), message: z.string(), severity: z.enum(["error", "warning"]) }),
      ),
    })
    .meta({ id: "ImportPreview" });
  return [
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/imports",
      tag: "Import",
      pathParams,
      query: importQuerySchema,
      upload: true,
      summary:
        "Upload a file (raw body; an access log is streamed) or several (multipart `file` parts, or a .zip) and get a preview. Errors (with file, line and field) answer 400 and store nothing. A table (csv, json) holds at most 100,000 rows of at most 100 columns, 20,000 characters a cell; links are http(s) or mailto: URLs.",
      response: { status: 201, schema: preview, description: "The preview; commit it to apply." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/imports",
      tag: "Import",
      pathParams,
      summary: "The 20 most recent imports.",
      response: { status: 200, schema: z.object({ data: z.array(preview) }), description: "Recent imports." },
      errors: [401, 404],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/imports/{importId}",
      tag: "Import",
      pathParams: withImport,
      summary: "One import: its summary and issues.",
      response: { status: 200, schema: preview, description: "The import." },
      errors: [401, 404],
    },
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/imports/{importId}/commit",
      tag: "Import",
      pathParams: withImport,
      summary: "Apply a preview in one transaction (compared again with the inventory as it is now).",
      response: { status: 200, schema: preview, description: "Committed." },
      errors: [401, 403, 404, 409],
    },
    {
      method: "post",
      path: "/api/v1/projects/{projectId}/imports/{importId}/routes",
      tag: "Import",
      pathParams: withImport,
      body: addUnmatchedSchema,
      summary:
        "Add routes for paths an access-log import matched to no route: each with a pattern that must match its path; the requests of paths sharing a pattern are added up per day. All or nothing.",
      response: {
        status: 201,
        schema: z.object({ added: z.number(), restored: z.number(), updated: z.number(), unchanged: z.number(), keys: z.array(z.string()) }),
        description: "What was added.",
      },
      errors: [400, 401, 403, 404],
    },
    {
      method: "delete",
      path: "/api/v1/projects/{projectId}/imports/{importId}",
      tag: "Import",
      pathParams: withImport,
      summary: "Discard a preview.",
      response: { status: 204, schema: z.null(), description: "Discarded." },
      errors: [401, 403, 404, 409],
    },
  ];
}

function stewardshipEndpoints(): Endpoint[] {
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

function officeHourEndpoints(): Endpoint[] {
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

function claimEndpoints(): Endpoint[] {
  const params = { projectId: "The project's id.", itemId: "The item's id (a route, module or dependency)." };
  const base = "/api/v1/projects/{projectId}/items/{itemId}/claim";
  return [
    {
      method: "post",
      path: base,
      tag: "Claims",
      pathParams: params,
      body: claimBodySchema,
      bodyOptional: true,
      summary:
        "Claim an item: for yourself (empty body), or — stewards, managers, tokens — for the member named by holderId. At most one active claim per item; a per-person limit applies.",
      response: { status: 201, schema: claimOutputSchema, description: "The new claim." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "delete",
      path: base,
      tag: "Claims",
      pathParams: params,
      summary: "Release the item's active claim: the holder's own, or anyone's for stewards and managers.",
      response: { status: 204, schema: z.null(), description: "Released." },
      errors: [401, 403, 404],
    },
    {
      method: "post",
      path: `${base}/handover`,
      tag: "Claims",
      pathParams: params,
      body: handOverBodySchema,
      summary: "Hand the active claim over to another member: the old claim ends, a new one starts for them.",
      response: { status: 200, schema: claimOutputSchema, description: "The new holder's claim." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: "/api/v1/projects/{projectId}/claims",
      tag: "Claims",
      pathParams: { projectId: params.projectId },
      query: claimListQuerySchema,
      summary: "Active claims, oldest first, each with its staleness (past its expected finish, or no change for the project's number of days) and next step.",
      response: { status: 200, schema: activeClaimListSchema, description: "Active claims." },
      errors: [400, 401, 404],
    },
  ];
}
