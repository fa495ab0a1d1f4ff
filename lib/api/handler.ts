import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, HTTP_STATUS, databaseBusyError, fromZod, rateLimited, tooLarge } from "@/lib/errors";
import { clientAddressOf } from "@/lib/auth/client-address";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { lockedFor, recordFailure, RULES, throttleKeys } from "@/lib/auth/throttle";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";
import { getSessionUserId } from "@/lib/auth/session";
import type { ApiPrincipal } from "@/lib/tenancy";

export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

function errorHeaders(error: AppError): Record<string, string> {
  if (error.code === "unauthenticated") return { "WWW-Authenticate": 'Bearer realm="waypoint"' };
  if ((error.code === "rate_limited" || error.code === "unavailable") && typeof error.details?.retryAfter === "number")
    return { "Retry-After": String(error.details.retryAfter) };
  return {};
}

export function errorResponse(error: AppError): NextResponse<ApiErrorBody> {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    { status: HTTP_STATUS[error.code], headers: errorHeaders(error) },
  );
}

/**
 * Bearer token first (a request that sends one is judged by it alone), then the session cookie.
 * Failed token checks are throttled per client address, like sign-ins: guessing is slowed down for
 * every instance at once, and a throttled address is refused before any token is looked up.
 */
export async function resolvePrincipal(db: Db, request: Request): Promise<ApiPrincipal> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const address = clientAddressOf(request.headers);
    const throttleKey = throttleKeys.tokenAddress(address);
    const wait = await lockedFor(db, [throttleKey]);
    if (wait > 0) {
      await recordAuthEvent(db, { action: "token.throttled", address });
      throw rateLimited(wait, "Too many failed token checks from this address");
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match ? await authenticateApiToken(db, match[1]) : null;
    if (!principal) {
      await recordFailure(db, [{ key: throttleKey, rule: RULES.address }]);
      await recordAuthEvent(db, { action: "token.failed", address });
      throw new AppError("unauthenticated", match ? "This API token is not valid or has been revoked." : "The Authorization header must be `Bearer <token>`.");
    }
    return principal;
  }
  const userId = await getSessionUserId();
  if (!userId) throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return { kind: "session", userId };
}

export function queryObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The largest JSON body an endpoint takes (the longest legitimate ones, 5,000 ids or 50,000 characters of notes, are well under). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * A request's body, refused with 413 as soon as it passes `max` bytes: a `Content-Length` above it
 * is refused before anything is read, and one that lies (or a chunked body) is cut off while
 * reading, so an oversized body is never held in memory whole.
 */
export async function readBodyLimited(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a JSON body. It must be at most 1 MB unless the endpoint says otherwise (413), declared `application/json` (415 otherwise: a
 * form or a text/plain body is how another site would post one) and be valid UTF-8 and valid JSON
 * (400 naming the problem, never a 500, and nothing stored with U+FFFD in place of the bad bytes).
 */
export async function jsonBody(request: Request, options: { optional?: boolean; max?: number } = {}): Promise<unknown> {
  const bytes = await readBodyLimited(request, options.max ?? MAX_JSON_BODY_BYTES);
  const type = request.headers.get("content-type");
  if (bytes.length > 0 && !(type && JSON_TYPE.test(type))) {
    throw new AppError(
      "unsupported_media_type",
      `Send the body as JSON with \`Content-Type: application/json\` (got ${type ? `\`${type.split(";")[0].slice(0, 80)}\`` : "none"}).`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid UTF-8.");
  }
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

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A write authenticated by the session cookie must come from the app's own pages. Browsers send
 * the session cookie with a same-site request from another port or subdomain (SameSite=Lax), so a
 * page there could otherwise post to the API as the signed-in user. Modern browsers send `Origin`
 * (and `Sec-Fetch-Site`) on every such request; a missing one is refused too. Bearer tokens are
 * not sent by browsers on their own and are not concerned.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== "null" ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  const appHost = process.env.NEXTAUTH_URL ? safeHost(process.env.NEXTAUTH_URL) : null;
  if (site !== "cross-site" && site !== "same-site" && originHost && (originHost === host || originHost === appHost)) return;
  throw new AppError(
    "forbidden",
    "This request came from another site: a change made with your session must come from Waypoint's own pages (API clients use a token).",
  );
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * The one wrapper of /api/v1 handlers: resolves the principal (refusing a cookie-authenticated
 * write from another origin), runs the handler, turns its result into JSON and any AppError into
 * `{ error: { code, message, details } }`.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const principal = await resolvePrincipal(db, request);
      if (principal.kind === "session") assertSameOrigin(request);
      const result = await handler({ db, principal, request, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      const busy = databaseBusyError(error);
      if (busy) {
        console.warn("API busy (503):", (error as Error).message);
        return errorResponse(busy);
      }
      console.error("API error", error);
      return errorResponse(new AppError("internal", "Something went wrong on our side. It has been logged."));
    }
  };
}
