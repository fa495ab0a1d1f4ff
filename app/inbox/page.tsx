import Link from "next/link";
import { requireUserPage } from "@/lib/pages/org-page";
import { loadHeader } from "@/lib/pages/header";
import { listInbox } from "@/lib/notifications/inbox";
import { formatDateTime } from "@/lib/format";
import { AppHeader } from "@/components/layout/app-header";
import { ActionButton } from "@/components/forms/action-button";
import { markReadAction } from "./actions";

export const metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ cursor?: string; unread?: string }> }) {
  const { db, user } = await requireUserPage("/inbox");
  const search = await searchParams;
  const [header, inbox] = await Promise.all([
    loadHeader(db, user.id),
    listInbox(db, user.id, { ...(search.cursor ? { cursor: search.cursor } : {}), ...(search.unread ? { unread: search.unread } : {}) }),
  ]);
  return (
    <>
      <AppHeader user={user} organizations={header.organizations} unread={header.unread} />
      <main id="main" tabIndex={-1} className="mx-auto grid max-w-3xl gap-4 px-4 py-8">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Inbox</h1>
          <div className="flex items-center gap-3 text-sm">
            {search.unread === "true" ? <Link href="/inbox">Show all</Link> : <Link href="/inbox?unread=true">Unread only</Link>}
            {header.unread ? (
              <ActionButton action={markReadAction} hidden={{ all: "true" }} label="Mark all read" pendingText="…" className="btn-secondary" />
            ) : null}
          </div>
        </div>
        {inbox.data.length === 0 ? (
          <div className="card text-center">
            <p className="font-medium">{search.unread === "true" ? "Nothing unread." : "Nothing here yet."}</p>
            <p className="mt-1 text-sm text-slate-600">Handover requests, claims handed to you and other things that need you appear here.</p>
          </div>
        ) : (
          <ul className="card divide-y divide-slate-100 p-0" data-testid="inbox">
            {inbox.data.map((n) => (
              <li key={n.id} className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${n.readAt ? "" : "bg-brand-50"}`} data-testid="inbox-item">
                <div className="min-w-0">
                  <p className={n.readAt ? "" : "font-semibold"}>{n.link ? <Link href={n.link}>{n.title}</Link> : n.title}</p>
                  {n.body ? <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{n.body}</p> : null}
                  <p className="mt-1 text-xs text-slate-500">
                    {formatDateTime(n.createdAt)}
                    {n.readAt ? "" : " · unread"}
                  </p>
                </div>
                {n.readAt ? null : (
                  <ActionButton
                    action={markReadAction}
                    hidden={{ id: n.id }}
                    label="Mark read"
                    pendingText="…"
                    className="btn-secondary px-2 py-1 text-xs"
                    accessibleName={`Mark read: ${n.title}`}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {inbox.nextCursor ? (
          <p className="text-center">
            <Link
              className="btn-secondary"
              href={`/inbox?${new URLSearchParams({ ...(search.unread ? { unread: search.unread } : {}), cursor: inbox.nextCursor })}`}
            >
              Older
            </Link>
          </p>
        ) : null}
      </main>
    </>
  );
}
