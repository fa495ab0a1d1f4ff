import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { describeInvitation } from "@/lib/members/invitations";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { AuthShell } from "@/components/auth/auth-shell";
import { AcceptInvitationForm } from "@/components/members/accept-invitation-form";
import { acceptInvitationAction } from "./actions";

export const metadata = { title: "Invitation" };

const STATE_TEXT: Record<string, string> = {
  revoked: "This invitation was revoked.",
  used: "This invitation has already been used.",
  expired: "This invitation has expired.",
};

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(await getDb(), token.slice(0, 200));
  // An unknown link is a 404, like any unknown id; a used, revoked or expired one says which.
  if (!invitation) notFound();
  if (invitation.state !== "valid") {
    return (
      <AuthShell title="Invitation">
        <p role="alert">{STATE_TEXT[invitation.state]} Ask whoever invited you for a new link.</p>
      </AuthShell>
    );
  }
  const signedIn = await getSessionUserId();
  const here = `/invite/${token}`;
  return (
    <AuthShell title={`Join ${invitation.organization.name}`}>
      <p className="mb-4 text-sm text-slate-700">
        You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong>
        {invitation.email ? (
          <>
            {" "}
            (for <strong>{invitation.email}</strong>)
          </>
        ) : null}
        .
      </p>
      {signedIn ? (
        <AcceptInvitationForm action={acceptInvitationAction} token={token} label={`Join ${invitation.organization.name}`} />
      ) : (
        <div className="flex gap-3">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}`} className="btn-primary">
            Sign in to accept
          </Link>
          <Link href={`/signup?callbackUrl=${encodeURIComponent(here)}`} className="btn-secondary">
            Create an account
          </Link>
        </div>
      )}
    </AuthShell>
  );
}
