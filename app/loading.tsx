export default function Loading() {
  return (
    <div className="mx-auto max-w-5xl px-6 py-10" aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="mt-6 h-32 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
