/**
 * Strict-Transport-Security, sent only on responses that reached the browser over TLS: a browser
 * ignores it over plain HTTP anyway, and sending it from `http://localhost` would only mislead.
 * Behind a TLS-terminating proxy the request arrives as HTTP; with WAYPOINT_TRUST_PROXY=1 the
 * proxy's X-Forwarded-Proto says how the browser connected (the same trust as for its address).
 */
export const HSTS = "max-age=63072000; includeSubDomains";

export function servedOverTls(protocol: string, forwardedProto: string | null, trustProxy: boolean): boolean {
  if (protocol === "https:") return true;
  return trustProxy && forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}
