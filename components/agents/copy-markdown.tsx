"use client";

import { useState } from "react";

/** "Copy as Markdown": the brief's Markdown to the clipboard, for a person's agent or a ticket. */
export function CopyMarkdown({ markdown }: { markdown: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="btn-secondary"
      data-testid="brief-copy"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(markdown);
          setState("copied");
        } catch {
          setState("failed");
        }
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed — use the Markdown link" : "Copy as Markdown"}
    </button>
  );
}
