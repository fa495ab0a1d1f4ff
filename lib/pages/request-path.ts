/**
 * The request header in which the proxy (proxy.ts) records the path and query of the page asked
 * for, so that a page guard can send a signed-out visitor to sign-in and back to that very page.
 * The proxy always overwrites it: a value sent by the client never reaches a page.
 */
export const REQUEST_PATH_HEADER = "x-waypoint-path";

/** The page's path and query, without the router's own `_rsc` cache-busting parameter. */
export function pagePath(url: { pathname: string; search: string }): string {
  const search = new URLSearchParams(url.search);
  search.delete("_rsc");
  const query = search.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}
