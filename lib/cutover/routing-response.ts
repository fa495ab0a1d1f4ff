import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { parseInput } from "@/lib/errors";
import { CONTENT_TYPES, exportRouting } from "./routing/export";
import { loadRoutingLedger, routingVersion } from "./ledger";
import { routingQuerySchema } from "./routing-query";

/**
 * The routing configuration as an HTTP answer. The ETag comes from the project's version, so an
 * unchanged configuration is answered 304 before anything is loaded or built (a proxy polls this
 * every few seconds). What the export could not express travels in a header, as JSON.
 */
export async function routingResponse(db: Db, ctx: OrgContext, projectId: string, query: unknown, ifNoneMatch: string | null): Promise<Response> {
  const { format } = parseInput(routingQuerySchema, query);
  const etag = await routingVersion(db, ctx, projectId, format);
  if (
    ifNoneMatch &&
    ifNoneMatch
      .split(",")
      .map((t) => t.trim())
      .includes(etag)
  )
    return new Response(null, { status: 304, headers: { ETag: etag } });
  const result = exportRouting(await loadRoutingLedger(db, ctx, projectId), format);
  return new Response(result.text, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      ETag: etag,
      "Cache-Control": "no-cache",
      "X-Waypoint-Unexpressed": String(result.unexpressed.length),
    },
  });
}
