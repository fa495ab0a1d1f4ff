/** What a tab shows while its data loads (a `loading.tsx` of a segment that cannot answer 404 or 403). */
export function PageSkeleton() {
  return (
    <div className="py-2" aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 h-32 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
