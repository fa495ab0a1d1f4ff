import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { AppError } from "@/lib/errors";

/**
 * The porting brief of one item (issue 23). The contract the MCP tool and the REST endpoint are
 * written against; the builder lands with the brief itself.
 */
export type Brief = { item: { id: string; key: string } } & Record<string, unknown>;

export async function buildBrief(_db: Db, _ctx: OrgContext, _projectId: string, _itemId: string): Promise<Brief> {
  throw new AppError("internal", "The porting brief is not built yet.");
}

export function briefMarkdown(brief: Brief): string {
  return `# ${brief.item.key}\n`;
}
