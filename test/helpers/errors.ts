import { AppError } from "@/lib/errors";

/** "ok", or the AppError code the promise rejected with (anything else: its text, to fail loudly). */
export const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
