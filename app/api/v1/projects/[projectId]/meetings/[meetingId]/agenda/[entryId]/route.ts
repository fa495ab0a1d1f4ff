import { noContent, projectRoute } from "@/lib/api/endpoint-route";
import { removeAgendaEntry } from "@/lib/stewardship/meetings";

export const DELETE = projectRoute<{ projectId: string; meetingId: string; entryId: string }>(
  "delete",
  "/api/v1/projects/{projectId}/meetings/{meetingId}/agenda/{entryId}",
  async ({ db, ctx, params }) => {
    await removeAgendaEntry(db, ctx, params.projectId, params.meetingId, params.entryId);
    return noContent();
  },
);
