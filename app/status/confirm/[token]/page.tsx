import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { describeConfirmation } from "@/lib/status/subscribe";
import { AuthShell } from "@/components/auth/auth-shell";
import { StatusLinkButtonForm } from "@/components/status/status-subscribe-form";
import { confirmStatusSubscriptionAction } from "./actions";

// The link of the confirmation e-mail (double opt-in). Opening it changes nothing — mail scanners
// open links — the button does (a POST).
export const metadata: Metadata = { title: "Confirm e-mail updates", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function ConfirmStatusSubscriptionPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const pending = await describeConfirmation(await getDb(), token);
  return (
    <AuthShell title="Confirm e-mail updates">
      {pending ? (
        <>
          <p className="mb-4 text-sm text-slate-700">
            Send an e-mail to <strong className="break-all">{pending.email}</strong> when a planned change of “{pending.projectName}” moves or is cancelled?
          </p>
          <StatusLinkButtonForm action={confirmStatusSubscriptionAction} token={token} label="Confirm" pendingText="Confirming…" />
        </>
      ) : (
        <p role="alert">This link no longer works: it was used already or it has expired (after 7 days). Ask again on the status page.</p>
      )}
    </AuthShell>
  );
}
