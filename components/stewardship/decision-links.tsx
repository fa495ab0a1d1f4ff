import Link from "next/link";
import type { DecisionStatus } from "@/lib/generated/prisma/enums";
import { DecisionStatusBadge } from "./stewardship-badges";

/** Decisions as "D-3 Title [status]" links, or a sentence when there are none. */
export function DecisionLinks({
  decisions,
  base,
  empty,
}: {
  decisions: { id: string; number: number; title: string; status: DecisionStatus }[];
  base: string;
  empty: string;
}) {
  if (decisions.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-2 text-sm">
      {decisions.map((d) => (
        <li key={d.id} className="flex items-start justify-between gap-2">
          <Link href={`${base}/stewardship/decisions/${d.id}`} className="min-w-0 break-words">
            <span className="font-mono text-slate-500">D-{d.number}</span> {d.title}
          </Link>
          <DecisionStatusBadge status={d.status} />
        </li>
      ))}
    </ul>
  );
}
