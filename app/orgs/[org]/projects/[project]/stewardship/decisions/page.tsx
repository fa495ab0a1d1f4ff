import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { listDecisions } from "@/lib/stewardship/decisions";
import { StewardshipNav } from "@/components/stewardship/stewardship-nav";
import { DECISION_STATUS_LABELS, DecisionStatusBadge } from "@/components/stewardship/stewardship-badges";
import { decisionDateLabel, formatDay } from "@/lib/format";
import { itemKeys } from "@/lib/inventory/item-keys";
import { projectPath } from "@/lib/projects/paths";

export const metadata = { title: "Decisions" };

const STATUSES = ["PROPOSED", "ACCEPTED", "REJECTED", "SUPERSEDED"] as const;
type Status = (typeof STATUSES)[number];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

type Search = { q?: string; status?: string; item?: string; cursor?: string };

/** The decision log, newest first: search, status and item filters, 50 a page. */
export default async function DecisionsPage({ params, searchParams }: { params: Promise<{ org: string; project: string }>; searchParams: Promise<Search> }) {
  const { org, project: slug } = await params;
  const raw = await searchParams;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const root = `${base}/stewardship/decisions`;
  // Only well-formed values reach the query; a hand-edited URL loses the bad part rather than erroring.
  const q = typeof raw.q === "string" ? raw.q.trim().slice(0, 200) : "";
  const status = STATUSES.includes(raw.status as Status) ? (raw.status as Status) : undefined;
  const item = typeof raw.item === "string" && ID.test(raw.item) ? raw.item : undefined;
  const cursor = typeof raw.cursor === "string" && /^[1-9]\d{0,8}$/.test(raw.cursor) ? raw.cursor : undefined;
  const [page, keys] = await Promise.all([
    listDecisions(db, ctx, project.id, { ...(q ? { q } : {}), ...(status ? { status } : {}), ...(item ? { item } : {}), ...(cursor ? { cursor } : {}) }),
    item ? itemKeys(db, ctx, project.id, [item]) : Promise.resolve(new Map<string, { key: string; deleted: boolean }>()),
  ]);
  const itemKey = item ? keys.get(item)?.key : undefined;
  const steward = can(ctx.role, "stewardship:run");
  const filtered = Boolean(q || status || item);
  const link = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: q || undefined, status, item, ...extra })) if (v) params.set(k, v);
    const s = params.toString();
    return s ? `${root}?${s}` : root;
  };

  return (
    <div className="space-y-6">
      <StewardshipNav base={base} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" action={root} role="search" aria-label="Search decisions" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="decision-q" className="label">
              Search
            </label>
            <input id="decision-q" name="q" type="search" defaultValue={q} placeholder="Title or text" maxLength={200} className="input h-9 w-64 py-1.5" />
          </div>
          <div>
            <label htmlFor="decision-status" className="label">
              Status
            </label>
            <select id="decision-status" name="status" defaultValue={status ?? ""} className="input h-9 py-1.5">
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {DECISION_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {item ? <input type="hidden" name="item" value={item} /> : null}
          <button type="submit" className="btn-secondary h-9 py-1.5">
            Filter
          </button>
          {filtered ? (
            <Link href={root} className="pb-2 text-sm">
              Clear
            </Link>
          ) : null}
        </form>
        {steward ? (
          <Link href={`${root}/new${item ? `?item=${item}` : ""}`} className="btn-primary">
            Record a decision
          </Link>
        ) : null}
      </div>
      {item ? (
        <p className="text-sm text-slate-700">
          Decisions that name{" "}
          {itemKey ? (
            <Link href={`${base}/items/${item}`} className="font-mono">
              {itemKey}
            </Link>
          ) : (
            <em>an item not in this project</em>
          )}
          {" · "}
          <Link href={link({ item: "" })}>all decisions</Link>
        </p>
      ) : null}

      <section className="card" aria-label="Decision log">
        {page.data.length === 0 ? (
          <div className="py-6 text-center">
            <p className="font-medium">{filtered ? "No decision matches." : cursor ? "No older decisions." : "No decisions recorded yet."}</p>
            <p className="mt-1 text-sm text-slate-600">
              {filtered ? (
                <Link href={root}>Show all decisions</Link>
              ) : steward ? (
                "Record what the group decides, with its context and consequences, so that later readers know why."
              ) : (
                "Stewards record the group's decisions here."
              )}
            </p>
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {page.data.map((d) => (
              <li key={d.id} className="flex flex-wrap items-start gap-x-4 gap-y-1 py-3" data-testid="decision-row">
                <span className="w-12 shrink-0 pt-0.5 font-mono text-sm text-slate-500">D-{d.number}</span>
                <div className="min-w-0 flex-1">
                  <Link href={`${root}/${d.id}`} className="font-medium break-words">
                    {d.title}
                  </Link>
                  <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
                    <span>{decisionDateLabel(d)}</span>
                    {d.supersededBy ? (
                      <span>
                        Superseded by <Link href={`${root}/${d.supersededBy.id}`}>D-{d.supersededBy.number}</Link>
                      </span>
                    ) : null}
                    {d.supersedes ? (
                      <span>
                        Supersedes <Link href={`${root}/${d.supersedes.id}`}>D-{d.supersedes.number}</Link>
                      </span>
                    ) : null}
                    {d.items.length > 0 ? (
                      <span>
                        {d.items.length} linked item{d.items.length === 1 ? "" : "s"}
                      </span>
                    ) : null}
                    {d.meeting ? (
                      <span>
                        At the <Link href={`${base}/stewardship/meetings/${d.meeting.id}`}>meeting of {formatDay(d.meeting.date)}</Link>
                      </span>
                    ) : null}
                  </p>
                </div>
                <DecisionStatusBadge status={d.status} />
              </li>
            ))}
          </ul>
        )}
        {cursor || page.nextCursor ? (
          <nav aria-label="Pages of decisions" className="mt-4 flex justify-between border-t border-slate-100 pt-3 text-sm">
            {cursor ? <Link href={link({ cursor: undefined })}>← Newest</Link> : <span />}
            {page.nextCursor ? <Link href={link({ cursor: String(page.nextCursor) })}>Older decisions →</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
