"use server";

import { revalidatePath } from "next/cache";
import { runOrgCall } from "@/lib/actions/org-action";
import { decideProposals } from "@/lib/repositories/proposals";
import { projectPath } from "@/lib/projects/paths";

/** Accepts or rejects code proposals (all or nothing); the review list and the inventory are read again. */
export async function decideProposalsCall(org: string, projectId: string, projectSlug: string, ids: string[], decision: "accept" | "reject") {
  return runOrgCall(org, async ({ db, ctx }) => {
    const result = await decideProposals(db, ctx, projectId, { ids, decision });
    revalidatePath(projectPath(ctx.organizationSlug, projectSlug), "layout");
    return { decided: result.decided };
  });
}
