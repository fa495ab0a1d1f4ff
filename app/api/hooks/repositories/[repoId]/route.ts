import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { handlePushWebhook } from "@/lib/repositories/push-webhook";

// A repository's push webhook (GitHub, GitLab). Not under /api/v1: the host sends neither a token
// nor a cookie; the signature over the body is the authorisation (lib/repositories/push-webhook.ts).
export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ repoId: string }> }): Promise<Response> {
  const { repoId } = await context.params;
  const answer = await handlePushWebhook(await getDb(), repoId, request);
  return NextResponse.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store", ...answer.headers } });
}
