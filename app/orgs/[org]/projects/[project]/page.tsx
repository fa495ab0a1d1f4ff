import { requireProjectPage } from "@/lib/pages/org-page";
import { KIND_LABELS, projectStatusCounts, STATUS_LABELS, STATUS_ORDER } from "@/lib/projects/overview";
import type { ItemKind } from "@/lib/generated/prisma/enums";
import { SetupChecklist } from "@/components/onboarding/setup-checklist";

const KINDS: ItemKind[] = ["ROUTE", "MODULE", "DEPENDENCY"];
const number = new Intl.NumberFormat("en");
const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : "—");

export default async function ProjectOverviewPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const counts = await projectStatusCounts(db, ctx, project.id);
  const routes = counts.ROUTE;
  const routesDone = routes.PORTED + routes.VERIFIED + routes.RETIRED;
  const empty = KINDS.every((k) => counts[k].total === 0);

  return (
    <div className="space-y-6">
      {project.description ? <p className="max-w-3xl text-slate-700">{project.description}</p> : null}
      <SetupChecklist db={db} ctx={ctx} projectId={project.id} />
      {empty ? (
        <div className="card text-center">
          <p className="font-medium">The inventory is empty.</p>
          <p className="mt-1 text-sm text-slate-600">Routes, modules and dependencies will appear here once they are imported.</p>
        </div>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat label="Routes ported" value={`${routesDone} of ${routes.total}`} sub={percent(routesDone, routes.total)} />
            <Stat label="Traffic on the new stack" value={percent(routes.trafficDone, routes.traffic)} sub={`${number.format(routes.trafficDone)} of ${number.format(routes.traffic)} requests/day`} />
            <Stat label="Target date" value={project.targetDate ? project.targetDate.toISOString().slice(0, 10) : "Not set"} sub="The forecast comes with the dashboard." />
          </div>
          <div className="card overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="mb-3 text-left text-base font-semibold">Items by status</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">Kind</th>
                  {STATUS_ORDER.map((s) => (
                    <th key={s} scope="col" className="py-2 pr-4 text-right font-medium">{STATUS_LABELS[s]}</th>
                  ))}
                  <th scope="col" className="py-2 text-right font-medium">Total</th>
                </tr>
              </thead>
              <tbody>
                {KINDS.map((kind) => (
                  <tr key={kind} className="border-b border-slate-100 last:border-0" data-testid={`counts-${kind.toLowerCase()}`}>
                    <th scope="row" className="py-2 pr-4 text-left font-medium">{KIND_LABELS[kind]}</th>
                    {STATUS_ORDER.map((s) => (
                      <td key={s} className="py-2 pr-4 text-right tabular-nums">{counts[kind][s]}</td>
                    ))}
                    <td className="py-2 text-right font-medium tabular-nums">{counts[kind].total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-sm text-slate-500">Burn-up, forecast and risks will appear here as the progress dashboard.</p>
        </>
      )}
    </div>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <div className="card">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="mt-1 text-xs text-slate-500">{sub}</p>
    </div>
  );
}
