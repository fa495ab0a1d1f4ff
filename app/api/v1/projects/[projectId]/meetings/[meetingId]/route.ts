import { projectRoute } from "@/lib/api/endpoint-route";
import { getMeeting, updateMeeting } from "@/lib/stewardship/meetings";

type Params = { projectId: string; meetingId: string };
const path = "/api/v1/projects/{projectId}/meetings/{meetingId}";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getMeeting(db, ctx, params.projectId, params.meetingId));
export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updateMeeting(db, ctx, params.projectId, params.meetingId, body));
