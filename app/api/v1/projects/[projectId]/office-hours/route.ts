import { projectRoute } from "@/lib/api/endpoint-route";
import { createSlot, listSlots } from "@/lib/stewardship/office-hours";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/office-hours";

export const GET = projectRoute<Params>("get", path, async ({ db, ctx, params }) => ({ data: await listSlots(db, ctx, params.projectId) }));
/** A recurring weekly slot; overlapping another slot of the same host is refused. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => createSlot(db, ctx, params.projectId, body));
