import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { getMeeting, updateMeeting } from "@/lib/stewardship/meetings";

type Params = { projectId: string; meetingId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params }) =>
  getMeeting(db, await contextForProject(db, principal, params.projectId), params.projectId, params.meetingId),
);

export const PATCH = apiRoute<Params>(async ({ db, principal, params, request }) =>
  updateMeeting(db, await contextForProject(db, principal, params.projectId), params.projectId, params.meetingId, await jsonBody(request)),
);
