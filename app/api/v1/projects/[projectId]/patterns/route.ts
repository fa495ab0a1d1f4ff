import { projectRoute } from "@/lib/api/endpoint-route";
import { createPattern } from "@/lib/repositories/pattern-manage";
import { listPatterns } from "@/lib/repositories/pattern-read";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/patterns";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => listPatterns(db, ctx, params.projectId));
/** Defines a pattern that must disappear from the code; compiled now, so a bad one is a 400 at its field. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => createPattern(db, ctx, params.projectId, body));
