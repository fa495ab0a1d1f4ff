import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { setActionItemDone } from "@/lib/stewardship/meetings";

type Params = { projectId: string; actionItemId: string };

/** `{ "done": true }` closes it (its owner, or a steward); false opens it again. */
export const PATCH = apiRoute<Params>(async ({ db, principal, params, request }) =>
  setActionItemDone(db, await contextForProject(db, principal, params.projectId), params.projectId, params.actionItemId, await jsonBody(request)),
);
