import { NavLink } from "@/components/layout/nav-link";

/** The sub-navigation of the Stewardship tab: this week, meetings, decisions, office hours. */
export function StewardshipNav({ base }: { base: string }) {
  const root = `${base}/stewardship`;
  const links = [
    { href: root, label: "This week", exact: true },
    { href: `${root}/meetings`, label: "Meetings" },
    { href: `${root}/decisions`, label: "Decisions" },
    { href: `${root}/office-hours`, label: "Office hours" },
  ];
  return (
    <nav aria-label="Stewardship" className="flex flex-wrap gap-1 text-sm">
      {links.map((l) => (
        <NavLink
          key={l.href}
          href={l.href}
          exact={l.exact}
          className="rounded-md px-3 py-1.5 text-slate-700 hover:bg-slate-100 hover:no-underline"
          activeClassName="bg-brand-50 font-medium !text-brand-700"
        >
          {l.label}
        </NavLink>
      ))}
    </nav>
  );
}
