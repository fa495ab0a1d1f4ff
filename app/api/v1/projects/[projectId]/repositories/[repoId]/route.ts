import { projectRoute } from "@/lib/api/endpoint-route";
import { getRepository, unlinkRepository, updateRepository } from "@/lib/repositories/manage";

type Params = { projectId: string; repoId: string };
const path = "/api/v1/projects/{projectId}/repositories/{repoId}";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getRepository(db, ctx, params.projectId, params.repoId));
export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updateRepository(db, ctx, params.projectId, params.repoId, body));
export const DELETE = projectRoute<Params>("delete", path, ({ db, ctx, params }) => unlinkRepository(db, ctx, params.projectId, params.repoId));
