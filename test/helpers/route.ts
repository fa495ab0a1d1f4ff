/** A route handler as Next.js calls it. */
export type RouteHandler = (r: Request, c: { params: Promise<never> }) => Response | Promise<Response>;

export type CallInit = RequestInit & { query?: string; json?: unknown };

/**
 * Calls a route handler with path params, a query string and optionally a JSON body, as the app's
 * own pages would send it: from the app's origin, a body declared `application/json`. A test that
 * is about other origins or content types sets those headers itself.
 */
export function callRoute(handler: RouteHandler, params: object, init: CallInit = {}): Promise<Response> {
  const { json, query, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (!headers.has("origin")) headers.set("origin", "http://localhost");
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  if (typeof body === "string" && !headers.has("content-type")) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost/x${query ?? ""}`, { ...rest, headers, ...(body !== undefined ? { body } : {}) });
  return Promise.resolve(handler(request, { params: Promise.resolve(params as never) }));
}

/** The same, answering the status and the parsed JSON body (null for 204). */
export async function call(handler: RouteHandler, params: object, init: CallInit = {}) {
  const response = await callRoute(handler, params, init);
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}
