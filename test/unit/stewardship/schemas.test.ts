import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/errors";
import {
  actionItemSchema,
  agendaEntryInputSchema,
  decisionCreateSchema,
  decisionUpdateSchema,
  meetingCreateSchema,
  meetingSettingsSchema,
  signupSchema,
} from "@/lib/stewardship/schemas";

const schemas: Record<string, z.ZodType> = {
  actionItemSchema,
  agendaEntryInputSchema,
  decisionCreateSchema,
  decisionUpdateSchema,
  meetingCreateSchema,
  meetingSettingsSchema,
  signupSchema,
};
const utc = (s: string) => new Date(`${s}T00:00:00.000Z`);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);

/** The field errors of a refused input; fails the test if it was accepted. */
function errorsOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  return fieldErrorsOf(result.error);
}

describe("accepted input", () => {
  test.each([
    ["meetingCreateSchema", { date: "2026-11-09" }, { date: utc("2026-11-09") }],
    ["meetingCreateSchema", { date: " 2026-11-09 ", time: "09:30", title: "  Weekly  " }, { date: utc("2026-11-09"), time: "09:30", title: "Weekly" }],
    // A form's empty fields are absent.
    ["meetingCreateSchema", { date: "2026-11-09", time: "", title: "" }, { date: utc("2026-11-09") }],
    ["agendaEntryInputSchema", { title: "Talk about caching" }, { title: "Talk about caching", detail: "", itemIds: [] }],
    ["agendaEntryInputSchema", { title: "T", detail: " d ", itemIds: ["a", "b", "a"] }, { title: "T", detail: "d", itemIds: ["a", "b"] }],
    ["actionItemSchema", { text: "Ask ops", ownerId: "", dueDate: "" }, { text: "Ask ops", ownerId: null, itemIds: [] }],
    [
      "actionItemSchema",
      { text: "Ask ops", ownerId: "u1", dueDate: "2026-11-12", itemIds: ids(20) },
      { text: "Ask ops", ownerId: "u1", dueDate: utc("2026-11-12"), itemIds: ids(20) },
    ],
    ["actionItemSchema", { text: "Ask ops", ownerId: null }, { text: "Ask ops", ownerId: null, itemIds: [] }],
    [
      "decisionCreateSchema",
      { title: "Use Postgres", decision: "We use Postgres." },
      { title: "Use Postgres", context: "", decision: "We use Postgres.", consequences: "", status: "PROPOSED", peopleIds: [], itemIds: [] },
    ],
    [
      "decisionCreateSchema",
      {
        title: "T",
        context: "c",
        decision: "d",
        consequences: "q",
        status: "ACCEPTED",
        decidedOn: "2026-11-09",
        meetingId: "m1",
        peopleIds: ids(20),
        itemIds: ids(50),
        supersedesId: "d0",
      },
      {
        title: "T",
        context: "c",
        decision: "d",
        consequences: "q",
        status: "ACCEPTED",
        decidedOn: utc("2026-11-09"),
        meetingId: "m1",
        peopleIds: ids(20),
        itemIds: ids(50),
        supersedesId: "d0",
      },
    ],
    [
      "decisionCreateSchema",
      { title: "T", decision: "d", status: "", meetingId: "", supersedesId: "" },
      { title: "T", context: "", decision: "d", consequences: "", status: "PROPOSED", peopleIds: [], itemIds: [] },
    ],
    // An update keeps what it leaves out: no default blanks a field.
    ["decisionUpdateSchema", { status: "REJECTED" }, { status: "REJECTED" }],
    ["decisionUpdateSchema", { context: "", title: " New " }, { context: "", title: "New" }],
    ["signupSchema", { sessionDate: "2026-11-04", topic: "Sessions?", itemId: "" }, { sessionDate: utc("2026-11-04"), topic: "Sessions?" }],
    ["signupSchema", { sessionDate: "2026-11-04", topic: "Sessions?", itemId: "i1" }, { sessionDate: utc("2026-11-04"), topic: "Sessions?", itemId: "i1" }],
    [
      "meetingSettingsSchema",
      { meetingWeekday: "0", meetingTime: "10:00", meetingMinutes: "30" },
      { meetingWeekday: 0, meetingTime: "10:00", meetingMinutes: 30 },
    ],
    [
      "meetingSettingsSchema",
      { meetingWeekday: 6, meetingTime: "23:59", meetingMinutes: 240 },
      { meetingWeekday: 6, meetingTime: "23:59", meetingMinutes: 240 },
    ],
    ["meetingSettingsSchema", { meetingWeekday: 3, meetingTime: "00:00", meetingMinutes: 15 }, { meetingWeekday: 3, meetingTime: "00:00", meetingMinutes: 15 }],
  ] as [string, unknown, unknown][])("%s #%#", (name, input, output) => {
    expect(schemas[name].parse(input)).toEqual(output);
  });
});

describe("refused input, named by field", () => {
  const decision = { title: "T", decision: "d" };
  const settings = { meetingWeekday: 1, meetingTime: "10:00", meetingMinutes: 30 };
  test.each([
    ["meetingCreateSchema", {}, { date: ["Required."] }],
    ["meetingCreateSchema", { date: "" }, { date: ["Required."] }],
    ["meetingCreateSchema", { date: "9/11/2026" }, { date: ["Use the form YYYY-MM-DD."] }],
    ["meetingCreateSchema", { date: "2026-02-30" }, { date: ["Not a real date."] }],
    ["meetingCreateSchema", { date: 20261109 }, { date: ["Use the form YYYY-MM-DD."] }],
    ["meetingCreateSchema", { date: "2026-11-09", time: "9:30" }, { time: ["Use a 24-hour time such as 09:30."] }],
    ["meetingCreateSchema", { date: "2026-11-09", time: "24:00" }, { time: ["Use a 24-hour time such as 09:30."] }],
    ["meetingCreateSchema", { date: "2026-11-09", title: "x".repeat(201) }, { title: ["Use at most 200 characters."] }],
    ["meetingCreateSchema", { date: "2026-11-09", notes: "x" }, { _: ['Unrecognized key: "notes"'] }],
    ["agendaEntryInputSchema", { title: "  " }, { title: ["Required."] }],
    ["agendaEntryInputSchema", { title: "x".repeat(201) }, { title: ["Use at most 200 characters."] }],
    ["agendaEntryInputSchema", { title: "T", detail: "x".repeat(2001) }, { detail: ["Use at most 2000 characters."] }],
    ["agendaEntryInputSchema", { title: "T", itemIds: ids(21) }, { itemIds: ["Choose at most 20 items."] }],
    ["agendaEntryInputSchema", { title: "T", itemIds: ["ok", "no spaces"] }, { "itemIds.1": ["Not a valid id."] }],
    ["agendaEntryInputSchema", { title: "T", kind: "TARGET" }, { _: ['Unrecognized key: "kind"'] }],
    ["actionItemSchema", {}, { text: ["Required."] }],
    ["actionItemSchema", { text: "x".repeat(501) }, { text: ["Use at most 500 characters."] }],
    ["actionItemSchema", { text: "T", ownerId: "bad id!" }, { ownerId: ["Not a valid id."] }],
    ["actionItemSchema", { text: "T", dueDate: "tomorrow" }, { dueDate: ["Use the form YYYY-MM-DD."] }],
    ["actionItemSchema", { text: "T", itemIds: "i1" }, { itemIds: ["A list of items."] }],
    ["actionItemSchema", { text: "T", itemIds: ids(21) }, { itemIds: ["Choose at most 20 items."] }],
    ["decisionCreateSchema", {}, { title: ["Required."], decision: ["Required."] }],
    ["decisionCreateSchema", { ...decision, context: "x".repeat(10_001) }, { context: ["Use at most 10000 characters."] }],
    ["decisionCreateSchema", { ...decision, decision: "x".repeat(10_001) }, { decision: ["Use at most 10000 characters."] }],
    ["decisionCreateSchema", { ...decision, consequences: "x".repeat(10_001) }, { consequences: ["Use at most 10000 characters."] }],
    ["decisionCreateSchema", { ...decision, status: "REJECTED" }, { status: ["A new decision is proposed or accepted."] }],
    ["decisionCreateSchema", { ...decision, status: "SUPERSEDED" }, { status: ["A new decision is proposed or accepted."] }],
    ["decisionCreateSchema", { ...decision, decidedOn: "2026-13-01" }, { decidedOn: ["Not a real date."] }],
    ["decisionCreateSchema", { ...decision, peopleIds: ids(21) }, { peopleIds: ["Choose at most 20 people."] }],
    ["decisionCreateSchema", { ...decision, itemIds: ids(51) }, { itemIds: ["Choose at most 50 items."] }],
    ["decisionCreateSchema", { ...decision, supersedesId: "../x" }, { supersedesId: ["Not a valid id."] }],
    ["decisionCreateSchema", { ...decision, number: 3 }, { _: ['Unrecognized key: "number"'] }],
    ["decisionUpdateSchema", {}, { _: ["Nothing to change."] }],
    ["decisionUpdateSchema", { title: "" }, { title: ["Required."] }],
    ["decisionUpdateSchema", { decision: " " }, { decision: ["Required."] }],
    ["decisionUpdateSchema", { context: "x".repeat(10_001) }, { context: ["Use at most 10000 characters."] }],
    ["decisionUpdateSchema", { status: "SUPERSEDED" }, { status: ["A decision becomes superseded when a new decision that supersedes it is recorded."] }],
    ["decisionUpdateSchema", { status: "DONE" }, { status: ["Choose proposed, accepted or rejected."] }],
    ["decisionUpdateSchema", { decidedOn: "2026-11-09" }, { _: ['Unrecognized key: "decidedOn"'] }],
    ["signupSchema", { topic: "Q" }, { sessionDate: ["Required."] }],
    ["signupSchema", { sessionDate: "2026-11-04", topic: "" }, { topic: ["Required."] }],
    ["signupSchema", { sessionDate: "2026-11-04", topic: "x".repeat(501) }, { topic: ["Use at most 500 characters."] }],
    ["signupSchema", { sessionDate: "2026-11-04", topic: "Q", itemId: "a b" }, { itemId: ["Not a valid id."] }],
    ["meetingSettingsSchema", {}, { meetingWeekday: ["Required."], meetingTime: ["Required."], meetingMinutes: ["Required."] }],
    // "" is not Monday.
    ["meetingSettingsSchema", { ...settings, meetingWeekday: "" }, { meetingWeekday: ["Required."] }],
    ["meetingSettingsSchema", { ...settings, meetingWeekday: null }, { meetingWeekday: ["Required."] }],
    ["meetingSettingsSchema", { ...settings, meetingWeekday: 7 }, { meetingWeekday: ["Choose a day of the week."] }],
    ["meetingSettingsSchema", { ...settings, meetingWeekday: -1 }, { meetingWeekday: ["Choose a day of the week."] }],
    ["meetingSettingsSchema", { ...settings, meetingWeekday: "Monday" }, { meetingWeekday: ["Enter a whole number."] }],
    ["meetingSettingsSchema", { ...settings, meetingWeekday: true }, { meetingWeekday: ["Enter a whole number."] }],
    ["meetingSettingsSchema", { ...settings, meetingTime: "10h" }, { meetingTime: ["Use a 24-hour time such as 09:30."] }],
    ["meetingSettingsSchema", { ...settings, meetingMinutes: 14 }, { meetingMinutes: ["Between 15 and 240 minutes."] }],
    ["meetingSettingsSchema", { ...settings, meetingMinutes: "241" }, { meetingMinutes: ["Between 15 and 240 minutes."] }],
    ["meetingSettingsSchema", { ...settings, meetingMinutes: 30.5 }, { meetingMinutes: ["Enter a whole number."] }],
    ["meetingSettingsSchema", { ...settings, meetingLength: 30 }, { _: ['Unrecognized key: "meetingLength"'] }],
  ] as [string, unknown, Record<string, string[]>][])("%s #%#", (name, input, fields) => {
    expect(errorsOf(schemas[name], input)).toEqual(fields);
  });
});
