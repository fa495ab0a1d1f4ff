import { apiRoute, jsonBody } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { deleteSlot, updateSlot } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; slotId: string };

export const PATCH = apiRoute<Params>(async ({ db, principal, params, request }) =>
  updateSlot(db, await contextForProject(db, principal, params.projectId), params.projectId, params.slotId, await jsonBody(request)),
);

/** Deletes the slot and every sign-up to its sessions. */
export const DELETE = apiRoute<Params>(async ({ db, principal, params }) =>
  deleteSlot(db, await contextForProject(db, principal, params.projectId), params.projectId, params.slotId),
);
