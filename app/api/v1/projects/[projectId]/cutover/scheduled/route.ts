import { projectRoute } from "@/lib/api/endpoint-route";
import { listScheduledSwitches, scheduleSwitch } from "@/lib/cutover/scheduled";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/cutover/scheduled";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => listScheduledSwitches(db, ctx, params.projectId));
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => scheduleSwitch(db, ctx, params.projectId, body));
