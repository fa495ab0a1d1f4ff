import { getDb, type Db } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { AppError, databaseBusyError } from "@/lib/errors";
import { orgContextFor } from "@/lib/orgs/membership";
import type { OrgContext } from "@/lib/tenancy";
import type { ActionState, GateRefusal } from "./action-state";

/** The details of a gate's 409, when the error is one (checked, not trusted: details are loose). */
export function gateRefusalOf(error: unknown): GateRefusal | undefined {
  if (!(error instanceof AppError) || error.code !== "conflict") return undefined;
  const d = error.details as Partial<GateRefusal> | undefined;
  if (!d || (d.gate !== "verified" && d.gate !== "switchToNew") || !Array.isArray(d.unmet)) return undefined;
  return { gate: d.gate, unmet: d.unmet, unmetCount: typeof d.unmetCount === "number" ? d.unmetCount : d.unmet.length };
}

/** The form's fields as strings, without the framework's own hidden fields. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    fields[key] = value;
  }
  return fields;
}

export function errorState(error: unknown, values?: Record<string, string>): ActionState {
  error = databaseBusyError(error) ?? error;
  if (error instanceof AppError) {
    const gate = gateRefusalOf(error);
    return { error: error.message, code: error.code, fields: error.details?.fields, ...(gate && { gate }), values: withoutSecrets(values) };
  }
  console.error("Server action failed", error);
  return { error: "Something went wrong on our side. Try again.", values: withoutSecrets(values) };
}

/** A failed form keeps what was typed, but never a password field. */
function withoutSecrets(values?: Record<string, string>) {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password|token|privatekey|secret/i.test(key)));
}

/**
 * The one wrapper of server actions inside an organisation. The organisation comes from the
 * form's `org` field, but it is only a claim: the signed-in user's membership is looked up, and
 * a forged or foreign organisation answers "not found" with nothing changed.
 */
export async function runOrgAction(
  formData: FormData,
  run: (args: { db: Db; ctx: OrgContext; input: Record<string, string> }) => Promise<ActionState | void>,
): Promise<ActionState> {
  const { org, ...input } = formFields(formData);
  try {
    const userId = await getSessionUserId();
    if (!userId) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
    const db = await getDb();
    const ctx = await orgContextFor(db, userId, org ?? "");
    return (await run({ db, ctx, input })) ?? { ok: true };
  } catch (error) {
    return errorState(error, input);
  }
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string[]>; gate?: GateRefusal };

/**
 * For server functions a client component calls for data (a live preview), not a form: the same
 * membership check as runOrgAction, and a result instead of a form state.
 */
export async function runOrgCall<T>(org: string, run: (args: { db: Db; ctx: OrgContext }) => Promise<T>): Promise<CallResult<T>> {
  try {
    const userId = await getSessionUserId();
    if (!userId) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
    const db = await getDb();
    const ctx = await orgContextFor(db, userId, org);
    return { ok: true, data: await run({ db, ctx }) };
  } catch (error) {
    const state = errorState(error);
    return { ok: false, error: state?.error ?? "Something went wrong.", fields: state?.fields, ...(state?.gate && { gate: state.gate }) };
  }
}
