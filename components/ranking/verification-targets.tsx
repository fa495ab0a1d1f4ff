import Link from "next/link";
import { itemPath } from "@/lib/projects/paths";

type Target = { id: string; key: string; trafficPerDay: number; reason: string };
const number = new Intl.NumberFormat("en");

/** Ported routes without passing evidence, busiest first: the next ones to verify. */
export function VerificationTargets({
  targets,
  ported,
  gated,
  org,
  projectSlug,
}: {
  targets: Target[];
  ported: number;
  gated: boolean;
  org: string;
  projectSlug: string;
}) {
  if (ported === 0) return null;
  return (
    <section className="card space-y-2" aria-labelledby="verify-next" data-testid="verify-next">
      <h2 id="verify-next" className="text-base font-semibold">
        To verify next
      </h2>
      <p className="text-sm text-slate-600">
        Ported routes without passing evidence, busiest first —{" "}
        {gated ? "the project's Verified gate is not met for them." : "no check's latest result is a current success (the project has no Verified gate)."}
      </p>
      {targets.length === 0 ? (
        <p className="text-sm">Every ported route ({number.format(ported)}) has the evidence it needs.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {targets.map((t) => (
            <li key={t.id} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
              <Link href={itemPath(org, projectSlug, t.id)} className="font-mono">
                {t.key}
              </Link>
              <span className="text-slate-600">{number.format(t.trafficPerDay)} requests/day</span>
              <span className="w-full text-slate-600">{t.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
