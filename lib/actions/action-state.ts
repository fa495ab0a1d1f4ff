import type { ErrorCode, FieldErrors } from "@/lib/errors";

/** What a server action tells its form: a message, field errors, or a secret shown once. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  /** The error's code: a refused input ("invalid_input") has its messages at the fields. */
  code?: ErrorCode;
  fields?: FieldErrors;
  secret?: string;
  /** The submitted values, so a failed form keeps what was typed. */
  values?: Record<string, string>;
} | null;
