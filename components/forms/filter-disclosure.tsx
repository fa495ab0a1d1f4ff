/**
 * Filters that take no room on a phone: under 40rem they fold into a "Filters" disclosure (closed
 * unless a filter is on); on a wider screen they are always shown and the summary is hidden (the
 * `filter-disclosure` utility in globals.css).
 */
export function FilterDisclosure({ active = false, label = "Filters", children }: { active?: boolean; label?: string; children: React.ReactNode }) {
  return (
    <details className="filter-disclosure" open={active || undefined} data-testid="filter-disclosure">
      <summary className="btn-secondary w-full cursor-pointer justify-between">
        <span>
          {label}
          {active ? <span className="ml-1 font-normal text-slate-600">(on)</span> : null}
        </span>
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="max-sm:mt-2">{children}</div>
    </details>
  );
}
