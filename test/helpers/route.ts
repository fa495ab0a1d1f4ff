/** A route handler as Next.js calls it. */
export type RouteHandler = (r: Request, c: { params: Promise<never> }) => Response | Promise<Response>;

export type CallInit = RequestInit & { query?: string; json?: unknown };

/** Calls a route handler with path params, a query string and optionally a JSON body. */
export function callRoute(handler: RouteHandler, params: object, init: CallInit = {}): Promise<Response> {
  const { json, query, ...rest } = init;
  const request = new Request(`http://localhost/x${query ?? ""}`, { ...rest, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  return Promise.resolve(handler(request, { params: Promise.resolve(params as never) }));
}

/** The same, answering the status and the parsed JSON body (null for 204). */
export async function call(handler: RouteHandler, params: object, init: CallInit = {}) {
  const response = await callRoute(handler, params, init);
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}
