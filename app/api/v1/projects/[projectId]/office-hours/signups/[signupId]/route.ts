import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { cancelSignup, updateSignup } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; signupId: string };

/** Hosts: notes, answered, raise to the next meeting. */
export const PATCH = apiRoute<Params>(async ({ db, principal, params, request }) =>
  updateSignup(db, await contextForProject(db, principal, params.projectId), params.projectId, params.signupId, await jsonBody(request)),
);

/** Cancels the sign-up: the person's own, or any for hosts and stewards. */
export const DELETE = apiRoute<Params>(async ({ db, principal, params }) =>
  cancelSignup(db, await contextForProject(db, principal, params.projectId), params.projectId, params.signupId),
);
