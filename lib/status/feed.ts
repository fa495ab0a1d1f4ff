import type { StatusPage } from "./page-data";

/**
 * The status page as an Atom feed (RFC 4287): recent switches, incidents, announcements (a planned
 * switch moved or cancelled) and planned changes. Pure: text only from the page's plain-language
 * entries, every value escaped, characters XML 1.0 forbids removed.
 */

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

type Entry = { id: string; title: string; updated: Date; content: string };

/** The feed's entries, latest first (planned changes at the time they were read, so they appear at once). */
export function statusFeedEntries(page: StatusPage): Entry[] {
  const base = `urn:waypoint:status:${page.project.id}`;
  const entries: Entry[] = [
    ...page.recent.map((c) => ({
      id: `${base}:change:${c.id}`,
      title: c.sentence,
      updated: c.at,
      content: `${c.day}. ${c.sentence}${c.reason ? ` Why: ${c.reason}` : ""}`,
    })),
    ...page.incidents.map((c) => ({
      id: `${base}:incident:${c.id}`,
      title: `Incident: ${c.sentence}`,
      updated: c.at,
      content: `${c.day}. ${c.sentence}${c.reason ? ` What happened: ${c.reason}` : ""}`,
    })),
    ...page.announcements.map((a) => ({ id: `${base}:announcement:${a.id}`, title: a.message, updated: a.at, content: `${a.day}. ${a.message}` })),
    ...page.upcoming.map((u) => ({
      id: `${base}:planned:${u.id}:${u.at.toISOString()}`,
      title: `Planned for ${u.when}: ${u.sentence}`,
      updated: page.generatedAt,
      content: [
        `Planned for ${u.when}. ${u.sentence}`,
        ...u.notes.map((n) => `${n.title} — How to notice: ${n.howToNotice} Whom to tell: ${n.whomToTell}`),
      ].join("\n\n"),
    })),
  ];
  return entries.sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id));
}

/** The Atom document. `selfUrl` and `pageUrl` are the feed's and the page's own addresses. */
export function statusFeed(page: StatusPage, urls: { selfUrl: string; pageUrl: string }): string {
  const entries = statusFeedEntries(page);
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>urn:waypoint:status:${xmlEscape(page.project.id)}</id>`,
    `  <title>${xmlEscape(`${page.project.name} — status`)}</title>`,
    `  <updated>${(entries.length ? updated : page.generatedAt).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(urls.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(urls.pageUrl)}"/>`,
    `  <author><name>Waypoint</name></author>`,
    ...(page.summary ? [`  <subtitle>${xmlEscape(page.summary)}</subtitle>`] : []),
    ...entries.flatMap((e) => [
      `  <entry>`,
      `    <id>${xmlEscape(e.id)}</id>`,
      `    <title>${xmlEscape(e.title)}</title>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(urls.pageUrl)}"/>`,
      `    <content type="text">${xmlEscape(e.content)}</content>`,
      `  </entry>`,
    ]),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}
