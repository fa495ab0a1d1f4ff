import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { addAgendaEntry, reorderAgendaEntries } from "@/lib/stewardship/meetings";

type Params = { projectId: string; meetingId: string };

/** Adds an entry of the stewards' own at the end. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  return NextResponse.json(await addAgendaEntry(db, ctx, params.projectId, params.meetingId, await jsonBody(request)), { status: 201 });
});

/** Puts the agenda in a new order: `{ "entryIds": [...] }`, every entry once. */
export const PUT = apiRoute<Params>(async ({ db, principal, params, request }) => ({
  data: await reorderAgendaEntries(db, await contextForProject(db, principal, params.projectId), params.projectId, params.meetingId, await jsonBody(request)),
}));
