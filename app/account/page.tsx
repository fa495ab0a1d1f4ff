import { requireUserPage } from "@/lib/pages/org-page";
import { loadHeader } from "@/lib/pages/header";
import { AppHeader } from "@/components/layout/app-header";
import { ChangePasswordForm, SignOutEverywhereForm } from "@/components/account/change-password-form";
import { changePasswordAction, signOutEverywhereAction } from "./actions";
import Link from "next/link";
import { orgPath } from "@/lib/projects/paths";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const { db, user } = await requireUserPage("/account");
  const header = await loadHeader(db, user.id);
  return (
    <>
      <AppHeader user={user} organizations={header.organizations} unread={header.unread} />
      <main id="main" tabIndex={-1} className="mx-auto grid max-w-xl gap-6 px-4 py-10">
        <div>
          <h1 className="text-2xl font-semibold">Your account</h1>
          <p className="mt-1 text-sm text-slate-600">
            {user.name} · {user.email}
          </p>
        </div>
        {header.organizations.length ? (
          <section className="card" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading" className="text-lg font-semibold">
              Notifications
            </h2>
            <p className="mb-2 mt-1 text-sm text-slate-600">What reaches you, by inbox or e-mail (right away or a daily digest), per organisation.</p>
            <ul className="list-disc pl-5 text-sm">
              {header.organizations.map((o) => (
                <li key={o.slug}>
                  <Link href={`${orgPath(o.slug)}/notifications`}>{o.name}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading" className="text-lg font-semibold">
            Change password
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">Every session of this account ends, on every device, this one included.</p>
          <ChangePasswordForm action={changePasswordAction} />
        </section>
        <section className="card" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className="text-lg font-semibold">
            Sessions
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">Lost a laptop, or signed in on a shared computer? End every session of this account at once.</p>
          <SignOutEverywhereForm action={signOutEverywhereAction} />
        </section>
      </main>
    </>
  );
}
