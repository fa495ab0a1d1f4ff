import { NextResponse } from "next/server";
import type { Db } from "@/lib/db/client";
import { AppError, fromZod, notFound } from "@/lib/errors";
import { contextForProject } from "@/lib/orgs/principal-context";
import type { ApiPrincipal, OrgContext } from "@/lib/tenancy";
import { apiRoute, jsonBody, queryObject } from "./handler";
import { ENDPOINTS, type Endpoint } from "./endpoints";

type Method = Endpoint["method"];
type Args<P> = { db: Db; principal: ApiPrincipal; params: P; request: Request; endpoint: Endpoint; query: Record<string, string>; body: unknown };
type Options = { /** The status of a plain result (201 for a creation). */ status?: number };
/** A documented path, or one computed from the path parameters (the inventory's `{kind}` segment); null → 404. */
type PathOf<P> = string | ((params: P) => string | null);

const byKey = new Map(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e]));

function documented(method: Method, path: string): Endpoint | undefined {
  return byKey.get(`${method} ${path}`);
}

/**
 * A handler for one endpoint of the OpenAPI document (`lib/api/endpoints.ts`), validated by the
 * schemas the document shows: the query by its `query`, the JSON body by its `body` — so what the
 * document promises and what the handler takes cannot drift apart. A path that is not documented
 * fails at start-up, not at a user's request. The handler gets the raw query and body (validated);
 * domain functions parse them again, for callers that are not the API.
 */
export function endpointRoute<P extends Record<string, string> = Record<string, never>>(
  method: Method,
  path: PathOf<P>,
  handler: (args: Args<P>) => Promise<unknown>,
  options: Options = {},
) {
  if (typeof path === "string" && !documented(method, path))
    throw new Error(`${method.toUpperCase()} ${path} is not in lib/api/endpoints.ts: document it there first.`);
  return apiRoute<P>(async ({ db, principal, params, request }) => {
    const resolved = typeof path === "string" ? path : path(params);
    const endpoint = resolved === null ? undefined : documented(method, resolved);
    if (!endpoint) throw notFound("No such API endpoint. See /api/v1/openapi.json.");
    if (principal.kind === "token") assertScope(principal.scope, endpoint);
    const query = queryObject(request);
    if (endpoint.query) {
      const parsed = endpoint.query.safeParse(query);
      if (!parsed.success) throw fromZod(parsed.error, "Invalid query parameters.");
    } else if (Object.keys(query).length) {
      throw new AppError("invalid_input", `This endpoint takes no query parameters (got ${Object.keys(query).slice(0, 5).join(", ")}).`, {
        fields: Object.fromEntries(Object.keys(query).map((k) => [k, ["Unknown parameter."]])),
      });
    }
    let body: unknown = undefined;
    if (endpoint.body) {
      body = await jsonBody(request, { optional: endpoint.bodyOptional, max: endpoint.maxBodyBytes });
      if (endpoint.parseBody) endpoint.parseBody(body);
      else {
        const parsed = endpoint.body.safeParse(body);
        if (!parsed.success) throw fromZod(parsed.error);
      }
    }
    const result = await handler({ db, principal, params, request, endpoint, query, body });
    if (result instanceof Response) return result;
    const status = options.status ?? endpoint.response.status;
    return status === 204 ? noContent() : NextResponse.json(result, { status });
  });
}

/**
 * The same for an endpoint under /api/v1/projects/{projectId}: the principal's context in that
 * project is built once (a token acts in its own project only; a member in the project's
 * organisation; anything else is 404) and handed to the handler.
 */
export function projectRoute<P extends { projectId: string }>(
  method: Method,
  path: PathOf<P>,
  handler: (args: Args<P> & { ctx: OrgContext }) => Promise<unknown>,
  options: Options = {},
) {
  return endpointRoute<P>(
    method,
    path,
    async (args) => handler({ ...args, ctx: await contextForProject(args.db, args.principal, args.params.projectId) }),
    options,
  );
}

const SCOPE_TEXT = {
  ROUTING: "only reads the routing configuration",
  EVIDENCE: "only posts evidence",
  AGENT: "is a coding agent's: it works over MCP (/api/mcp), not this API",
} as const;

/** A token made for one purpose (a proxy, CI, an agent) reaches only the endpoints of that purpose. */
function assertScope(scope: "API" | "ROUTING" | "EVIDENCE" | "AGENT", endpoint: Endpoint) {
  const allowed = endpoint.scopes ?? ["API"];
  if (scope !== "AGENT" && (allowed as string[]).includes(scope)) return;
  throw new AppError("forbidden", `This token ${scope === "API" ? "may not call this endpoint" : SCOPE_TEXT[scope]}.`);
}

/** An empty answer (204) for a handler that answers nothing. */
export const noContent = () => new Response(null, { status: 204 });
