"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CallResult } from "@/lib/actions/org-action";

/** The server's messages for one field, under it; nothing when there are none. */
export function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {messages.join(" ")}
    </p>
  );
}

/** The form's outcome: a status after a save, an alert after a refusal. */
export function FormOutcome({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
      {message.text}
    </p>
  );
}

/**
 * A structured form saved by one server action whose refusals name fields by path
 * ("prefixMap.0.legacy"): ids per path, each field's messages and aria attributes, the outcome
 * line, and a submit that refreshes the page after a save.
 */
export function useFieldForm<T>(savedText: (data: T) => string) {
  const router = useRouter();
  const id = useId();
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const fid = (path: string) => `${id}-${path.replace(/\./g, "-")}`;
  const err = (path: string) => fields[path];
  const aria = (path: string) => (err(path) ? { "aria-invalid": true as const, "aria-describedby": `${fid(path)}-error` } : {});
  const submit = (save: () => Promise<CallResult<T>>) =>
    start(async () => {
      setMessage(null);
      const result = await save();
      if (result.ok) {
        setFields({});
        setMessage({ ok: true, text: savedText(result.data) });
        router.refresh();
      } else {
        setFields(result.fields ?? {});
        const count = Object.keys(result.fields ?? {}).length;
        setMessage({ ok: false, text: count ? `Check the ${count} field${count === 1 ? "" : "s"} marked below. ${result.error}` : result.error });
      }
    });
  return { fid, err, aria, fields, message, pending, submit };
}
