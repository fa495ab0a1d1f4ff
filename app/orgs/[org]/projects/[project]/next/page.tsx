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
import { verificationTargets } from "@/lib/ranking/verification-targets";
import { VerificationTargets } from "@/components/ranking/verification-targets";

export const metadata = { title: "Next targets" };
const number = new Intl.NumberFormat("en");

type Search = { kind?: string; team?: string; owner?: string; limit?: string; view?: string };
const plural = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

export default async function NextTargetsPage({ params, searchParams }: { params: Promise<{ org: string; project: string }>; searchParams: Promise<Search> }) {
  const { org, project: slug } = await params;
  const search = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  // "Can start now" by default; "all" shows every open item, blocked and claimed ones too.
  const view = search.view === "all" ? "all" : "now";
  const filters = Object.fromEntries(Object.entries({ kind: search.kind, team: search.team, owner: search.owner }).filter(([, v]) => v)) as Record<
    string,
    string
  >;
  const query = { ...filters, ...(search.limit ? { limit: search.limit } : {}), view };
  const viewHref = (v: "now" | "all") => `${base}/next?${new URLSearchParams({ ...filters, ...(v === "all" ? { view: "all" } : {}) })}`;
  const [teams, owners, verify] = await Promise.all([listTeams(db, ctx), ownerOptions(db, ctx), verificationTargets(db, ctx, project.id, { limit: 10 })]);
  const ranking = await projectRanking(db, ctx, project.id, query).catch((error) => {
    if (error instanceof AppError && error.code === "invalid_input") return error;
    throw error;
  });
  const filtered = Boolean(search.kind || search.team || search.owner);
  const claim = can(ctx.role, "claims:claim") ? { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug } : null;
  const more =
    ranking instanceof AppError
      ? null
      : ranking.total > ranking.items.length
        ? new URLSearchParams({ ...filters, ...(view === "all" ? { view } : {}), limit: String(Math.min(500, ranking.items.length + 50)) })
        : null;

  return (
    <div className="space-y-4">
      <FilterDisclosure active={filtered}>
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the next targets">
          {view === "all" ? <input type="hidden" name="view" value="all" /> : null}
          <ItemFilterFields idPrefix="f" values={search} teams={teams} owners={owners} />
          <button type="submit" className="btn-secondary">
            Apply
          </button>
          {filtered ? (
            <Link href={view === "all" ? `${base}/next?view=all` : `${base}/next`} className="text-sm">
              Clear
            </Link>
          ) : null}
          {can(ctx.role, "ranking:tune") ? (
            <Link href={`${base}/settings/ranking`} className="ml-auto text-sm">
              Tune the ranking →
            </Link>
          ) : null}
        </form>
      </FilterDisclosure>

      {ranking instanceof AppError ? (
        <div role="alert" className="card border-red-200 bg-red-50 text-sm text-red-900">
          {ranking.message} <Link href={`${base}/next`}>Reset the filters</Link>.
        </div>
      ) : (
        <NextSummary ranking={ranking} view={view} filtered={filtered} base={base} viewHref={viewHref} />
      )}
      {ranking instanceof AppError || ranking.total === 0 ? null : (
        <>
          <RankedList
            items={ranking.items}
            base={base}
            claim={claim}
            project={{ org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
            claimAction={claimAction}
            quick={
              can(ctx.role, "inventory:edit")
                ? { setStatus: setStatusCall, release: releaseCall, claim: claimCall, mayOverrideGate: can(ctx.role, "evidence:override-gate") }
                : null
            }
          />
          {more ? (
            <p className="text-center">
              <Link className="btn-secondary" href={`${base}/next?${more}`}>
                Show more
              </Link>
            </p>
          ) : null}
        </>
      )}
      <VerificationTargets targets={verify.data} ported={verify.ported} gated={verify.gated} org={ctx.organizationSlug} projectSlug={project.slug} />
    </div>
  );
}

type Ranking = Awaited<ReturnType<typeof projectRanking>>;

/** Which view, and what the list holds, in plain words. */
function NextSummary({
  ranking,
  view,
  filtered,
  base,
  viewHref,
}: {
  ranking: Ranking;
  view: "now" | "all";
  filtered: boolean;
  base: string;
  viewHref: (v: "now" | "all") => string;
}) {
  const { startable, blocked, claimed } = ranking.availability;
  const open = startable + blocked + claimed;
  const t = ranking.tierCounts;
  if (open === 0) {
    return (
      <div className="card text-center">
        <p className="font-medium">{filtered ? "Nothing open matches these filters." : "Nothing left to rank."}</p>
        <p className="mt-1 text-sm text-slate-600">
          {filtered ? (
            <Link href={`${base}/next`}>Clear the filters</Link>
          ) : (
            <>
              Every route and module is ported or retired, and every dependency is ready — or the inventory is empty:{" "}
              <Link href={`${base}/import`}>import it</Link>.
            </>
          )}
        </p>
      </div>
    );
  }
  const parts = [
    t.pilot ? "first, one simple route to prove deployment, sessions and the switch end to end (the pilot)" : null,
    t.target ? `${plural(t.target, "route", "routes")} worth porting next, busiest and simplest first` : null,
    t.unblocker ? `${plural(t.unblocker, "module or dependency", "modules and dependencies")} whose porting frees routes` : null,
    t["long-tail"] ? `${plural(t["long-tail"], "hard route", "hard routes")} with little traffic, for later (the long tail)` : null,
    t.blocked ? `${plural(t.blocked, "item", "items")} waiting on unfinished modules or dependencies (blocked), last` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-2">
      <nav aria-label="Which items" className="flex flex-wrap gap-2 text-sm">
        <Link
          href={viewHref("now")}
          aria-current={view === "now" ? "page" : undefined}
          className={view === "now" ? "btn-primary" : "btn-secondary"}
          data-testid="view-now"
        >
          Can start now ({number.format(startable)})
        </Link>
        <Link
          href={viewHref("all")}
          aria-current={view === "all" ? "page" : undefined}
          className={view === "all" ? "btn-primary" : "btn-secondary"}
          data-testid="view-all"
        >
          All open ({number.format(open)})
        </Link>
      </nav>
      <p className="text-sm text-slate-700" data-testid="next-summary">
        {view === "now" ? (
          <>
            {plural(startable, "item", "items")}
            {filtered ? " matching the filters" : ""} can start now: not blocked, and nobody has claimed {startable === 1 ? "it" : "them"}.
            {blocked || claimed ? (
              <>
                {" "}
                Not shown:{" "}
                {[
                  blocked ? `${number.format(blocked)} waiting on unfinished modules or dependencies` : null,
                  claimed ? `${number.format(claimed)} claimed by someone` : null,
                ]
                  .filter(Boolean)
                  .join(" and ")}{" "}
                (<Link href={viewHref("all")}>show all open items</Link>).
              </>
            ) : null}
          </>
        ) : (
          <>
            {plural(open, "open item", "open items")}
            {filtered ? " match the filters" : ""}, {number.format(startable)} of them can start now; the rest are claimed or blocked. Blocked items always come
            after everything that can start, even when their score is higher: they wait until what they need is finished.
          </>
        )}
        {parts.length ? <> In order: {parts.join("; ")}.</> : null}
        {!ranking.hasPortedRoute && t.pilot ? " No route is ported yet, so the list starts with the pilot." : ""}
        {ranking.customWeights ? " Ranked with this project's own weights." : ""}
        {ranking.totalTraffic ? ` Project traffic: ${number.format(ranking.totalTraffic)} requests/day; shares are of that.` : ""} Positions are places in the
        whole project's list, so numbers can skip.
      </p>
      {ranking.total === 0 ? (
        <div className="card text-center">
          <p className="font-medium">Nothing can start now.</p>
          <p className="mt-1 text-sm text-slate-600">
            Every open item is blocked or claimed: <Link href={viewHref("all")}>show all open items</Link> to see what they wait on.
          </p>
        </div>
      ) : null}
    </div>
  );
}
