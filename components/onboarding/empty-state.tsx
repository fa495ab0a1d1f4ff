import Link from "next/link";

export type EmptyAction = { href: string; label: string; primary?: boolean };

/** An empty list: what will be here, and the actions that fill it (only those the viewer may take). */
export function EmptyState({ title, children, actions = [], testId }: { title: string; children?: React.ReactNode; actions?: EmptyAction[]; testId?: string }) {
  return (
    <div className="card text-center" data-testid={testId ?? "empty-state"}>
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
      {actions.length ? (
        <div className="mt-4 flex flex-wrap justify-center gap-2">
          {actions.map((a) => (
            <Link key={a.href} href={a.href} className={`${a.primary ? "btn-primary" : "btn-secondary"} no-underline`}>
              {a.label}
            </Link>
          ))}
        </div>
      ) : null}
    </div>
  );
}
