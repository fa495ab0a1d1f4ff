/** One recorded change, already worded for display. */
export type ChangeRow = { id: string; when: string; who: React.ReactNode; field: React.ReactNode; from: React.ReactNode; to: React.ReactNode };

/** The history of an item or a decision: when, who, which field, from, to. */
export function ChangeTable({ rows, empty, testId }: { rows: ChangeRow[]; empty: string; testId: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <table className="table-cards w-full text-sm">
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-600">
          <th scope="col" className="py-2 pr-4 font-medium">
            When
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Who
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            Field
          </th>
          <th scope="col" className="py-2 pr-4 font-medium">
            From
          </th>
          <th scope="col" className="py-2 font-medium">
            To
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-slate-100 align-top last:border-0" data-testid={testId}>
            <td className="py-1.5 pr-4 whitespace-nowrap max-sm:text-xs max-sm:text-slate-600">{r.when}</td>
            <td className="py-1.5 pr-4" data-label="Who">
              {r.who}
            </td>
            <td className="py-1.5 pr-4" data-label="Field">
              {r.field}
            </td>
            <td className="py-1.5 pr-4 break-words whitespace-pre-line" data-label="From">
              {r.from}
            </td>
            <td className="py-1.5 break-words whitespace-pre-line" data-label="To">
              {r.to}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
