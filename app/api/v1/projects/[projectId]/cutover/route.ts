import { projectRoute } from "@/lib/api/endpoint-route";
import { cutoverSummary } from "@/lib/cutover/history";
import { listFreezeWindows } from "@/lib/cutover/freeze-windows";

export const GET = projectRoute<{ projectId: string }>("get", "/api/v1/projects/{projectId}/cutover", async ({ db, ctx, params }) => {
  const [summary, windows] = [await cutoverSummary(db, ctx, params.projectId), await listFreezeWindows(db, ctx, params.projectId)];
  const occurrence = (o: { windowId: string; reason: string; start: Date; end: Date }) => ({ ...o, start: o.start.toISOString(), end: o.end.toISOString() });
  return { ...summary, freeze: { active: windows.active ? occurrence(windows.active) : null, upcoming: windows.upcoming.map(occurrence) } };
});
