import { z } from "zod";

const person = z.object({ id: z.string(), name: z.string() });
const date = z.string().describe("ISO 8601");

export const agendaEntryOutputSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    position: z.number().int(),
    kind: z.enum(["OVERDUE_ACTION", "STALE_CLAIM", "DECISION", "QUESTION", "BLOCKED", "TARGET", "CUSTOM"]),
    title: z.string(),
    detail: z.string(),
    itemIds: z.array(z.string()),
    refId: z.string().nullable(),
  })
  .meta({ id: "AgendaEntry" });

export const actionItemOutputSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    text: z.string(),
    ownerId: z.string().nullable(),
    owner: person.nullable(),
    dueDate: date.nullable(),
    itemIds: z.array(z.string()),
    doneAt: date.nullable(),
    createdAt: date,
  })
  .meta({ id: "ActionItem" });

export const meetingOutputSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    date: date,
    startsAt: date,
    title: z.string(),
    notes: z.string().describe("Markdown"),
    agenda: z.array(agendaEntryOutputSchema),
    attendees: z.array(z.object({ user: person })),
    actionItems: z.array(actionItemOutputSchema),
    decisions: z.array(z.object({ id: z.string(), number: z.number().int(), title: z.string(), status: z.string() })),
    carriedOver: z.array(actionItemOutputSchema).optional().describe("Open action items from earlier meetings (GET only)."),
  })
  .meta({ id: "Meeting" });

export const meetingListOutputSchema = z.object({
  data: z.array(z.object({ id: z.string(), date: date, startsAt: date, title: z.string(), _count: z.record(z.string(), z.number()) })),
  nextBefore: z.string().nullable().describe("Pass as `before` for the next page."),
});

const decisionLink = z.object({ id: z.string(), number: z.number().int(), title: z.string() }).nullable();

export const decisionOutputSchema = z
  .object({
    id: z.string(),
    number: z.number().int().describe("D-<number> within the project."),
    title: z.string(),
    context: z.string(),
    decision: z.string(),
    consequences: z.string().describe("Markdown, like context and decision."),
    status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED", "SUPERSEDED"]),
    decidedOn: date.nullable(),
    meetingId: z.string().nullable(),
    supersededBy: decisionLink,
    supersedes: decisionLink,
    people: z.array(z.object({ user: person })),
    items: z.array(z.object({ item: z.object({ id: z.string(), kind: z.string(), key: z.string() }) })),
    revisions: z
      .array(z.object({ field: z.string(), fromValue: z.string().nullable(), toValue: z.string().nullable(), actorId: z.string().nullable(), at: date }))
      .optional(),
  })
  .meta({ id: "Decision" });

export const decisionListOutputSchema = z.object({ data: z.array(decisionOutputSchema), nextCursor: z.number().int().nullable() });

export const thisWeekOutputSchema = z.object({
  meeting: z.object({ id: z.string(), date: date, title: z.string(), startsAt: date }).nullable(),
  openByOwner: z.array(z.object({ owner: person.nullable(), items: z.array(actionItemOutputSchema) })),
  overdue: z.number().int(),
  changes: z.object({
    ported: z.number(),
    verified: z.number(),
    retired: z.number(),
    started: z.number(),
    claims: z.number(),
    decisions: z.array(z.unknown()),
  }),
});
