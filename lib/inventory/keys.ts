import type { ItemKind } from "@/lib/generated/prisma/enums";
import { normalizeRoutePattern } from "@/lib/import/parsers/route-pattern-normalize";

/** The identity of an item inside its project and kind; what imports match on. */
export function itemKey(kind: ItemKind, fields: { method?: string; path?: string; name?: string }): string {
  switch (kind) {
    case "ROUTE":
      return `${(fields.method ?? "GET").toUpperCase()} ${normalizeRoutePattern(fields.path ?? "/")}`;
    case "MODULE":
      return (fields.path ?? "").trim();
    case "DEPENDENCY":
      return (fields.name ?? "").trim().toLowerCase();
  }
}
