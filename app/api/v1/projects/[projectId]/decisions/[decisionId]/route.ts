import { projectRoute } from "@/lib/api/endpoint-route";
import { getDecision, updateDecision } from "@/lib/stewardship/decisions";

type Params = { projectId: string; decisionId: string };
const path = "/api/v1/projects/{projectId}/decisions/{decisionId}";

export const GET = projectRoute<Params>("get", path, ({ db, ctx, params }) => getDecision(db, ctx, params.projectId, params.decisionId));
/** Edits a proposed decision, or accepts or rejects it. Accepted decisions answer 409. */
export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updateDecision(db, ctx, params.projectId, params.decisionId, body));
