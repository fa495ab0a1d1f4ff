import Link from "next/link";
import type { CodeLocation, ItemCodeView } from "@/lib/repositories/queries";
import { driftSentence } from "@/lib/repositories/drift";
import { coverageBand } from "@/lib/inventory/labels";
import { formatDate } from "@/lib/format";
import { DriftBadge } from "./drift-badge";

const short = (commit: string | null) => (commit ? commit.slice(0, 7) : null);

function Where({ at }: { at: CodeLocation }) {
  const text = `${at.file}${at.line ? `:${at.line}` : ""}`;
  return at.href ? (
    <a href={at.href} className="font-mono text-xs break-all" rel="noreferrer noopener" target="_blank">
      {text}
    </a>
  ) : (
    <code className="text-xs break-all">{text}</code>
  );
}

function Commit({ commit }: { commit: string | null }) {
  return commit ? (
    <>
      , commit{" "}
      <code className="text-xs" title={commit}>
        {short(commit)}
      </code>
    </>
  ) : null;
}

const VIA: Record<string, string> = { manual: "a manual link", pattern: "method and path pattern, after the project's prefix map" };

/**
 * The item's "In the code" section (issue 22): where the legacy code serves it, its counterpart in
 * the new code, drift, and what the code suggests (owner, complexity, coverage) — suggestions only,
 * a person's choice wins. Empty states when no repository is linked or no scan said anything.
 */
export function ItemCodeSection({
  view,
  settingsHref,
  current,
}: {
  view: ItemCodeView;
  /** Settings → Repositories, or null when this person may not link one. */
  settingsHref: string | null;
  current: { ownerTeamId: string | null; complexity: number; testCoverage: number | null };
}) {
  const { repositories, code } = view;
  const linked = repositories.legacy !== null || repositories.new !== null;
  return (
    <section className="card space-y-3" aria-labelledby="code-heading" data-testid="item-code">
      <h3 id="code-heading" className="text-lg font-semibold">
        In the code
      </h3>
      {!linked ? (
        <p className="text-sm text-slate-600" data-testid="item-code-empty">
          No repository is linked to this project, so Waypoint cannot say where the code serves it.{" "}
          {settingsHref ? (
            <Link href={settingsHref} prefetch={false}>
              Link the legacy and new repositories in Settings → Repositories
            </Link>
          ) : (
            "A steward or admin can link them in Settings → Repositories"
          )}
          .
        </p>
      ) : !code || (!code.legacy && !code.new && !code.drift) ? (
        <p className="text-sm text-slate-600" data-testid="item-code-empty">
          The last scan found nothing for it in{" "}
          {repositories.legacy && repositories.new ? "either repository" : repositories.legacy ? "the legacy repository" : "the new repository"}.
        </p>
      ) : (
        <>
          {code.drift ? (
            <div
              role="note"
              className="space-y-1 rounded-md border border-orange-200 bg-orange-50 p-2 text-sm text-orange-950 dark:border-orange-800 dark:bg-orange-950/40 dark:text-orange-100"
            >
              <DriftBadge kind={code.drift.kind} since={code.drift.since ? formatDate(code.drift.since) : null} />
              <p>{driftSentence(code.drift.kind, code.drift.since ? formatDate(code.drift.since) : null)}</p>
            </div>
          ) : null}
          <ul className="space-y-2 text-sm">
            <li data-testid="item-code-legacy">
              {code.legacy ? (
                <>
                  In the legacy code at <Where at={code.legacy} />
                  <Commit commit={code.legacy.commit} />.
                </>
              ) : repositories.legacy ? (
                "Not in the legacy code at its last scan."
              ) : (
                "No legacy repository is linked."
              )}
            </li>
            <li data-testid="item-code-new">
              {code.new ? (
                <>
                  In the new code at <Where at={code.new} />
                  <Commit commit={code.new.commit} />
                  {code.new.since ? `, since ${formatDate(code.new.since)}` : ""}
                  {code.new.method && code.new.path ? (
                    <>
                      {" "}
                      as{" "}
                      <code className="text-xs">
                        {code.new.method} {code.new.path}
                      </code>
                    </>
                  ) : null}
                  {code.new.via ? ` (matched by ${VIA[code.new.via] ?? code.new.via})` : ""}.
                </>
              ) : repositories.new ? (
                "Nothing in the new code matches it yet."
              ) : (
                "No new repository is linked."
              )}
            </li>
          </ul>
          <Suggestions suggestions={code.suggestions} current={current} />
        </>
      )}
    </section>
  );
}

function Suggestions({
  suggestions,
  current,
}: {
  suggestions: NonNullable<ItemCodeView["code"]>["suggestions"];
  current: { ownerTeamId: string | null; complexity: number; testCoverage: number | null };
}) {
  const rows: { label: string; value: string; note: string | null }[] = [];
  if (suggestions.ownerTeam || suggestions.codeOwners.length)
    rows.push({
      label: "Owner",
      value: suggestions.ownerTeam?.name ?? "no team mapped",
      note: [
        suggestions.codeOwners.length ? `CODEOWNERS: ${suggestions.codeOwners.join(", ")}` : null,
        suggestions.ownerTeam && current.ownerTeamId === suggestions.ownerTeam.id ? "already the owner" : null,
      ]
        .filter(Boolean)
        .join("; "),
    });
  if (suggestions.complexity !== null)
    rows.push({
      label: "Complexity",
      value: String(suggestions.complexity),
      note: suggestions.complexity === current.complexity ? "as set" : `set: ${current.complexity}`,
    });
  if (suggestions.testCoverage !== null)
    rows.push({
      label: "Test coverage",
      value: `${coverageBand(suggestions.testCoverage)} (${suggestions.testCoverage}%)`,
      note: current.testCoverage === null ? "not set" : `set: ${current.testCoverage}%`,
    });
  if (rows.length === 0) return null;
  return (
    <div className="text-sm" data-testid="item-code-suggestions">
      <p className="font-medium">Suggested by the code</p>
      <p className="text-xs text-slate-600">Suggestions only: what people set always wins.</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="text-slate-600">{r.label}</dt>
            <dd>
              {r.value}
              {r.note ? <span className="text-xs text-slate-500"> — {r.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
