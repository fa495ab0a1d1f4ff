import type { ErrorCode, FieldErrors } from "@/lib/errors";
import type { GateName, Missing } from "@/lib/evidence/gates";

/** A 409 from an evidence gate (Verified, switch to new): per item, what is missing and how to get it. */
export type GateRefusal = { gate: GateName; unmet: { itemId: string; key: string; missing: Missing[] }[]; unmetCount: number };

/** What a server action tells its form: a message, field errors, or a secret shown once. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  /** The error's code: a refused input ("invalid_input") has its messages at the fields. */
  code?: ErrorCode;
  fields?: FieldErrors;
  /** The gate that refused the change, when one did: the form shows what is missing. */
  gate?: GateRefusal;
  secret?: string;
  /** The submitted values, so a failed form keeps what was typed. */
  values?: Record<string, string>;
} | null;
