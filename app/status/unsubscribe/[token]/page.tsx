import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { describeUnsubscribe } from "@/lib/status/subscribe";
import { AuthShell } from "@/components/auth/auth-shell";
import { StatusLinkButtonForm } from "@/components/status/status-subscribe-form";
import { unsubscribeFromStatusAction } from "./actions";

// The unsubscribe link of every status e-mail. Opening it changes nothing — mail scanners open
// links — the button does (a POST); mail programs use the one-click URL of its List-Unsubscribe header.
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function UnsubscribeStatusPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const subscribed = await describeUnsubscribe(await getDb(), token);
  return (
    <AuthShell title="Unsubscribe">
      {subscribed ? (
        <>
          <p className="mb-4 text-sm text-slate-700">
            Stop e-mail about “{subscribed.projectName}” to <strong className="break-all">{subscribed.email}</strong>?
          </p>
          <StatusLinkButtonForm action={unsubscribeFromStatusAction} token={token} label="Unsubscribe" pendingText="Unsubscribing…" />
        </>
      ) : (
        <p role="status">This address is not subscribed (any more): you get no e-mail about this project from here.</p>
      )}
    </AuthShell>
  );
}
