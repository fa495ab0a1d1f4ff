import { requireProjectPermission } from "@/lib/pages/org-page";
import { getChannelsPage } from "@/lib/notifications/channels";
import { EVENT_GROUPS, EVENT_NAMES, GROUP_KEYS } from "@/lib/notifications/events";
import { ActionButton } from "@/components/forms/action-button";
import { SlackWebhookForm } from "@/components/notifications/slack-form";
import { WebhookEndpointForm } from "@/components/notifications/endpoint-form";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import {
  createEndpointAction,
  deleteEndpointAction,
  redeliverAction,
  removeSlackWebhookAction,
  setEndpointEnabledAction,
  setSlackWebhookAction,
} from "./actions";

export const metadata = { title: "Project notifications" };

export default async function ProjectNotificationsPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project: slug } = await params;
  const { db, ctx, project } = await requireProjectPermission(org, slug, "notifications:manage");
  const { slack, endpoints } = await getChannelsPage(db, ctx, project.id);
  const hidden = { org: ctx.organizationSlug, projectId: project.id, projectSlug: project.slug };
  return (
    <div className="space-y-6">
      <section className="card space-y-3" aria-labelledby="slack-heading">
        <h2 id="slack-heading" className="text-lg font-semibold">
          Slack
        </h2>
        <p className="text-sm text-slate-600">
          Events of this project posted to a channel through a Slack incoming webhook, each linking straight to its item.
        </p>
        <SlackWebhookForm
          action={setSlackWebhookAction}
          hidden={hidden}
          groups={GROUP_KEYS.map((key) => ({ key, label: EVENT_GROUPS[key] }))}
          current={slack}
        />
        {slack ? <ActionButton action={removeSlackWebhookAction} hidden={hidden} label="Remove Slack webhook" className="btn-secondary" /> : null}
      </section>
      <section className="card space-y-3" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" className="text-lg font-semibold">
          Outbound webhooks
        </h2>
        <p className="text-sm text-slate-600">
          Signed per the Standard Webhooks spec (webhook-id, webhook-timestamp, webhook-signature). A failed delivery is tried again after 5 s, 5 min, 30 min, 2
          h, 5 h, 10 h and 10 h; a receiver answering 410 Gone is turned off.
        </p>
        <WebhookEndpointForm action={createEndpointAction} hidden={hidden} events={EVENT_NAMES} mayAddOrgWide={!ctx.tokenProjectId} />
        {endpoints.map((e) => (
          <article key={e.id} className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700" aria-label={`Webhook ${e.url}`}>
            <h3 className="font-mono text-sm">{e.url}</h3>
            <p className="text-sm text-slate-600">
              {e.projectId ? "This project" : "Every project of the organisation"} · {e.events.length ? e.events.join(", ") : "all events"}
              {e.description ? ` · ${e.description}` : ""}
              {e.disabledAt ? ` · off since ${e.disabledAt.toISOString()}: ${e.disabledReason ?? ""}` : ""}
            </p>
            <div className="flex gap-2">
              <ActionButton
                action={setEndpointEnabledAction}
                hidden={{ ...hidden, endpointId: e.id, enabled: e.disabledAt ? "true" : "false" }}
                label={e.disabledAt ? "Turn on" : "Turn off"}
                className="btn-secondary"
              />
              <ActionButton action={deleteEndpointAction} hidden={{ ...hidden, endpointId: e.id }} label="Delete" className="btn-secondary" />
            </div>
            <DeliveryLog deliveries={e.deliveries} redeliver={redeliverAction} hidden={hidden} disabled={e.disabledAt !== null} />
          </article>
        ))}
      </section>
    </div>
  );
}
