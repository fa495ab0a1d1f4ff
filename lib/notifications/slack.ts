/** Slack incoming webhooks: a Block Kit message with the title linked to the item. */
export type SlackEvent = { event: string; title: string; body: string; link: string | null; projectName: string };

/** Slack's mrkdwn escapes only these three. */
const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackMessage(e: SlackEvent) {
  const title = e.link ? `<${e.link}|${esc(e.title)}>` : esc(e.title);
  const blocks: object[] = [{ type: "section", text: { type: "mrkdwn", text: `*${title}*${e.body ? `\n${esc(e.body)}` : ""}` } }];
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${esc(e.projectName)} · ${e.event}` }] });
  return { text: e.title, blocks };
}

export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Waypoint-Notifications", ...headers },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  const text = (await response.text().catch(() => "")).slice(0, 500);
  return { status: response.status, text };
}
