/** The brief over HTTP: JSON by default, Markdown when the client asks for it (`Accept: text/markdown`). */
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import type { OrgContext } from "@/lib/tenancy";
import { buildBrief, briefMarkdown } from "./brief";

/** Markdown when text/markdown is acceptable and preferred over JSON (a browser asking for anything gets JSON). */
export function wantsMarkdown(accept: string | null): boolean {
  if (!accept) return false;
  const ranges = accept.split(",").map((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return { type: type.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
  });
  const md = ranges.find((r) => r.type === "text/markdown")?.q ?? 0;
  const json = ranges.find((r) => r.type === "application/json")?.q ?? 0;
  return md > 0 && md >= json;
}

/** `format=markdown` for a link a browser follows (it cannot set Accept); otherwise Accept decides. */
export const briefQuerySchema = z.object({ format: z.enum(["json", "markdown"], { error: "format is json or markdown." }).optional() }).strict();

export async function briefResponse(db: Db, ctx: OrgContext, projectId: string, itemId: string, accept: string | null, rawQuery: unknown = {}) {
  const { format } = parseInput(briefQuerySchema, rawQuery);
  const brief = await buildBrief(db, ctx, projectId, itemId);
  if (format === "json" || (format === undefined && !wantsMarkdown(accept))) return brief;
  return new Response(briefMarkdown(brief), {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Cache-Control": "no-store", Vary: "Accept", "X-Content-Type-Options": "nosniff" },
  });
}
