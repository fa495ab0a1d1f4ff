"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A navigation link that marks itself as the current page (for sighted users and screen readers). */
export function NavLink({
  href,
  children,
  className,
  activeClassName,
  exact = false,
  alsoActiveUnder,
}: {
  href: string;
  children: React.ReactNode;
  className: string;
  activeClassName: string;
  exact?: boolean;
  /** Another path prefix under which this link counts as current. */
  alsoActiveUnder?: string;
}) {
  const pathname = usePathname();
  const active =
    (exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`)) ||
    (alsoActiveUnder !== undefined && pathname.startsWith(alsoActiveUnder));
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={`${className} ${active ? activeClassName : ""}`}>
      {children}
    </Link>
  );
}
