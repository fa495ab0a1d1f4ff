import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { can } from "@/lib/auth/permissions";
import { cutoverSummary, listSwitches } from "./history";
import { listFreezeWindows } from "./freeze-windows";
import { getCutoverSettings } from "./settings";
import { listScheduledSwitches } from "./scheduled";

/** Everything the Cutover page shows, loaded in order (PGlite answers one query at a time anyway). */
export async function loadCutoverPage(db: Db, ctx: OrgContext, projectId: string, cursor?: string) {
  const scheduled = await listScheduledSwitches(db, ctx, projectId);
  const summary = await cutoverSummary(db, ctx, projectId);
  const windows = await listFreezeWindows(db, ctx, projectId);
  const switches = await listSwitches(db, ctx, projectId, cursor ? { cursor } : {});
  const settings = await getCutoverSettings(db, ctx, projectId);
  return {
    summary,
    scheduled,
    windows,
    switches,
    settings,
    may: {
      switch: can(ctx.role, "cutover:switch"),
      configure: can(ctx.role, "cutover:configure"),
      override: can(ctx.role, "cutover:override-freeze"),
      organization: can(ctx.role, "org:manage"),
    },
  };
}

/** The item page's traffic panel: the route's last switches and the freeze window in force. */
export async function loadRouteTraffic(db: Db, ctx: OrgContext, projectId: string, itemId: string) {
  const scheduled = (await listScheduledSwitches(db, ctx, projectId)).pending.filter((s) => s.itemId === itemId);
  const switches = await listSwitches(db, ctx, projectId, { item: itemId, limit: 10 });
  const windows = await listFreezeWindows(db, ctx, projectId);
  const settings = await getCutoverSettings(db, ctx, projectId);
  return { switches: switches.data, scheduled, frozen: windows.active, upstreamsSet: Boolean(settings.legacyUpstream && settings.newUpstream) };
}
