import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, HTTP_STATUS, fromZod } from "@/lib/errors";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";
import { getSessionUserId } from "@/lib/auth/session";
import type { ApiPrincipal } from "@/lib/tenancy";

export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

export function errorResponse(error: AppError): NextResponse<ApiErrorBody> {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    { status: HTTP_STATUS[error.code], headers: error.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="waypoint"' } : {} },
  );
}

/** Bearer token first (a request that sends one is judged by it alone), then the session cookie. */
async function resolvePrincipal(db: Db, request: Request): Promise<ApiPrincipal> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AppError("unauthenticated", "The Authorization header must be `Bearer <token>`.");
    const principal = await authenticateApiToken(db, match[1]);
    if (!principal) throw new AppError("unauthenticated", "This API token is not valid or has been revoked.");
    return principal;
  }
  const userId = await getSessionUserId();
  if (!userId) throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return { kind: "session", userId };
}

export function queryObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** Reads a JSON body; malformed JSON is a 400 naming the problem, not a 500. */
export async function jsonBody(request: Request, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) {
    if (options.optional) return {};
    throw new AppError("invalid_input", "The request body must be a JSON object.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const result = schema.safeParse(queryObject(request));
  if (!result.success) throw fromZod(result.error, "Invalid query parameters.");
  return result.data;
}

type Handler<P> = (args: { db: Db; principal: ApiPrincipal; request: Request; params: P }) => Promise<Response | unknown>;

/**
 * The one wrapper of /api/v1 handlers: resolves the principal, runs the handler, turns its
 * result into JSON and any AppError into `{ error: { code, message, details } }`.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const principal = await resolvePrincipal(db, request);
      const result = await handler({ db, principal, request, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      console.error("API error", error);
      return errorResponse(new AppError("internal", "Something went wrong on our side. It has been logged."));
    }
  };
}
