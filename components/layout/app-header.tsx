import Link from "next/link";
import { OrgSwitcher } from "./org-switcher";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

type Props = {
  user: { name: string; email: string };
  current?: string;
  organizations: { slug: string; name: string; role: string }[];
  nav?: { href: string; label: string; alsoActiveUnder?: string }[];
  /** Unread messages in the inbox. */
  unread?: number;
};

export function AppHeader({ user, current, organizations, nav = [], unread = 0 }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="font-semibold tracking-tight text-brand-700 no-underline">
          ◆ Waypoint
        </Link>
        {current ? <OrgSwitcher current={current} organizations={organizations} /> : null}
        <nav aria-label="Organisation" className="flex flex-wrap gap-4 text-sm">
          {nav.map((item) => (
            <NavLink
              key={item.href}
              href={item.href}
              exact
              alsoActiveUnder={item.alsoActiveUnder}
              className="text-slate-700"
              activeClassName="font-semibold text-brand-700"
            >
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <Link href="/inbox" className="relative text-slate-700" aria-label={unread ? `Inbox, ${unread} unread` : "Inbox"} data-testid="inbox-link">
            Inbox
            {unread ? (
              <span className="ml-1 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white" aria-hidden="true">
                {unread > 99 ? "99+" : unread}
              </span>
            ) : null}
          </Link>
          <Link href="/account" className="hidden text-slate-600 sm:inline" title={`${user.email}: your account`}>
            {user.name}
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
