"use client";

import { useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { NavLink } from "./nav-link";

export type Tab = { href: string; label: string; exact?: boolean };

/**
 * A row of tabs that scrolls sideways inside itself when it does not fit (a phone), never the
 * page. While more tabs lie past an edge, that edge fades out under an arrow: the cue that it
 * scrolls. The current tab is scrolled into view on every navigation.
 */
export function TabBar({ label, tabs }: { label: string; tabs: Tab[] }) {
  const pathname = usePathname();
  const scroller = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ before: false, after: false });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const current = el.querySelector<HTMLElement>('[aria-current="page"]');
    const cue = 40; // the width of an edge's fade
    if (current && (current.offsetLeft < el.scrollLeft + cue || current.offsetLeft + current.offsetWidth > el.scrollLeft + el.clientWidth - cue)) {
      el.scrollLeft = current.offsetLeft - (el.clientWidth - current.offsetWidth) / 2;
    }
    const update = () => setMore({ before: el.scrollLeft > 1, after: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
    update();
    el.addEventListener("scroll", update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener("scroll", update);
      resize.disconnect();
    };
  }, [pathname]);

  const scrollBy = (direction: 1 | -1) => scroller.current?.scrollBy({ left: direction * scroller.current.clientWidth * 0.6, behavior: "smooth" });
  const cue = "absolute inset-y-0 flex w-10 items-center pb-2 text-lg leading-none text-slate-500 from-slate-50 to-transparent";

  return (
    <nav aria-label={label} className="relative mt-4 border-b border-slate-200" data-testid="tab-bar">
      <div ref={scroller} className="flex gap-5 overflow-x-auto whitespace-nowrap text-sm [scrollbar-width:none] [&::-webkit-scrollbar]:hidden">
        {tabs.map((tab) => (
          <NavLink
            key={tab.href}
            href={tab.href}
            exact={tab.exact}
            className="-mb-px shrink-0 border-b-2 border-transparent pb-2 text-slate-700 hover:border-slate-300 hover:no-underline"
            activeClassName="!border-brand-600 font-medium !text-brand-700"
          >
            {tab.label}
          </NavLink>
        ))}
      </div>
      {/* Pointer users may tap the arrows; keyboard users tab through the links, which scroll into view. */}
      {more.before ? (
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="tabs-more-before"
          onClick={() => scrollBy(-1)}
          className={`${cue} left-0 justify-start bg-gradient-to-r`}
        >
          ‹
        </button>
      ) : null}
      {more.after ? (
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="tabs-more-after"
          onClick={() => scrollBy(1)}
          className={`${cue} right-0 justify-end bg-gradient-to-l`}
        >
          ›
        </button>
      ) : null}
    </nav>
  );
}
