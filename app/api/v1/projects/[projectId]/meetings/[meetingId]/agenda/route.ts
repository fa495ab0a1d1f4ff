import { projectRoute } from "@/lib/api/endpoint-route";
import { addAgendaEntry, reorderAgendaEntries } from "@/lib/stewardship/meetings";

type Params = { projectId: string; meetingId: string };
const path = "/api/v1/projects/{projectId}/meetings/{meetingId}/agenda";

/** Adds an entry of the stewards' own at the end. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => addAgendaEntry(db, ctx, params.projectId, params.meetingId, body));
/** Puts the agenda in a new order: `{ "entryIds": [...] }`, every entry once. */
export const PUT = projectRoute<Params>("put", path, async ({ db, ctx, params, body }) => ({
  data: await reorderAgendaEntries(db, ctx, params.projectId, params.meetingId, body),
}));
