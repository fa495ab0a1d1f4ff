import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { linkSupersededBy } from "@/lib/stewardship/decisions";

type Params = { projectId: string; decisionId: string };

/** Marks an accepted decision as superseded by an already recorded one; a loop answers 400. */
export const POST = apiRoute<Params>(async ({ db, principal, params, request }) =>
  linkSupersededBy(db, await contextForProject(db, principal, params.projectId), params.projectId, params.decisionId, await jsonBody(request)),
);
