/**
 * The weekly reports written out as plain text: the body of the `report.*` notifications, which
 * the channels carry (inbox, e-mail, Slack — each escaping for its own medium). Pure. The link is
 * absolute (the app's public URL is passed in).
 */
import type { Forecast } from "@/lib/progress/types";
import type { PersonWeek } from "./weekly-person";
import type { ProjectWeek } from "./weekly-project";

export type Rendered = { subject: string; text: string };

const pct = (share: number) => `${Math.round(share * 100)} %`;
const signed = (n: number, unit = "") => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n)}${unit}`;
export function describeForecast(f: Forecast): string {
  switch (f.kind) {
    case "done":
      return "done";
    case "date":
      return `likely ${f.likely} (between ${f.optimistic} and ${f.pessimistic ?? "an open end"})`;
    default:
      return "no forecast yet";
  }
}

/** Sections as (heading, lines); each medium writes them its own way. */
type Section = { heading: string; lines: string[] };

export function projectSections(r: ProjectWeek): Section[] {
  const { items, routes, trafficShare } = r.progress;
  const done = (x: { done: number; scope: number }) => `${x.done} of ${x.scope}`;
  const moved = (now: { done: number }, before: { done: number }) => signed(now.done - before.done);
  const sections: Section[] = [
    {
      heading: "Progress",
      lines: [
        `Items done: ${done(items.now)} (${moved(items.now, items.weekAgo)} this week)`,
        `Routes done: ${done(routes.now)} (${moved(routes.now, routes.weekAgo)} this week)`,
        `Traffic on the new stack: ${pct(trafficShare.now)} (${signed(Math.round((trafficShare.now - trafficShare.weekAgo) * 100), " points")} this week)`,
        `Forecast: ${describeForecast(r.forecast.now)}; a week ago ${describeForecast(r.forecast.weekAgo)}${r.forecast.target.date ? `; target ${r.forecast.target.date}${r.forecast.target.late ? " (at risk)" : ""}` : ""}`,
      ],
    },
  ];
  if (r.stuckTeams.length)
    sections.push({
      heading: "Stuck",
      lines: r.stuckTeams.map(
        (t) => `${t.name}: ${t.remaining} left, ${t.daysSinceMovement === null ? "nothing moved yet" : `nothing moved for ${t.daysSinceMovement} days`}`,
      ),
    });
  sections.push({
    heading: "Switches",
    lines: [
      `${r.switches.count} switch${r.switches.count === 1 ? "" : "es"} this week, ${r.switches.rollbacks.length} back to legacy`,
      ...r.switches.rollbacks.map((b) => `Rolled back ${b.day}: ${b.key} (${b.moved}) — ${b.reason || "no reason given"}`),
    ],
  });
  const ahead = [
    ...r.ahead.planned.map((p) => `${p.day}: ${p.key} to ${p.to} — ${p.reason}`),
    ...r.ahead.freezes.map((f) => `Freeze ${f.start.slice(0, 10)} – ${f.end.slice(0, 10)}: ${f.reason}`),
    ...r.ahead.overdueActions.map((a) => `Overdue since ${a.due}: ${a.text}${a.owner ? ` (${a.owner})` : ""}`),
    ...(r.ahead.staleClaims ? [`${r.ahead.staleClaims} stale claim${r.ahead.staleClaims === 1 ? "" : "s"}`] : []),
    ...(r.ahead.topBlocker ? [`Top blocker: ${r.ahead.topBlocker.key} (holds back ${r.ahead.topBlocker.routes} routes)`] : []),
  ];
  sections.push({ heading: "Ahead", lines: ahead.length ? ahead : ["Nothing planned, frozen or overdue."] });
  return sections;
}

export function personSections(r: PersonWeek): Section[] {
  return [
    {
      heading: "Your claims",
      lines: r.claims.length ? r.claims.map((c) => `${c.key}${c.stale ? ` — stale: ${c.why}` : ""}`) : ["None."],
    },
    {
      heading: "Your action items",
      lines: r.actions.length ? r.actions.map((a) => `${a.text}${a.due ? ` (due ${a.due}${a.overdue ? ", overdue" : ""})` : ""}`) : ["None open."],
    },
    {
      heading: "Office hours this week",
      lines: r.officeHours.length
        ? r.officeHours.map((s) => `${s.start.slice(0, 16).replace("T", " ")} UTC, ${s.location}: ${s.hosting ? "you host" : `your topic: ${s.topic}`}`)
        : ["None."],
    },
  ];
}

/** A notification's body holds 2,000 characters (Slack's section 3,000): lists are cut, the link kept. */
export const MAX_TEXT = 2000;
const LINES_PER_SECTION = 5;

function render(subject: string, intro: string, sections: Section[], link: string): Rendered {
  const lines = [intro, ""];
  for (const s of sections) {
    const shown = s.lines.slice(0, LINES_PER_SECTION);
    const more = s.lines.length - shown.length;
    lines.push(s.heading, ...shown.map((l) => `- ${l}`), ...(more > 0 ? [`- … and ${more} more`] : []), "");
  }
  let text = [...lines, link].join("\n");
  if (text.length > MAX_TEXT) {
    const tail = `\n… the rest in Waypoint: ${link}`;
    const head = lines.join("\n").slice(0, MAX_TEXT - tail.length);
    text = head.slice(0, head.lastIndexOf("\n")) + tail;
  }
  return { subject, text };
}

export function renderProjectWeek(r: ProjectWeek, appUrl: string): Rendered {
  return render(
    `${r.project.name}: the week ${r.week.from} – ${r.week.to}`,
    `The week of ${r.project.name} in Waypoint.`,
    projectSections(r),
    `${appUrl}${r.project.path}`,
  );
}

export function renderPersonWeek(r: PersonWeek, appUrl: string): Rendered {
  return render(
    `Your week in ${r.project.name}`,
    `Hello ${r.person.name}, here is your week in ${r.project.name}.`,
    personSections(r),
    `${appUrl}${r.project.path}/my-work`,
  );
}
