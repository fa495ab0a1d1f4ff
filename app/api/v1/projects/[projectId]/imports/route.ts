import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { contextForProject } from "@/lib/api/principal-context";
import { readImportRequest } from "@/lib/import/pipeline/http-upload";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { listImports } from "@/lib/import/pipeline/import-batches";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ db, principal, params }) => ({
  data: await listImports(db, await contextForProject(db, principal, params.projectId), params.projectId),
}));

export const POST = apiRoute<Params>(async ({ db, principal, params, request }) => {
  const ctx = await contextForProject(db, principal, params.projectId);
  const upload = await readImportRequest(request);
  return NextResponse.json(await previewUpload(db, ctx, params.projectId, upload), { status: 201 });
});
