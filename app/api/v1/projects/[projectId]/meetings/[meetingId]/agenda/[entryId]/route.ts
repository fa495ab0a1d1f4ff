import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { removeAgendaEntry } from "@/lib/stewardship/meetings";

type Params = { projectId: string; meetingId: string; entryId: string };

export const DELETE = apiRoute<Params>(async ({ db, principal, params }) => {
  await removeAgendaEntry(db, await contextForProject(db, principal, params.projectId), params.projectId, params.meetingId, params.entryId);
  return new Response(null, { status: 204 });
});
