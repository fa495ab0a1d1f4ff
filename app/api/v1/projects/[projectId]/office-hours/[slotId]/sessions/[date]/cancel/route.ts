import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { cancelSession } from "@/lib/stewardship/office-hours";

type Params = { projectId: string; slotId: string; date: string };

export const POST = apiRoute<Params>(async ({ db, principal, params }) =>
  cancelSession(db, await contextForProject(db, principal, params.projectId), params.projectId, params.slotId, { date: params.date }),
);
