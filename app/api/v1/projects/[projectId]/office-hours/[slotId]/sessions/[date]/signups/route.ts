import { projectRoute } from "@/lib/api/endpoint-route";
import { sessionSignups, signUp } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; slotId: string; date: string };
const path = "/api/v1/projects/{projectId}/office-hours/{slotId}/sessions/{date}/signups";

/** The session's sign-ups: all of them for its hosts and stewards, one's own for others. */
export const GET = projectRoute<Params>("get", path, async ({ db, ctx, params }) => ({
  data: await sessionSignups(db, ctx, params.projectId, params.slotId, { date: params.date }),
}));
/** Sign up with a topic (and optionally an item): `{ "topic", "itemId"? }`. */
export const POST = projectRoute<Params>("post", path, ({ db, ctx, params, body }) =>
  signUp(db, ctx, params.projectId, params.slotId, { ...(body as object), sessionDate: params.date }),
);
