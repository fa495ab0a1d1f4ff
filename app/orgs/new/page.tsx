import { requireUserPage } from "@/lib/pages/org-page";
import { loadHeader } from "@/lib/pages/header";
import { AppHeader } from "@/components/layout/app-header";
import { SingleFieldForm } from "@/components/forms/single-field-form";
import { createOrganizationAction } from "./actions";

export const metadata = { title: "New organisation" };

export default async function NewOrganizationPage() {
  const { db, user } = await requireUserPage("/orgs/new");
  const header = await loadHeader(db, user.id);
  return (
    <>
      <AppHeader user={user} organizations={header.organizations} unread={header.unread} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-xl px-4 py-10">
        <h1 className="text-2xl font-semibold">New organisation</h1>
        <p className="mt-1 text-sm text-slate-600">
          {header.organizations.length === 0
            ? "You do not belong to any organisation yet. Create one, or open an invitation link from your team."
            : "You will be its admin."}
        </p>
        <div className="card mt-6">
          <SingleFieldForm action={createOrganizationAction} label="Organisation name" name="name" submitLabel="Create organisation" />
        </div>
      </main>
    </>
  );
}
