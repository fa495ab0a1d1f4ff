import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { thisWeek } from "@/lib/stewardship/meetings";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params }) =>
  thisWeek(db, await contextForProject(db, principal, params.projectId), params.projectId),
);
