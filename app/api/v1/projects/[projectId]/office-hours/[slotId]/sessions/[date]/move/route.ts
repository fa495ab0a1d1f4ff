import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { moveSession } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; slotId: string; date: string };

/** `{ "to": "<ISO instant>" }` */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const body = (await jsonBody(request)) as Record<string, unknown>;
  return moveSession(db, await contextForProject(db, principal, params.projectId), params.projectId, params.slotId, { ...body, date: params.date });
});
