import Link from "next/link";
import { requireProjectPage } from "@/lib/pages/org-page";
import { can } from "@/lib/auth/permissions";
import { projectPath } from "@/lib/projects/paths";
import { listPatterns } from "@/lib/repositories/pattern-read";
import { AST_GREP_LANGUAGE_NAMES } from "@/lib/repositories/pattern-manage";
import { FORM_LANGUAGES } from "@/lib/repositories/pattern-form";
import { PatternForm } from "@/components/patterns/pattern-form";
import { PatternList } from "@/components/patterns/pattern-list";
import { EmptyState } from "@/components/onboarding/empty-state";
import { archivePatternAction, createPatternAction, updatePatternAction } from "./actions";

export const metadata = { title: "Patterns" };

export default async function PatternsSettingsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const patterns = await listPatterns(db, ctx, project.id);
  const manage = can(ctx.role, "patterns:manage");
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  const live = patterns.filter((p) => !p.archivedAt);
  const archived = patterns.filter((p) => p.archivedAt);
  return (
    <div className="space-y-6">
      <p className="max-w-3xl text-sm text-slate-700">
        Patterns that must disappear from the code — <code>import six</code>, <code>print</code> statements, an old framework&apos;s imports. Every scan of the
        linked repositories counts each one per file and per module; Progress charts its burn-down to the target and lists the lines left. A module with none
        left is proposed Ported; a pattern that comes back after reaching its target is flagged as drift. <Link href={`${base}/settings`}>← Settings</Link>
      </p>
      {live.length === 0 ? (
        <EmptyState title="No patterns yet" testId="patterns-empty">
          {manage ? "Add the first one below: the next scan counts it." : "Stewards, managers and admins define the patterns."}
        </EmptyState>
      ) : (
        <PatternList
          patterns={live}
          manage={manage}
          hidden={hidden}
          languages={FORM_LANGUAGES}
          astLanguages={AST_GREP_LANGUAGE_NAMES}
          update={updatePatternAction}
          archive={archivePatternAction}
        />
      )}
      {manage ? (
        <section className="card space-y-3" aria-labelledby="new-pattern-heading">
          <h2 id="new-pattern-heading" className="text-lg font-semibold">
            Add a pattern
          </h2>
          <PatternForm
            action={createPatternAction}
            hidden={hidden}
            languages={FORM_LANGUAGES}
            astLanguages={AST_GREP_LANGUAGE_NAMES}
            submitLabel="Add pattern"
          />
        </section>
      ) : null}
      {archived.length ? (
        <section className="card" aria-labelledby="archived-heading">
          <h2 id="archived-heading" className="text-lg font-semibold">
            Archived
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {archived.map((p) => (
              <li key={p.id}>
                {p.name} (<code>{p.slug}</code>), archived {p.archivedAt!.toISOString().slice(0, 10)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
