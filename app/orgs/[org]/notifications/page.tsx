import { requireOrgPage } from "@/lib/pages/org-page";
import { getPreferences } from "@/lib/notifications/preferences";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { updatePreferencesAction } from "./actions";

export const metadata = { title: "Your notifications" };

export default async function NotificationPreferencesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { db, ctx } = await requireOrgPage(org);
  const prefs = await getPreferences(db, ctx);
  return (
    <section className="card max-w-3xl space-y-4" aria-labelledby="prefs-heading">
      <div>
        <h1 id="prefs-heading" className="text-2xl font-semibold">
          Your notifications
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          What reaches you in this organisation, and how: in the inbox, by e-mail right away, or once a day in a digest. Each change of state is one message,
          never one per check.
        </p>
      </div>
      <PreferencesForm
        action={updatePreferencesAction}
        hidden={{ org: ctx.organizationSlug }}
        groups={prefs.groups}
        projects={prefs.projects}
        emailConfigured={prefs.emailConfigured}
      />
    </section>
  );
}
