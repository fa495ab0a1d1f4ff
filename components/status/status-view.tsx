import type { StatusChange, StatusNoteView, StatusPage } from "@/lib/status/page-data";
import { RECENT_DAYS } from "@/lib/status/page-data";

/**
 * The status page's content, the same for members and for a share link: plain language for
 * people outside engineering. Text only (React escapes it); no links to members' pages.
 */
export function StatusView({ page, feedUrl }: { page: StatusPage; feedUrl: string }) {
  const { share } = page;
  return (
    <div className="grid gap-6">
      <section className="card" aria-labelledby="status-summary-heading">
        <h2 id="status-summary-heading" className="text-lg font-semibold">
          Where we are
        </h2>
        {page.summary ? (
          <p className="mt-2 whitespace-pre-line" data-testid="status-summary">
            {page.summary}
          </p>
        ) : (
          <p className="mt-2 text-slate-600">No summary has been written yet.</p>
        )}
        <p className="mt-4 text-3xl font-semibold" data-testid="status-share">
          {share.percent ?? `${share.routesOnNew} of ${share.routes}`}
        </p>
        <p className="text-sm text-slate-600">
          {share.percent
            ? "of visits are now served by the new system."
            : share.routes
              ? "pages are on the new system (visits are not measured yet)."
              : "No pages are tracked yet."}
        </p>
        {page.project.archived ? <p className="mt-2 text-sm text-amber-800">This project is finished or paused; the page is kept for the record.</p> : null}
      </section>

      <section className="card" aria-labelledby="status-next-heading">
        <h2 id="status-next-heading" className="text-lg font-semibold">
          What changes next
        </h2>
        {page.upcoming.length === 0 ? (
          <p className="mt-2 text-slate-600">No change is planned at the moment.</p>
        ) : (
          <ol className="mt-3 grid gap-4">
            {page.upcoming.map((u) => (
              <li key={u.id} className="border-l-4 border-sky-400 pl-3" data-testid="status-upcoming">
                <p className="font-medium">{u.when}</p>
                <p>{u.sentence}</p>
                <Notes notes={u.notes} />
              </li>
            ))}
          </ol>
        )}
        {page.notes.length ? (
          <div className="mt-4">
            <h3 className="font-semibold">Things to know</h3>
            <Notes notes={page.notes} />
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="status-freeze-heading">
        <h2 id="status-freeze-heading" className="text-lg font-semibold">
          Quiet periods
        </h2>
        {page.freezes.length === 0 ? (
          <p className="mt-2 text-slate-600">No quiet period in the next 60 days.</p>
        ) : (
          <ul className="mt-2 grid gap-1">
            {page.freezes.map((f) => (
              <li key={f.id}>
                {f.now ? <strong>Now: </strong> : null}
                {f.text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Changes
        id="status-recent"
        title="What changed recently"
        empty={`Nothing changed in the last ${RECENT_DAYS} days.`}
        changes={page.recent}
        reasonLabel="Why"
      />
      <Changes
        id="status-incidents"
        title="Incidents and roll-backs"
        empty={`No roll-back in the last ${RECENT_DAYS} days.`}
        changes={page.incidents}
        reasonLabel="What happened"
      />

      {page.announcements.length ? (
        <section className="card" aria-labelledby="status-announcements-heading">
          <h2 id="status-announcements-heading" className="text-lg font-semibold">
            Changes of plan
          </h2>
          <ul className="mt-2 grid gap-2">
            {page.announcements.map((a) => (
              <li key={a.id}>
                <span className="text-sm text-slate-600">{a.day}: </span>
                {a.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="text-sm text-slate-600">
        Times are in {page.project.timeZone} time. Follow this page in a feed reader: <a href={feedUrl}>Atom feed</a>.
      </p>
    </div>
  );
}

function Notes({ notes }: { notes: StatusNoteView[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="mt-2 grid gap-2">
      {notes.map((n) => (
        <li key={n.id} className="rounded-md bg-slate-50 p-3 text-sm" data-testid="status-note">
          <p className="font-semibold">{n.title}</p>
          <p className="mt-1 whitespace-pre-line">
            <span className="font-medium">How to notice: </span>
            {n.howToNotice}
          </p>
          <p className="mt-1 whitespace-pre-line">
            <span className="font-medium">Whom to tell: </span>
            {n.whomToTell}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Changes({ id, title, empty, changes, reasonLabel }: { id: string; title: string; empty: string; changes: StatusChange[]; reasonLabel: string }) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {changes.length === 0 ? (
        <p className="mt-2 text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 grid gap-3">
          {changes.map((c) => (
            <li key={c.id} data-testid={id}>
              <p className="text-sm text-slate-600">{c.day}</p>
              <p>{c.sentence}</p>
              {c.reason ? (
                <p className="text-sm">
                  {reasonLabel}: {c.reason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
