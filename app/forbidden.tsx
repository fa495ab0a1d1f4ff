import Link from "next/link";

/** A page the member's role may not use (forbidden() in lib/pages/org-page.ts): HTTP 403. */
export default function Forbidden() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not allowed</h1>
      <p className="mt-3 text-slate-600">Your role in this organisation may not use this page. Ask an admin if you need it.</p>
      <Link href="/" className="btn-primary mt-6">
        Go to your projects
      </Link>
    </main>
  );
}
