import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { parseInput } from "@/lib/errors";
import type { ParsedUpstream, RoutingLedger } from "./types";

/**
 * Validation of the ledger before any configuration is written. Whatever reaches a generated file
 * passes through here first: upstreams are reduced to scheme, host and port (nothing else of the
 * text survives), names are plain tokens, and no pattern may hold a control, format or space
 * character — so a newline, the one thing that would let text start a directive of its own in
 * every format, can never get in. Characters a particular proxy's syntax cannot carry are left to
 * the generators, which report the route instead of writing it (see matchers.ts).
 */

/** Control (newlines, NUL), format (bidi overrides, zero-width), private-use, surrogate, space and separator characters. */
const UNSAFE_CHARACTER = /[\p{C}\p{Z}]/u;

/** A DNS name: labels of letters, digits and inner hyphens. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** scheme://host:port/ with every part but the host optional; the host as a name, IPv4 or [IPv6]. */
const UPSTREAM = /^(?:(https?):\/\/)?(\[[0-9A-Fa-f:.]+\]|[^/:[\]]+)(?::([0-9]{1,5}))?\/?$/;

/** "http://10.0.0.5:8080" / "10.0.0.5:8080" → its parts, or a message saying what is wrong. */
export function parseUpstreamUrl(url: string): ParsedUpstream | string {
  if (UNSAFE_CHARACTER.test(url)) return "Use no spaces or control characters.";
  const m = UPSTREAM.exec(url.trim());
  if (!m) return 'Use http(s)://host:port, e.g. "http://10.0.0.5:8080" (no path, user or query).';
  const scheme = (m[1] ?? "http") as "http" | "https";
  const rawHost = m[2];
  const host = rawHost.startsWith("[") ? rawHost.toLowerCase() : rawHost.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") ? !isIPv6(host.slice(1, -1)) : !(isIPv4(host) || (HOSTNAME.test(host) && !/^[0-9.]+$/.test(host)))) {
    return "The host must be a DNS name, an IPv4 address or an [IPv6] address.";
  }
  const port = m[3] === undefined ? (scheme === "https" ? 443 : 80) : Number(m[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return "The port must be 1–65535.";
  const address = `${host}:${port}`;
  return { scheme, host, port, address, url: `${scheme}://${address}`, ip: host.startsWith("[") || isIPv4(host) };
}

const upstreamSchema = z
  .object({ url: z.string().max(300) })
  .strict()
  .transform((u, ctx) => {
    const parsed = parseUpstreamUrl(u.url);
    if (typeof parsed === "string") {
      ctx.addIssue({ code: "custom", path: ["url"], message: parsed });
      return z.NEVER;
    }
    return { url: parsed.url };
  });

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use 1–64 letters, digits, '_' or '-'.");

const stateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("legacy") }).strict(),
  z.object({ kind: z.literal("shadow") }).strict(),
  z.object({ kind: z.literal("canary"), percent: z.number().int("Use a whole percentage.").min(1).max(99) }).strict(),
  z.object({ kind: z.literal("new") }).strict(),
]);

export const ledgerRouteSchema = z
  .object({
    id: idSchema,
    method: z.string().regex(/^[A-Z]{1,20}$/, 'Use an upper-case method such as GET, or "ANY".'),
    pattern: z
      .string()
      .min(1)
      .max(2000)
      .refine((p) => !UNSAFE_CHARACTER.test(p), "A pattern may not hold spaces, newlines or other control characters.")
      .refine((p) => p.startsWith("/") || p.startsWith("^/"), 'A pattern starts with "/" (or "^/" for a regular expression).'),
    state: stateSchema,
  })
  .strict();

export const ledgerSchema = z
  .object({
    project: z
      .object({
        id: idSchema,
        slug: z
          .string()
          .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
          .max(64),
      })
      .strict(),
    upstreams: z.object({ legacy: upstreamSchema, new: upstreamSchema, mirror: upstreamSchema.nullish() }).strict(),
    legacyRetired: z.boolean(),
    stickiness: z
      .discriminatedUnion("by", [
        z.object({ by: z.literal("address") }).strict(),
        // Header names as nginx reads them ($http_x_client_id): letters, digits and hyphens.
        z
          .object({
            by: z.literal("header"),
            name: z
              .string()
              .regex(/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/)
              .max(64),
          })
          .strict(),
        z
          .object({
            by: z.literal("cookie"),
            name: z
              .string()
              .regex(/^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$/)
              .max(64),
          })
          .strict(),
      ])
      .optional(),
    routes: z
      .array(ledgerRouteSchema)
      .max(500_000)
      .superRefine((routes, ctx) => {
        const seen = new Set<string>();
        routes.forEach((route, i) => {
          if (seen.has(route.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `Route ids must be unique; "${route.id}" is repeated.` });
          seen.add(route.id);
        });
      }),
  })
  .strict();

/** Validates a ledger (throws an invalid_input AppError naming the field) and fills the defaults. */
export function parseLedger(raw: unknown): RoutingLedger {
  const ledger = parseInput(ledgerSchema, raw);
  return { ...ledger, stickiness: ledger.stickiness ?? { by: "address" } };
}

/** The upstreams of a validated ledger, parsed; the mirror defaults to new. */
export function upstreamsOf(ledger: RoutingLedger): { legacy: ParsedUpstream; new: ParsedUpstream; mirror: ParsedUpstream } {
  const parse = (u: { url: string }) => parseUpstreamUrl(u.url) as ParsedUpstream;
  return { legacy: parse(ledger.upstreams.legacy), new: parse(ledger.upstreams.new), mirror: parse(ledger.upstreams.mirror ?? ledger.upstreams.new) };
}
