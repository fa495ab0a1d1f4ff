import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { loadCutoverPage } from "@/lib/cutover/page-data";
import { projectPath } from "@/lib/projects/paths";
import { formatDateTime } from "@/lib/format";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { cancelScheduledSwitchAction, killSwitchAction, rescheduleSwitchAction } from "./actions";
import { PlannedSwitches } from "@/components/cutover/planned-switches";

export const metadata = { title: "Cutover" };
const number = new Intl.NumberFormat("en");
const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)} %`;

export default async function CutoverPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { org, project: slug } = await params;
  const { cursor } = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const d = await loadCutoverPage(db, ctx, project.id, cursor);
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug, scope: "project" };
  const live = d.summary.byState.filter((s) => s.state !== "legacy").reduce((n, s) => n + s.routes, 0);
  return (
    <div className="space-y-6">
      {d.windows.active ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="freeze-active">
          <strong>Frozen</strong> until {formatDateTime(d.windows.active.end)}: {d.windows.active.reason}. No route is switched but by an admin's override; the
          kill switch still works.
        </div>
      ) : null}
      {!d.settings.legacyUpstream || !d.settings.newUpstream ? (
        <div role="note" className="card text-sm">
          Set the legacy and new upstreams first: the routing configuration needs both.{" "}
          {d.may.configure ? <Link href={`${base}/cutover/settings`}>Cutover settings</Link> : "Ask a manager."}
        </div>
      ) : null}
      <section className="card" aria-labelledby="state-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="state-heading" className="text-lg font-semibold">
            Where traffic goes
          </h2>
          <p className="text-sm text-slate-700" data-testid="new-share">
            {percent(d.summary.newShare)} of traffic on the new stack
          </p>
        </div>
        <table className="mt-3 w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 pr-4 font-medium">
                State
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Routes
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Requests/day
              </th>
            </tr>
          </thead>
          <tbody>
            {d.summary.byState.map((s) => (
              <tr key={s.state} className="border-b border-slate-100 last:border-0">
                <td className="py-2 pr-4">{s.state}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{number.format(s.routes)}</td>
                <td className="py-2 text-right tabular-nums">{number.format(s.trafficPerDay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm text-slate-600">
          Switch a route from its page, or many from the <Link href={`${base}/inventory/routes`}>routes list</Link>. Proxies read the configuration from{" "}
          <code>/api/v1/projects/{project.id}/routing?format=nginx</code> with a token of the routing scope (<Link href={`${base}/tokens`}>API tokens</Link>),
          or with <code>npx waypoint routing pull</code>.
          {d.may.configure ? (
            <>
              {" "}
              <Link href={`${base}/cutover/settings`}>Upstreams and freeze windows</Link>.
            </>
          ) : null}
        </p>
      </section>
      {/* Shown even when every route is on legacy, so the kill switch's own answer stays on the page. */}
      {d.may.switch ? (
        <section className="card space-y-2" aria-labelledby="kill-heading">
          <h2 id="kill-heading" className="text-lg font-semibold">
            Kill switch
          </h2>
          <p className="text-sm text-slate-600">
            {live > 0 ? `Sends every route of the project that is not on legacy (${live}) back to legacy at once.` : "Every route is on legacy now."} A module's
            or a team's routes: from their pages.
          </p>
          <ConfirmForm
            action={killSwitchAction}
            hidden={hidden}
            label="Send every route back to legacy…"
            title="Send every route back to legacy?"
            body={`${live} route${live === 1 ? "" : "s"} go back to legacy as soon as the proxies pull the configuration. Freeze windows do not stop this.`}
            confirmLabel="Send back to legacy"
            fields={
              <div>
                <label htmlFor="kill-reason" className="label">
                  Why
                </label>
                <input id="kill-reason" name="reason" className="input" required minLength={3} maxLength={500} />
              </div>
            }
          />
        </section>
      ) : null}
      <section className="card" aria-labelledby="scheduled-heading">
        <h2 id="scheduled-heading" className="mb-2 text-lg font-semibold">
          Planned switches
        </h2>
        {d.scheduled.pending.length === 0 ? (
          <p className="text-sm text-slate-600">
            None planned. Plan one from a route&apos;s page; it runs at the first pull of the routing configuration after its time.
          </p>
        ) : (
          <PlannedSwitches
            planned={d.scheduled.pending}
            cancel={d.may.switch ? cancelScheduledSwitchAction : null}
            move={d.may.switch ? rescheduleSwitchAction : null}
            timeZone={project.timeZone}
            hidden={hidden}
            itemHref={(id) => `${base}/items/${id}`}
            label="Planned switches"
          />
        )}
        {d.scheduled.recent.length ? (
          <ul className="mt-3 space-y-1 text-xs text-slate-700" aria-label="Planned switches that ran">
            {d.scheduled.recent.map((s) => (
              <li key={s.id}>
                {formatDateTime(s.runAt)}: {s.status === "failed" ? <strong className="text-red-700 dark:text-red-400">failed</strong> : "done"} — {s.outcome}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card" aria-labelledby="windows-heading">
        <h2 id="windows-heading" className="mb-2 text-lg font-semibold">
          Freeze windows ahead
        </h2>
        {d.windows.upcoming.length === 0 ? (
          <p className="text-sm text-slate-600">
            None in the next 60 days.
            {d.may.configure ? (
              <>
                {" "}
                <Link href={`${base}/cutover/settings`}>Add one</Link>.
              </>
            ) : null}
          </p>
        ) : (
          <ul className="space-y-1 text-sm">
            {d.windows.upcoming.slice(0, 10).map((o) => (
              <li key={`${o.windowId}-${o.start.toISOString()}`}>
                {formatDateTime(o.start)} – {formatDateTime(o.end)}: {o.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card overflow-x-auto" aria-labelledby="switches-heading">
        <h2 id="switches-heading" className="mb-3 text-lg font-semibold">
          Switches
        </h2>
        {d.switches.data.length === 0 ? (
          <p className="text-sm text-slate-600">No route has been switched yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="switches">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2 pr-4 font-medium">
                  When
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Route
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  From → to
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Who
                </th>
                <th scope="col" className="py-2 font-medium">
                  Why
                </th>
              </tr>
            </thead>
            <tbody>
              {d.switches.data.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 align-top last:border-0">
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(new Date(s.at))}</td>
                  <td className="py-2 pr-4">
                    <Link href={`${base}/items/${s.itemId}`} className="font-mono text-xs break-all">
                      {s.key}
                    </Link>
                  </td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {s.from} → {s.to}
                    {s.kind === "kill-switch" ? " (kill switch)" : s.kind === "bulk" ? " (bulk)" : ""}
                  </td>
                  <td className="py-2 pr-4">{s.actor}</td>
                  <td className="py-2">
                    {s.reason}
                    {s.override ? <span className="block text-xs text-amber-800">Freeze overridden: {s.override.reason}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.switches.nextCursor ? (
          <p className="mt-3 text-center">
            <Link className="btn-secondary" href={`${base}/cutover?cursor=${d.switches.nextCursor}`}>
              Older
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
