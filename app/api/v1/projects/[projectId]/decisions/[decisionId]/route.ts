import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { getDecision, updateDecision } from "@/lib/stewardship/decisions";

type Params = { projectId: string; decisionId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params }) =>
  getDecision(db, await contextForProject(db, principal, params.projectId), params.projectId, params.decisionId),
);

/** Edits a proposed decision, or accepts or rejects it. Accepted decisions answer 409. */
export const PATCH = apiRoute<Params>(async ({ db, principal, params, request }) =>
  updateDecision(db, await contextForProject(db, principal, params.projectId), params.projectId, params.decisionId, await jsonBody(request)),
);
