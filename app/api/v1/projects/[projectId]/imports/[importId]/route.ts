import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { discardImport, getImport } from "@/lib/import/pipeline/import-batches";

type Params = { projectId: string; importId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params }) =>
  getImport(db, await contextForProject(db, principal, params.projectId), params.projectId, params.importId),
);

export const DELETE = apiRoute<Params>(async ({ db, principal, params }) => {
  await discardImport(db, await contextForProject(db, principal, params.projectId), params.projectId, params.importId);
  return new Response(null, { status: 204 });
});
