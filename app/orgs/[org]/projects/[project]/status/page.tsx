import { requireProjectPage } from "@/lib/pages/org-page";
import { projectPath } from "@/lib/projects/paths";
import { statusPageForMember } from "@/lib/status/page-data";
import { myStatusSubscription, statusManagement } from "@/lib/status/manage";
import { changeSentence, momentText, placeOf } from "@/lib/status/format";
import { StatusView } from "@/components/status/status-view";
import { MySubscriptionForm, StatusLinkForm, StatusNoteForm, StatusSubscriberForm, StatusSummaryForm } from "@/components/status/status-manage-forms";
import { ConfirmForm } from "@/components/forms/confirm-form";
import {
  addStatusSubscriberAction,
  createStatusNoteAction,
  deleteStatusNoteAction,
  disableStatusLinkAction,
  removeStatusSubscriberAction,
  rotateStatusLinkAction,
  setMyStatusSubscriptionAction,
  updateStatusSummaryAction,
} from "./actions";

export const metadata = { title: "Status" };

export default async function ProjectStatusPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPage(org, slug);
  const base = projectPath(ctx.organizationSlug, project.slug);
  const page = await statusPageForMember(db, ctx, project.id);
  const manage = page.may.manage ? await statusManagement(db, ctx, project.id) : null;
  const mine = await myStatusSubscription(db, ctx, project.id);
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div>
        <p className="mb-4 text-sm text-slate-600">
          What people outside engineering see of this project
          {manage?.hasShareLink ? ": members here, and anyone with the share link." : ": members only (no share link)."}
        </p>
        <StatusView page={page} feedUrl={`${base}/status/feed.xml`} />
        {mine.email && !manage ? (
          <section className="card mt-6" aria-labelledby="my-subscription-heading">
            <h2 id="my-subscription-heading" className="mb-2 text-lg font-semibold">
              E-mail me
            </h2>
            <MySubscriptionForm action={setMyStatusSubscriptionAction} hidden={hidden} email={mine.email} subscribed={mine.subscribed} />
          </section>
        ) : null}
      </div>
      {manage ? (
        <aside className="grid content-start gap-6" aria-label="Manage the status page">
          <section className="card" aria-labelledby="status-link-heading">
            <h2 id="status-link-heading" className="mb-2 text-lg font-semibold">
              Share link
            </h2>
            <p className="mb-3 text-sm text-slate-600">
              {manage.hasShareLink ? "A link exists. Rotating makes a new one and the old one shows “Not found”." : "No link: only members can read this page."}
            </p>
            <StatusLinkForm action={rotateStatusLinkAction} hidden={hidden} hasLink={manage.hasShareLink} />
            {manage.hasShareLink ? (
              <div className="mt-3">
                <ConfirmForm
                  action={disableStatusLinkAction}
                  hidden={hidden}
                  label="Turn the link off"
                  title="Turn the share link off?"
                  body="The link stops working at once; members still see the page."
                  confirmLabel="Turn it off"
                />
              </div>
            ) : null}
          </section>
          <section className="card" aria-labelledby="status-summary-form-heading">
            <h2 id="status-summary-form-heading" className="mb-2 text-lg font-semibold">
              Summary
            </h2>
            <StatusSummaryForm action={updateStatusSummaryAction} hidden={hidden} summary={manage.summary} />
          </section>
          <section className="card" aria-labelledby="status-notes-heading">
            <h2 id="status-notes-heading" className="mb-2 text-lg font-semibold">
              How to notice, whom to tell
            </h2>
            <StatusNoteForm
              action={createStatusNoteAction}
              hidden={hidden}
              planned={manage.pending.map((p) => ({
                id: p.id,
                label: `${momentText(p.runAt, manage.timeZone)} — ${changeSentence(placeOf(p.item.path, p.item.key), null, { servedBy: p.toState, canaryPercent: p.toPercent }, "ahead")}`,
              }))}
            />
            {manage.notes.length ? (
              <ul className="mt-4 grid gap-2">
                {manage.notes.map((n) => (
                  <li key={n.id} className="flex items-start justify-between gap-2 text-sm">
                    <span className="min-w-0 break-words">
                      {n.title}
                      {n.scheduledSwitch && n.scheduledSwitch.status !== "pending" ? (
                        <span className="text-slate-600"> (its change is past: hidden)</span>
                      ) : null}
                    </span>
                    <ConfirmForm
                      action={deleteStatusNoteAction}
                      hidden={{ ...hidden, noteId: n.id }}
                      label="Remove"
                      accessibleName={`Remove the note ${n.title}`}
                      title="Remove this note?"
                      body="It disappears from the status page."
                      confirmLabel="Remove"
                      variant="inline"
                    />
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
          <section className="card" aria-labelledby="status-subscribers-heading">
            <h2 id="status-subscribers-heading" className="mb-2 text-lg font-semibold">
              E-mail subscribers
            </h2>
            {mine.email ? (
              <div className="mb-4 border-b border-slate-100 pb-4">
                <MySubscriptionForm action={setMyStatusSubscriptionAction} hidden={hidden} email={mine.email} subscribed={mine.subscribed} />
              </div>
            ) : null}
            <StatusSubscriberForm action={addStatusSubscriberAction} hidden={hidden} />
            {manage.subscribers.length ? (
              <ul className="mt-4 grid gap-2">
                {manage.subscribers.map((s) => (
                  <li key={s.id} className="flex items-start justify-between gap-2 text-sm" data-testid="status-subscriber">
                    <span className="min-w-0">
                      <span className="break-all">{s.email}</span>{" "}
                      {s.confirmedAt ? (
                        <span className="text-slate-600">(confirmed)</span>
                      ) : (
                        <span className="text-amber-800">
                          (waiting for confirmation{s.requestedAt ? `, asked ${momentText(s.requestedAt, manage.timeZone)}` : ""})
                        </span>
                      )}
                    </span>
                    <ConfirmForm
                      action={removeStatusSubscriberAction}
                      hidden={{ ...hidden, subscriberId: s.id }}
                      label="Remove"
                      accessibleName={`Unsubscribe ${s.email}`}
                      title="Unsubscribe this address?"
                      body="It is no longer told about changes of plan."
                      confirmLabel="Unsubscribe"
                      variant="inline"
                    />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-slate-600">Nobody is subscribed yet.</p>
            )}
          </section>
        </aside>
      ) : null}
    </div>
  );
}
