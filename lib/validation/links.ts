import { z } from "zod";

/**
 * The one rule for links, wherever one is accepted (an item's links from the form, the API or an
 * import; a note's Markdown links): absolute http, https or mailto URLs only. javascript:, data:,
 * vbscript:, file: and relative links are refused.
 *
 * Judged by the WHATWG URL parser — the browser's own — so "java\tscript:", " JAVASCRIPT:" and
 * the like are read as the browser would read them, not as a regular expression guesses.
 */
export const LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;
export const MAX_LINK_LENGTH = 2000;
export const MAX_LINKS = 20;
export const LINK_RULE = "Links must be http(s) or mailto: URLs.";

/** The link, trimmed, if it is an absolute http, https or mailto URL; otherwise undefined. */
export function safeLink(url: string): string | undefined {
  const value = url.trim();
  if (!value || value.length > MAX_LINK_LENGTH) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  if (!(LINK_PROTOCOLS as readonly string[]).includes(parsed.protocol)) return undefined;
  // "http:foo" parses (as http://foo/), but a link someone wrote has its "//host".
  if (parsed.protocol !== "mailto:" && !/^https?:\/\/[^/]/i.test(value)) return undefined;
  return value;
}

export const isSafeLink = (url: string) => safeLink(url) !== undefined;

/** One link (trimmed). */
export const linkSchema = z
  .string({ error: LINK_RULE })
  .trim()
  .max(MAX_LINK_LENGTH, `Use at most ${MAX_LINK_LENGTH.toLocaleString("en")} characters.`)
  .refine(isSafeLink, LINK_RULE);

/** An item's links. */
export const linksSchema = z.array(linkSchema).max(MAX_LINKS, `At most ${MAX_LINKS} links.`);

/** Links stored before this rule may not satisfy it: what is served or shown is filtered again. */
export const servableLinks = (links: readonly string[]) => links.filter(isSafeLink);
