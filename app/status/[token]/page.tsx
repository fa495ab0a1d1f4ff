import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { emailConfigured } from "@/lib/notifications/email";
import { statusPageForToken } from "@/lib/status/page-data";
import { StatusView } from "@/components/status/status-view";
import { StatusSubscribeForm } from "@/components/status/status-subscribe-form";
import { subscribeToStatusAction } from "./actions";

// The share link's page: no session, the secret in the URL is the authorisation
// (lib/status/manage.ts). An unknown, rotated or turned-off token is the app's 404, naming nothing.
export const metadata: Metadata = { title: "Status", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function SharedStatusPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const page = await statusPageForToken(db, token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!page) notFound();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <p className="text-sm text-slate-600">Status of the move to a new system</p>
      <h1 className="mt-1 text-2xl font-semibold break-words">{page.project.name}</h1>
      <div className="mt-6">
        <StatusView page={page} feedUrl={`/status/${encodeURIComponent(token)}/feed.xml`} />
      </div>
      {emailConfigured() ? (
        <section className="card mt-6" aria-labelledby="status-subscribe-heading">
          <h2 id="status-subscribe-heading" className="mb-2 text-lg font-semibold">
            Get e-mail updates
          </h2>
          <StatusSubscribeForm action={subscribeToStatusAction} token={token} />
        </section>
      ) : null}
    </main>
  );
}
