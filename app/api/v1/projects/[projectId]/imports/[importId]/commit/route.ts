import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { commitImport } from "@/lib/import/pipeline/import-batches";

type Params = { projectId: string; importId: string };

export const POST = apiRoute<Params>(async ({ db, principal, params }) =>
  commitImport(db, await contextForProject(db, principal, params.projectId), params.projectId, params.importId),
);
