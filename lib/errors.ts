import { z } from "zod";

/** The one error type of the domain layer. Route handlers and server actions map it; nothing else does. */
export type ErrorCode =
  | "invalid_input"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unsupported_media_type"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

export const ERROR_CODES = [
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "unsupported_media_type",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "internal",
] as const satisfies readonly ErrorCode[];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { fields?: FieldErrors; [key: string]: unknown },
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const forbidden = (message = "You do not have the right to do this.") => new AppError("forbidden", message);
export const conflict = (message: string, details?: AppError["details"]) => new AppError("conflict", message, details);
/** Too many failed attempts: `retryAfter` whole seconds until the next one is heard. */
export const rateLimited = (retryAfter: number, what = "Too many failed attempts") =>
  new AppError("rate_limited", `${what}: try again in ${retryAfter} s.`, { retryAfter });
/** Busy for now, not broken: `retryAfter` whole seconds (a load balancer may retry elsewhere). */
export const unavailable = (retryAfter: number, message: string) => new AppError("unavailable", message, { retryAfter });

/**
 * A database too busy to serve a transaction: Prisma's P2028 ("Transaction API error"), which it
 * gives when no connection came within the transaction's `maxWait` or when a transaction ran past
 * its `timeout`. With many instances on one pooled database that is load, not a bug: 503 and
 * Retry-After instead of a 500. Recognised by code, as every Prisma error here; anything else
 * stays a 500.
 */
export function databaseBusyError(error: unknown): AppError | null {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2028") return null;
  return unavailable(1, "The server is busy: try again in a moment.");
}

/** A body past `max` bytes (413). */
export function tooLarge(max: number, what = "The request body"): AppError {
  const size = max >= 1024 * 1024 ? `${Math.round(max / 1024 / 1024)} MB` : `${Math.round(max / 1024)} KB`;
  return new AppError("payload_too_large", `${what} is larger than ${size}.`, { limitBytes: max });
}
export const invalid = (message: string, fields?: FieldErrors) => new AppError("invalid_input", message, fields ? { fields } : undefined);

/** Field path → messages, from a zod error. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function fromZod(error: z.ZodError, what = "The input is invalid."): AppError {
  const fields = fieldErrorsOf(error);
  const first = Object.entries(fields)[0];
  const summary = first ? `${what} ${first[0] === "_" ? "" : `${first[0]}: `}${first[1][0]}` : what;
  return new AppError("invalid_input", summary.trim(), { fields });
}

/** Parses or throws an invalid_input AppError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(result.error);
  return result.data;
}

/** Prisma errors are recognised by code, never by message text. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
