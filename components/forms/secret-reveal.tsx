"use client";

import { useState } from "react";

/** A secret shown once after it is made (an API token, a calendar link), with a copy button. */
export function SecretReveal({ id, label, secret, children }: { id: string; label: string; secret: string; children: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={secret} className="input font-mono text-xs" data-testid={id} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="btn-secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-600">{children}</p>
    </div>
  );
}
