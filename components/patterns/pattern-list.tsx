import type { ActionState } from "@/lib/actions/action-state";
import type { PatternSummary } from "@/lib/repositories/pattern-read";
import { ConfirmForm } from "@/components/forms/confirm-form";
import { PatternForm } from "./pattern-form";
import { PatternStateBadge } from "./pattern-state-badge";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** The live patterns: what each matches, its count and state; for stewards an edit form and archive (with confirmation). */
export function PatternList({
  patterns,
  manage,
  hidden,
  languages,
  astLanguages,
  update,
  archive,
}: {
  patterns: PatternSummary[];
  manage: boolean;
  hidden: Record<string, string>;
  languages: string[];
  astLanguages: readonly string[];
  update: Action;
  archive: Action;
}) {
  return (
    <ul className="space-y-3" aria-label="Patterns">
      {patterns.map((p) => {
        const d = p.definition;
        const scope = [d.languages?.join(", "), d.extensions?.join(", "), d.folders?.length ? `under ${d.folders.join(", ")}` : ""].filter(Boolean).join(" · ");
        return (
          <li key={p.id} className="card space-y-2" aria-label={`Pattern ${p.name}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold">
                {p.name} <code className="text-sm font-normal text-slate-600">{p.slug}</code>
              </h3>
              <PatternStateBadge state={p.state} />
            </div>
            <p className="text-sm">
              {d.kind === "regex" ? (
                <>
                  Regex <code className="break-all">{d.source}</code>
                  {d.flags === "i" ? " (ignore case)" : ""}
                </>
              ) : (
                <>
                  ast-grep <code className="break-all">{d.rule}</code> ({d.language})
                </>
              )}
              {scope ? <span className="text-slate-600"> · {scope}</span> : null}
            </p>
            <p className="text-sm text-slate-700">
              {p.current === null ? "No scan has counted it yet." : `${p.current} left`} · target {p.target}
              {p.reachedAt ? ` · reached ${p.reachedAt.toISOString().slice(0, 10)}` : ""}
            </p>
            {manage ? (
              <div className="flex flex-wrap items-start gap-2">
                <details className="min-w-0 flex-1">
                  <summary className="cursor-pointer text-sm">Edit</summary>
                  <div className="mt-3">
                    <PatternForm
                      action={update}
                      hidden={{ ...hidden, patternId: p.id }}
                      languages={languages}
                      astLanguages={astLanguages}
                      editing
                      submitLabel="Save pattern"
                      initial={{
                        name: p.name,
                        slug: p.slug,
                        kind: d.kind,
                        source: d.source,
                        ignoreCase: d.flags === "i",
                        rule: d.rule,
                        language: d.language,
                        languages: d.languages,
                        extensions: d.extensions,
                        folders: d.folders,
                        target: p.target,
                      }}
                    />
                  </div>
                </details>
                <ConfirmForm
                  action={archive}
                  hidden={{ ...hidden, patternId: p.id }}
                  label="Archive"
                  accessibleName={`Archive ${p.name}`}
                  title={`Archive "${p.name}"?`}
                  body="Scans stop counting it. Its burn-down stays for the record; the slug cannot be used again in this project."
                  confirmLabel="Archive pattern"
                  variant="inline"
                />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
