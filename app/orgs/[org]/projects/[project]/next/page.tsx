import Link from "next/link";
import { ItemFilterFields } from "@/components/forms/item-filter-fields";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { projectRanking } from "@/lib/ranking/project-ranking";
import { listTeams, ownerOptions } from "@/lib/teams/teams";
import { RankedList } from "@/components/ranking/ranked-list";
import { claimAction } from "../claims/actions";
import { claimCall, releaseCall, setStatusCall } from "../items/quick-actions";
import { FilterDisclosure } from "@/components/forms/filter-disclosure";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Next targets" };
const number = new Intl.NumberFormat("en");

type Search = { kind?: string; team?: string; owner?: string; limit?: string };

export default async function NextTargetsPage({ params, searchParams }: { params: Promise<{ org: string; project: string }>; searchParams: Promise<Search> }) {
  const { org, project: slug } = await params;
  const search = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const query = Object.fromEntries(Object.entries({ kind: search.kind, team: search.team, owner: search.owner, limit: search.limit }).filter(([, v]) => v));
  const [teams, owners] = await Promise.all([listTeams(db, ctx), ownerOptions(db, ctx)]);
  const ranking = await projectRanking(db, ctx, project.id, query).catch((error) => {
    if (error instanceof AppError && error.code === "invalid_input") return error;
    throw error;
  });
  const filtered = Boolean(search.kind || search.team || search.owner);
  const claim = can(ctx.role, "claims:claim") ? { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug } : null;
  const more = ranking instanceof AppError ? null : ranking.total > ranking.items.length ? new URLSearchParams({ ...query, limit: String(Math.min(500, ranking.items.length + 50)) }) : null;

  return (
    <div className="space-y-4">
      <FilterDisclosure active={filtered}>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the next targets">
        <ItemFilterFields idPrefix="f" values={search} teams={teams} owners={owners} />
        <button type="submit" className="btn-secondary">Apply</button>
        {filtered ? <Link href={`${base}/next`} className="text-sm">Clear</Link> : null}
        {can(ctx.role, "ranking:tune") ? <Link href={`${base}/settings/ranking`} className="ml-auto text-sm">Tune the ranking →</Link> : null}
      </form>
      </FilterDisclosure>

      {ranking instanceof AppError ? (
        <div role="alert" className="card border-red-200 bg-red-50 text-sm text-red-900">{ranking.message} <Link href={`${base}/next`}>Reset the filters</Link>.</div>
      ) : ranking.total === 0 ? (
        <div className="card text-center">
          <p className="font-medium">{filtered ? "Nothing open matches these filters." : "Nothing left to rank."}</p>
          <p className="mt-1 text-sm text-slate-600">
            {filtered ? <Link href={`${base}/next`}>Clear the filters</Link> : <>Every route and module is ported or retired, and every dependency is ready — or the inventory is empty: <Link href={`${base}/import`}>import it</Link>.</>}
          </p>
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {number.format(ranking.total)} open item{ranking.total === 1 ? "" : "s"}
            {filtered ? " match" : ""}: {ranking.tierCounts.pilot ? "a pilot, " : ""}{number.format(ranking.tierCounts.target)} targets, {number.format(ranking.tierCounts.unblocker)} unblockers,{" "}
            {number.format(ranking.tierCounts["long-tail"])} in the long tail, {number.format(ranking.tierCounts.blocked)} blocked.
            {!ranking.hasPortedRoute ? " No route is ported yet: start with the pilot, which proves deployment, sessions and the switch end to end." : ""}
            {ranking.customWeights ? " Ranked with this project's own weights." : ""}
            {ranking.totalTraffic ? ` Project traffic: ${number.format(ranking.totalTraffic)} requests/day; shares are of that.` : ""}
          </p>
          <RankedList
            items={ranking.items}
            base={base}
            claim={claim}
            project={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
            claimAction={claimAction}
            quick={can(ctx.role, "inventory:edit") ? { setStatus: setStatusCall, release: releaseCall, claim: claimCall } : null}
          />
          {more ? <p className="text-center"><Link className="btn-secondary" href={`${base}/next?${more}`}>Show more</Link></p> : null}
        </>
      )}
    </div>
  );
}
