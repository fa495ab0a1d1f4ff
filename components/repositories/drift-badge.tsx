import { DRIFT_LABELS, driftSentence, type DriftKind } from "@/lib/repositories/drift";

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

/** Where the declared status and the code disagree, in words; the sentence on hover and for screen readers. */
export function DriftBadge({ kind, since }: { kind: DriftKind; since?: string | null }) {
  const sentence = driftSentence(kind, since ?? null);
  return (
    <span className={`${pill} bg-orange-100 text-orange-900 dark:bg-orange-900/40 dark:text-orange-100`} title={sentence} data-testid="drift-badge">
      <span aria-hidden="true">{DRIFT_LABELS[kind]}</span>
      <span className="sr-only">{sentence}</span>
    </span>
  );
}
