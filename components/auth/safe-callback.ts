/**
 * Only same-site paths may be returned to after signing in (no open redirect). A full URL of this
 * site's own origin (next-auth writes those) counts as its path; any other origin does not.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/", origin?: string | null): string {
  if (!value) return fallback;
  if (value.startsWith("/")) return value.startsWith("//") || value.startsWith("/\\") ? fallback : value;
  if (!origin) return fallback;
  try {
    const url = new URL(value);
    return url.origin === new URL(origin).origin ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

/** The site's own origin on the server (next-auth's NEXTAUTH_URL), if configured. */
export function siteOrigin(): string | null {
  return process.env.NEXTAUTH_URL ?? null;
}
