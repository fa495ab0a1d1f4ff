import { projectRoute } from "@/lib/api/endpoint-route";
import { linkRepository, listRepositories } from "@/lib/repositories/manage";

type Params = { projectId: string };
const path = "/api/v1/projects/{projectId}/repositories";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => listRepositories(db, ctx, params.projectId));
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) => linkRepository(db, ctx, params.projectId, body));
