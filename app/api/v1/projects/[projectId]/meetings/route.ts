import { projectRoute } from "@/lib/api/endpoint-route";
import { createMeeting, listMeetings } from "@/lib/stewardship/meetings";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/meetings";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params, query }) => listMeetings(db, ctx, params.projectId, query));
/** Creates the meeting of a day with its proposed agenda. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => createMeeting(db, ctx, params.projectId, body));
