import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { getSessionUserId } from "@/lib/auth/session";
import { githubEnabled } from "@/lib/auth/options";
import { DEMO_EMAIL, DEMO_PASSWORD, demoExists } from "@/lib/demo/seed-demo";
import { demoSignInEnabled } from "@/lib/demo/demo-mode";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl, siteOrigin } from "@/components/auth/safe-callback";
import { AuthShell } from "@/components/auth/auth-shell";

export const metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  GitHubEmail: "GitHub did not share an e-mail address, so no account could be matched.",
  AccessDenied: "Access was denied.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const search = await searchParams;
  const { error } = search;
  // The page to come back to, as a path of this site (or none).
  const callbackUrl = safeCallbackUrl(search.callbackUrl, "", siteOrigin()) || undefined;
  if (await getSessionUserId()) redirect(callbackUrl ?? "/");
  const showDemo = demoSignInEnabled() && (await demoExists(await getDb()));
  return (
    <AuthShell title="Sign in to Waypoint">
      {error ? (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {ERRORS[error] ?? "Signing in failed. Try again."}
        </div>
      ) : null}
      {showDemo ? (
        <div className="mb-5 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" data-testid="demo-login">
          <strong>Demo:</strong> sign in as <code>{DEMO_EMAIL}</code> with password <code>{DEMO_PASSWORD}</code>. Its data is a public demo: anyone with this
          page can read and change it.
        </div>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} github={githubEnabled} />
      <p className="mt-6 text-center text-sm text-slate-600">
        New here? <Link href={callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup"}>Create an account</Link>
      </p>
    </AuthShell>
  );
}
