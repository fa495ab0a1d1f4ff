/**
 * A chart with its question as the title, a CSV download and a table alternative: the chart is
 * for the eye, the table for a screen reader, a copy-paste or a closer look.
 */
export function ChartFigure({
  id,
  title,
  subtitle,
  csvHref,
  table,
  children,
  empty,
}: {
  id: string;
  title: string;
  subtitle?: React.ReactNode;
  csvHref: string;
  table: React.ReactNode;
  children: React.ReactNode;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | null;
}) {
  return (
    <figure className="card" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`} id={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <figcaption id={`${id}-title`} className="font-semibold">
          {title}
        </figcaption>
        <a href={csvHref} className="text-sm" download>
          Download CSV
        </a>
      </div>
      {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
      <div className="mt-3">{empty ? <p className="py-10 text-center text-sm text-slate-600">{empty}</p> : children}</div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">Table of this chart</summary>
        <div className="mt-2 max-h-80 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}

/** A plain table for the figures. */
export function DataTable({ caption, header, rows }: { caption: string; header: string[]; rows: React.ReactNode[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200">
          {header.map((h) => (
            <th key={h} scope="col" className="py-1 pr-3 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className="border-b border-slate-100">
            {r.map((c, j) => (
              <td key={j} className="py-1 pr-3 tabular-nums">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
