import type { FieldErrors } from "@/lib/errors";

/** What a server action tells its form: a message, field errors, or a secret shown once. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fields?: FieldErrors;
  secret?: string;
  /** The submitted values, so a failed form keeps what was typed. */
  values?: Record<string, string>;
} | null;
