import Link from "next/link";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { can } from "@/lib/auth/permissions";
import { setupChecklist } from "@/lib/onboarding/setup-checklist";

/**
 * "Get started" on a new project's Overview: five steps read from the data, each a link; it is not
 * rendered at all once every step is done. A step the viewer's role cannot take names who can.
 */
export async function SetupChecklist({ db, ctx, projectId }: { db: Db; ctx: OrgContext; projectId: string }) {
  const steps = await setupChecklist(db, ctx, projectId);
  if (!steps) return null;
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="card" aria-labelledby="setup-heading" data-testid="setup-checklist">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="setup-heading" className="text-lg font-semibold">
          Set up the project
        </h2>
        <p className="text-sm text-slate-600">
          {done} of {steps.length} done
        </p>
      </div>
      <ol className="mt-3 space-y-3">
        {steps.map((step) => (
          <li key={step.id} className="flex gap-3" data-step={step.id} data-done={step.done}>
            <span
              aria-hidden="true"
              className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded-full border text-xs ${step.done ? "border-green-600 bg-green-600 text-white" : "border-slate-400 bg-white"}`}
            >
              {step.done ? "✓" : ""}
            </span>
            <div className="min-w-0">
              <p className={step.done ? "text-slate-500 line-through" : "font-medium"}>
                {can(ctx.role, step.action) && !step.done ? <Link href={step.href}>{step.title}</Link> : step.title}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              {!step.done ? (
                <p className="text-sm text-slate-600">
                  {step.detail}
                  {can(ctx.role, step.action) ? null : " Someone with a higher role does this step."}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
