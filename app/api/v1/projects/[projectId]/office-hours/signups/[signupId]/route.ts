import { projectRoute } from "@/lib/api/endpoint-route";
import { cancelSignup, updateSignup } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; signupId: string };
const path = "/api/v1/projects/{projectId}/office-hours/signups/{signupId}";

/** Hosts: notes, answered, raise to the next meeting. */
export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updateSignup(db, ctx, params.projectId, params.signupId, body));
/** Cancels the sign-up: the person's own, or any for hosts and stewards. */
export const DELETE = projectRoute<Params>("delete", path, ({ db, ctx, params }) => cancelSignup(db, ctx, params.projectId, params.signupId));
