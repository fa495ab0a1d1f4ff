import { projectRoute } from "@/lib/api/endpoint-route";
import { createFreezeWindow, listFreezeWindows } from "@/lib/cutover/freeze-windows";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/freeze-windows";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => listFreezeWindows(db, ctx, params.projectId));
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => createFreezeWindow(db, ctx, params.projectId, body));
