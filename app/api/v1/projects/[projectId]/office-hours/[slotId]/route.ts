import { projectRoute } from "@/lib/api/endpoint-route";
import { deleteSlot, updateSlot } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; slotId: string };
const path = "/api/v1/projects/{projectId}/office-hours/{slotId}";

export const PATCH = projectRoute<Params>("patch", path, ({ db, ctx, params, body }) => updateSlot(db, ctx, params.projectId, params.slotId, body));
/** Deletes the slot and every sign-up to its sessions. */
export const DELETE = projectRoute<Params>("delete", path, ({ db, ctx, params }) => deleteSlot(db, ctx, params.projectId, params.slotId));
