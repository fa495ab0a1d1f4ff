import { z } from "zod";
import { HTTP_METHODS } from "@/lib/inventory/schemas";
import { normalizeRoutePattern } from "./parsers/route-pattern-normalize";

/*
 * Paths an access log requested that no route matched: what the browser needs to offer adding
 * them (a suggested pattern, the request schema). The database side is unmatched-routes.ts.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEXISH = /^(?=.*\d)[0-9a-f]{16,}$/i;

/**
 * A first guess at the route pattern behind a requested path: numbers, UUIDs and long hex ids
 * become parameters (`/users/42/orders` → `/users/<int:id>/orders`). The user edits it before
 * anything is added; it only saves typing.
 */
export function suggestPattern(path: string): string {
  let n = 0;
  const name = () => (n++ === 0 ? "id" : `id${n}`);
  const segments = path
    .split("?")[0]
    .split("/")
    .map((segment) => {
      if (/^\d+$/.test(segment)) return `<int:${name()}>`;
      if (UUID.test(segment)) return `<uuid:${name()}>`;
      if (HEXISH.test(segment)) return `<${name()}>`;
      return segment;
    });
  return normalizeRoutePattern(segments.join("/") || "/");
}

export const addUnmatchedSchema = z
  .object({
    routes: z
      .array(
        z
          .object({
            method: z
              .string()
              .trim()
              .toUpperCase()
              .pipe(z.enum(HTTP_METHODS, { error: `Choose one of: ${HTTP_METHODS.join(", ")}.` })),
            path: z.string().min(1, "Required.").max(2000),
            pattern: z.string().trim().min(1, "Required.").max(2000),
          })
          .strict(),
      )
      .min(1, "Choose at least one path.")
      .max(200, "At most 200 paths at a time."),
  })
  .strict();

export type AddUnmatchedInput = z.input<typeof addUnmatchedSchema>;
