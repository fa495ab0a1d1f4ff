import { requireOrgPage } from "@/lib/pages/org-page";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getOrganization } from "@/lib/orgs/membership";
import { SingleFieldForm } from "@/components/forms/single-field-form";
import { renameOrganizationAction } from "./actions";
import { jobOverview } from "@/lib/jobs/overview";
import { JobOverview } from "@/components/jobs/job-overview";

export const metadata = { title: "Organisation settings" };

export default async function OrgSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { db, ctx } = await requireOrgPage(org);
  const [organization, jobs] = await Promise.all([getOrganization(db, ctx), jobOverview(db, ctx)]);
  return (
    <div className="grid max-w-2xl gap-6">
      <h1 className="text-2xl font-semibold">Organisation settings</h1>
      <section className="card" aria-labelledby="org-name-heading">
        <h2 id="org-name-heading" className="mb-4 text-lg font-semibold">
          Name
        </h2>
        {/* Only admins reach this page (layout.tsx); renaming is refused to others by the server as well. */}
        <SingleFieldForm
          action={renameOrganizationAction}
          hidden={{ org: ctx.organizationSlug }}
          label="Organisation name"
          name="name"
          defaultValue={organization.name}
          submitLabel="Save"
        />
        <p className="mt-4 text-sm text-slate-600">
          Address: <code>/orgs/{organization.slug}</code> · Your role: {ROLE_LABELS[ctx.role]}
        </p>
      </section>
      <JobOverview counts={jobs.counts} problems={jobs.problems} />
    </div>
  );
}
