/**
 * Drift (issue 22): where an item's declared status and the code disagree. The reconcile writes
 * one of these kinds on ItemCode.drift; the screens, the inventory filter and Progress read them
 * from here so the words are the same everywhere.
 */
export const DRIFT_KINDS = ["ported-not-in-code", "in-code-not-started", "retired-returned"] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export function isDriftKind(value: string | null | undefined): value is DriftKind {
  return (DRIFT_KINDS as readonly string[]).includes(value ?? "");
}

/** Short, for a badge or a filter's option. */
export const DRIFT_LABELS: Record<DriftKind, string> = {
  "ported-not-in-code": "Ported, not in the new code",
  "in-code-not-started": "In the new code, not started",
  "retired-returned": "Retired, back in the legacy code",
};

/** The whole sentence, for the item page and a badge's title. */
export function driftSentence(kind: DriftKind, since: string | null): string {
  const from = since ? ` (since ${since})` : "";
  switch (kind) {
    case "ported-not-in-code":
      return `Marked ported, but nothing in the new code matches it${from}.`;
    case "in-code-not-started":
      return `The new code has had a match${from}, but it is still not started.`;
    case "retired-returned":
      return `Marked retired, but the route came back to the legacy code${from}.`;
  }
}
