import Link from "next/link";
import type { ScanOutput } from "@/lib/repositories/schemas";

const STATUS_CLASS: Record<ScanOutput["status"], string> = {
  queued: "bg-slate-100 text-slate-800",
  running: "bg-sky-100 text-sky-900",
  done: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

export function ScanStatus({ status }: { status: ScanOutput["status"] }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[status]}`}>{status}</span>;
}

/** A repository's last scans, each linking to its log. */
export function ScanTable({ scans, logHref }: { scans: ScanOutput[]; logHref: (scanId: string) => string }) {
  if (scans.length === 0) return <p className="text-sm text-slate-600">No scan yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Recent scans</caption>
      <thead>
        <tr className="border-b text-xs uppercase text-slate-500">
          <th scope="col" className="py-1">
            Queued (UTC)
          </th>
          <th scope="col">Trigger</th>
          <th scope="col">Status</th>
          <th scope="col">Commit</th>
          <th scope="col">
            <span className="sr-only">Log</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {scans.map((s) => (
          <tr key={s.id} className="border-b last:border-0">
            <td className="py-1 font-mono text-xs">{s.queuedAt.slice(0, 16).replace("T", " ")}</td>
            <td>
              {s.trigger}
              {s.full ? " (full)" : ""}
            </td>
            <td>
              <ScanStatus status={s.status} />
              {s.error ? <span className="ml-2 text-xs text-red-800">{s.error}</span> : null}
            </td>
            <td className="font-mono text-xs">{s.commit?.slice(0, 12) ?? "—"}</td>
            <td>
              <Link href={logHref(s.id)}>Log</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
