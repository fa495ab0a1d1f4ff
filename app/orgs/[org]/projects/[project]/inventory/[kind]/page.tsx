import Link from "next/link";
import { EmptyState } from "@/components/onboarding/empty-state";
import { cutoverSummary } from "@/lib/cutover/history";
import { bulkSwitchAction } from "../../cutover/actions";
import { notFound } from "next/navigation";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { listItems } from "@/lib/inventory/list";
import { listQuerySchema } from "@/lib/inventory/schemas";
import { fromZod } from "@/lib/errors";
import {
  KIND_LABELS,
  KIND_SEGMENTS,
  KIND_SINGULAR,
  KINDS,
  kindFromSegment,
  READINESS_LABELS,
  READINESS_ORDER,
  STATUS_LABELS,
  STATUS_ORDER,
} from "@/lib/inventory/labels";
import { ownerLabel } from "@/lib/inventory/owners";
import { ownerOptions, listTeams } from "@/lib/teams/teams";
import { InventoryTable, type Column } from "@/components/inventory/inventory-table";
import { FilterBar } from "@/components/inventory/filter-bar";
import { bulkUpdateAction } from "../actions";
import { projectPath } from "@/lib/projects/paths";
import { evidenceTallies } from "@/lib/inventory/evidence-column";
import { tallySentence, tallyText } from "@/lib/inventory/evidence-format";
import { codeCells, hasLinkedRepository } from "@/lib/repositories/queries";

export const metadata = { title: "Inventory" };

const COLUMNS: Record<"ROUTE" | "MODULE" | "DEPENDENCY", Column[]> = {
  ROUTE: [
    { id: "key", label: "Route", sort: "key" },
    { id: "handler", label: "Handler" },
    { id: "traffic", label: "Traffic/day", sort: "traffic", align: "right" },
    { id: "complexity", label: "Complexity", sort: "complexity", align: "right" },
    { id: "coverage", label: "Tests", align: "right" },
    { id: "owner", label: "Owner" },
    { id: "status", label: "Status", sort: "status" },
    { id: "evidence", label: "Evidence" },
    { id: "served", label: "Served by" },
    { id: "blocked", label: "Blocked", sort: "blockers" },
  ],
  MODULE: [
    { id: "key", label: "Module", sort: "key" },
    { id: "size", label: "Size", align: "right" },
    { id: "complexity", label: "Complexity", sort: "complexity", align: "right" },
    { id: "coverage", label: "Tests", align: "right" },
    { id: "owner", label: "Owner" },
    { id: "status", label: "Status", sort: "status" },
    { id: "blocked", label: "Blocked", sort: "blockers" },
  ],
  DEPENDENCY: [
    { id: "key", label: "Dependency", sort: "key" },
    { id: "versions", label: "Version now → target" },
    { id: "readiness", label: "Readiness" },
    { id: "replacement", label: "Replace with" },
    { id: "owner", label: "Owner" },
    { id: "complexity", label: "Complexity", sort: "complexity", align: "right" },
  ],
};

type Search = Record<string, string | string[] | undefined>;
const number = new Intl.NumberFormat("en");

export default async function InventoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; project: string; kind: string }>;
  searchParams: Promise<Search>;
}) {
  const { org, project: slug, kind: segment } = await params;
  const kind = kindFromSegment(segment);
  if (!kind) notFound();
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const search = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = listQuerySchema.safeParse(search);
  const queryError = parsed.success ? null : fromZod(parsed.error, "Some filters were ignored:").message;
  const page = await listItems(db, ctx, project.id, kind, parsed.success ? search : {});
  const linked = kind === "ROUTE" && (await hasLinkedRepository(db, ctx, project.id));
  const [owners, teams, tallies, code] = await Promise.all([
    ownerOptions(db, ctx),
    listTeams(db, ctx),
    // Routes: the page's rows' evidence in one more query (the list's own query is unchanged).
    kind === "ROUTE"
      ? evidenceTallies(
          db,
          ctx,
          project.id,
          page.data.map((i) => i.id),
        )
      : null,
    // Routes of a project with a linked repository: the code column, one more query for the page.
    linked
      ? codeCells(
          db,
          ctx,
          project.id,
          page.data.map((i) => i.id),
        )
      : null,
  ]);
  const columns = linked ? COLUMNS[kind].flatMap((c) => (c.id === "status" ? [c, { id: "code", label: "Code" }] : [c])) : COLUMNS[kind];
  const trafficSwitch =
    kind === "ROUTE" && can(ctx.role, "cutover:switch")
      ? {
          action: bulkSwitchAction,
          totalTraffic: (await cutoverSummary(db, ctx, project.id)).trafficPerDay,
          mayOverrideGate: can(ctx.role, "evidence:override-gate"),
        }
      : null;

  const base = projectPath(ctx.organizationSlug, project.slug);
  const here = `${base}/inventory/${segment}`;
  const withParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams({ ...(parsed.success ? search : {}) });
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `${here}?${qs}` : here;
  };
  const sortLinks = Object.fromEntries(
    columns
      .filter((c) => c.sort)
      .map((c) => {
        const current = page.query.sort === c.sort ? page.query.order : null;
        return [
          c.sort!,
          {
            current,
            href: withParams({
              sort: c.sort,
              order: current === "asc" ? "desc" : current === "desc" ? "asc" : undefined,
              cursor: undefined,
              direction: undefined,
            }),
          },
        ];
      }),
  );
  const statuses = STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
  const canEdit = can(ctx.role, "inventory:edit");
  const filtered = Object.keys(search).some((k) => !["sort", "order", "cursor", "direction", "limit"].includes(k));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Kind of item" className="flex gap-2">
          {KINDS.map((k) => (
            <Link
              key={k}
              href={`${base}/inventory/${KIND_SEGMENTS[k]}`}
              aria-current={k === kind ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm no-underline ${k === kind ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100"}`}
            >
              {KIND_LABELS[k]}
            </Link>
          ))}
        </nav>
        <div className="flex gap-2">
          {canEdit ? (
            <Link href={`${here}/new`} className="btn-primary">
              Add {KIND_SINGULAR[kind]}
            </Link>
          ) : null}
          {can(ctx.role, "inventory:import") ? (
            <Link href={`${base}/import`} className="btn-secondary">
              Import
            </Link>
          ) : null}
        </div>
      </div>
      <FilterBar
        kind={kind}
        query={parsed.success ? parsed.data : {}}
        active={filtered}
        statuses={statuses}
        readiness={READINESS_ORDER.map((r) => ({ value: r, label: READINESS_LABELS[r] }))}
        owners={owners}
        teams={teams.map((t) => ({ value: t.id, label: t.name }))}
        resetHref={here}
        code={linked || Boolean(search.drift || search.inNewCode)}
      />
      {queryError ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {queryError}
        </div>
      ) : null}
      {(await searchParams).deleted ? (
        <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Deleted. Its history is kept; adding it again restores it.
        </div>
      ) : null}
      <p className="text-sm text-slate-600" aria-live="polite">
        {page.total === 0
          ? ""
          : `${number.format(page.total)}${page.totalIsCapped ? "+" : ""} ${page.total === 1 ? KIND_SINGULAR[kind] : KIND_LABELS[kind].toLowerCase()}${filtered ? " match" : ""}.`}
      </p>
      {page.total === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches these filters.">
            <Link href={here}>Clear the filters</Link>
          </EmptyState>
        ) : (
          <EmptyState
            title={`No ${KIND_LABELS[kind].toLowerCase()} yet.`}
            actions={[
              ...(can(ctx.role, "inventory:import") ? [{ href: `${base}/import`, label: "Import", primary: true }] : []),
              ...(canEdit ? [{ href: `${here}/new`, label: `Add a ${KIND_SINGULAR[kind]}` }] : []),
            ]}
          >
            Import them from source code, a dependency manifest, a CSV or JSON list, or an access log{canEdit ? ", or add one by hand" : ""}.
            {can(ctx.role, "inventory:import") ? null : " Engineers, stewards, managers and admins import."}
          </EmptyState>
        )
      ) : (
        <InventoryTable
          kind={kind}
          kindSegment={segment}
          rows={page.data.map((i) => ({
            id: i.id,
            key: i.key,
            handler: i.handler,
            trafficPerDay: i.trafficPerDay,
            complexity: i.complexity,
            testCoverage: i.testCoverage,
            owner: ownerLabel(i),
            status: i.status,
            agentReview: i.agentReview,
            servedBy: i.servedBy,
            readiness: i.readiness,
            currentVersion: i.currentVersion,
            targetVersion: i.targetVersion,
            replacement: i.replacement,
            size: i.size,
            blockerCount: i.blockerCount,
            claimedBy: i.activeClaim?.holder.name ?? null,
            attention: i.attention,
            evidence: tallies
              ? (() => {
                  const t = tallies.get(i.id) ?? { pass: 0, fail: 0, other: 0 };
                  return { text: tallyText(t), sentence: tallySentence(t), failing: t.fail > 0 };
                })()
              : null,
            code: code ? (code.get(i.id) ?? { drift: null, inNewCode: false }) : null,
          }))}
          columns={columns}
          sortLinks={sortLinks}
          itemHref={`${base}/items`}
          canEdit={canEdit}
          bulk={{ action: bulkUpdateAction, org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug }}
          statuses={statuses}
          owners={owners}
          trafficSwitch={trafficSwitch}
        />
      )}
      {page.prevCursor || page.nextCursor ? (
        <nav aria-label="Pages" className="flex justify-between">
          {page.prevCursor ? (
            <Link className="btn-secondary" href={withParams({ cursor: page.prevCursor, direction: "prev" })}>
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link className="btn-secondary" href={withParams({ cursor: page.nextCursor, direction: "next" })}>
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
