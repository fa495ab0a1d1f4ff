import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUserId } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { describeInvitation } from "@/lib/members/invitations";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl, siteOrigin } from "@/components/auth/safe-callback";
import { signUpAction } from "./actions";

export const metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const search = await searchParams;
  const callbackUrl = safeCallbackUrl(search.callbackUrl, "", siteOrigin()) || undefined;
  if (await getSessionUserId()) redirect(callbackUrl ?? "/");
  // Coming from an invitation link: the new account joins that organisation, and creates none of its own.
  const token = callbackUrl?.match(/^\/invite\/([^/?#]{1,200})$/)?.[1];
  const invitation = token ? await describeInvitation(await getDb(), decodeURIComponent(token)) : null;
  const invited =
    invitation?.state === "valid" && token
      ? { token: decodeURIComponent(token), organization: invitation.organization.name, email: invitation.email }
      : undefined;
  return (
    <AuthShell title="Create your Waypoint account">
      <SignUpForm action={signUpAction} callbackUrl={callbackUrl} invitation={invited} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account? <Link href={callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin"}>Sign in</Link>
      </p>
    </AuthShell>
  );
}
