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
