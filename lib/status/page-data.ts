import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import type { ServedBy } from "@/lib/generated/prisma/enums";
import { assertCan, can } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { cutoverSummary } from "@/lib/cutover/history";
import { listFreezeWindows } from "@/lib/cutover/freeze-windows";
import { runDueSwitches } from "@/lib/cutover/scheduled";
import * as clock from "@/lib/time/clock";
import { changeSentence, dayText, isRollback, momentText, percentText, placeOf, placesText } from "./format";
import { projectForStatusToken } from "./manage";

/**
 * The status page: what people outside engineering read about a project's move to the new
 * system, built from the cutover ledger in plain language. One loader for the member view
 * (`statusPageForMember`, the session's organisation) and the share link (`statusPageForToken`,
 * the token's project only): every query is scoped by the project's organisation and id.
 */

/** How far back "recently" reaches. */
export const RECENT_DAYS = 30;
const DAY = 86_400_000;
/** The most switches read for the recent list (a kill switch of a big project is one batch). */
const RECENT_ROWS = 2000;

export type StatusNoteView = { id: string; title: string; howToNotice: string; whomToTell: string };
export type StatusChange = { id: string; at: Date; day: string; sentence: string; reason: string | null };
export type StatusUpcoming = { id: string; at: Date; when: string; sentence: string; notes: StatusNoteView[] };
export type StatusFreeze = { id: string; start: Date; end: Date; text: string; now: boolean };

export type StatusPage = {
  project: { id: string; name: string; timeZone: string; archived: boolean };
  summary: string;
  share: { percent: string | null; share: number; routes: number; routesOnNew: number };
  recent: StatusChange[];
  incidents: StatusChange[];
  upcoming: StatusUpcoming[];
  notes: StatusNoteView[];
  freezes: StatusFreeze[];
  /** Other changes subscribers were told of (a planned switch moved or cancelled), latest first. */
  announcements: { id: string; at: Date; day: string; message: string }[];
  generatedAt: Date;
};

/** The page for a member of the project's organisation (any role reads it). */
export async function statusPageForMember(db: Db, ctx: OrgContext, projectId: string): Promise<StatusPage & { may: { manage: boolean } }> {
  assertCan(ctx.role, "project:view");
  const project = await projectInScope(db, ctx, projectId);
  return { ...(await buildStatusPage(db, ctx, project.id)), may: { manage: can(ctx.role, "status:manage") } };
}

/** The page a share link opens, signed out. Unknown, rotated or turned-off token → not_found, naming nothing. */
export async function statusPageForToken(db: Db, token: string): Promise<StatusPage> {
  const project = await projectForStatusToken(db, token);
  if (!project) throw notFound("No such page.");
  // A reader, confined to the token's one project of its organisation.
  const reader: OrgContext = { organizationId: project.organizationId, organizationSlug: "", role: "VIEWER", userId: null, tokenProjectId: project.id };
  return buildStatusPage(db, reader, project.id);
}

async function buildStatusPage(db: Db, ctx: OrgContext, projectId: string): Promise<StatusPage> {
  const scope = { projectId, organizationId: ctx.organizationId };
  // The ledger as it is now: a planned switch whose time has come runs before it is read.
  await runDueSwitches(db, ctx, projectId);
  const now = clock.now();
  const project = await db.project.findFirst({
    where: { id: projectId, organizationId: ctx.organizationId },
    select: { id: true, name: true, timeZone: true, statusSummary: true, archivedAt: true },
  });
  if (!project) throw notFound("No such page.");
  const tz = project.timeZone;

  const summary = await cutoverSummary(db, ctx, projectId);
  const routes = summary.byState.reduce((n, s) => n + s.routes, 0);
  const routesOnNew = summary.byState.filter((s) => s.state === "new").reduce((n, s) => n + s.routes, 0);

  const switches = await db.trafficSwitch.findMany({
    where: { ...scope, at: { gte: new Date(now.getTime() - RECENT_DAYS * DAY), lte: now } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: RECENT_ROWS,
    select: {
      id: true,
      at: true,
      kind: true,
      batchId: true,
      reason: true,
      fromState: true,
      fromPercent: true,
      toState: true,
      toPercent: true,
      item: { select: { key: true, path: true } },
    },
  });
  const { recent, incidents } = describeSwitches(switches, tz);

  const pending = await db.scheduledSwitch.findMany({
    where: { ...scope, status: "pending", runAt: { gt: now } },
    orderBy: [{ runAt: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, runAt: true, toState: true, toPercent: true, item: { select: { key: true, path: true } } },
  });
  const noteRows = await db.statusNote.findMany({
    where: { ...scope, OR: [{ scheduledSwitchId: null }, { scheduledSwitch: { status: "pending" } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, howToNotice: true, whomToTell: true, scheduledSwitchId: true },
  });
  const upcoming = describePlanned(pending, noteRows, tz);
  const attached = new Set(upcoming.flatMap((u) => u.notes.map((n) => n.id)));
  const notes = noteRows.filter((n) => !attached.has(n.id)).map(noteView);

  const windows = await listFreezeWindows(db, ctx, projectId);
  const freezes: StatusFreeze[] = windows.upcoming.map((o) => ({
    id: `${o.windowId}-${o.start.toISOString()}`,
    start: o.start,
    end: o.end,
    now: o.start <= now && now < o.end,
    text: `No changes from ${momentText(o.start, tz)} until ${momentText(o.end, tz)}: ${o.reason}`,
  }));

  const events = await db.statusEvent.findMany({
    where: { ...scope, createdAt: { gte: new Date(now.getTime() - RECENT_DAYS * DAY) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: { id: true, createdAt: true, message: true },
  });

  return {
    project: { id: project.id, name: project.name, timeZone: tz, archived: project.archivedAt !== null },
    summary: project.statusSummary,
    share: { percent: summary.trafficPerDay > 0 ? percentText(summary.newShare) : null, share: summary.newShare, routes, routesOnNew },
    recent,
    incidents,
    upcoming,
    notes,
    freezes,
    announcements: events.map((e) => ({ id: e.id, at: e.createdAt, day: dayText(e.createdAt, tz), message: e.message })),
    generatedAt: now,
  };
}

type SwitchRow = {
  id: string;
  at: Date;
  kind: string;
  batchId: string | null;
  reason: string;
  fromState: ServedBy;
  fromPercent: number | null;
  toState: ServedBy;
  toPercent: number | null;
  item: { key: string; path: string | null };
};

/**
 * Switches in plain language, one entry per batch (a bulk or kill switch) or single switch,
 * latest first. A move back to the old system is an incident, with its reason as explanation.
 */
export function describeSwitches(rows: readonly SwitchRow[], timeZone: string): { recent: StatusChange[]; incidents: StatusChange[] } {
  const groups = new Map<string, SwitchRow[]>();
  for (const row of rows) {
    const to = row.toState === "CANARY" ? `CANARY:${row.toPercent ?? 0}` : row.toState;
    const key = row.batchId ? `${row.batchId}|${to}` : row.id;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const recent: StatusChange[] = [];
  const incidents: StatusChange[] = [];
  for (const list of groups.values()) {
    const first = list[0];
    const from = { servedBy: first.fromState, canaryPercent: first.fromPercent };
    const to = { servedBy: first.toState, canaryPercent: first.toPercent };
    const places = placesText(list.map((r) => placeOf(r.item.path, r.item.key)));
    const rollback = list.some((r) => isRollback(r.kind, { servedBy: r.fromState, canaryPercent: r.fromPercent }, to));
    const entry: StatusChange = {
      id: first.id,
      at: first.at,
      day: dayText(first.at, timeZone),
      sentence: changeSentence(places, rollback ? { servedBy: "NEW", canaryPercent: null } : from, to, "past"),
      // Only an incident's reason is shown: it is its explanation. Other switches' reasons are
      // engineers' notes to each other ("smoke tests clean"), not for readers outside engineering.
      reason: rollback ? cleanReason(first.reason) : null,
    };
    (rollback ? incidents : recent).push(entry);
  }
  return { recent, incidents };
}

/** A switch's reason as typed, without the "(scheduled)" the ledger adds to planned switches. */
function cleanReason(reason: string): string | null {
  const text = reason.replace(/\s*\(scheduled\)$/, "").trim();
  return text || null;
}

type PlannedRow = { id: string; runAt: Date; toState: ServedBy; toPercent: number | null; item: { key: string; path: string | null } };
type NoteRow = StatusNoteView & { scheduledSwitchId: string | null };

/** Planned switches, soonest first, one entry per instant and target, each with its stewards' notes. */
export function describePlanned(rows: readonly PlannedRow[], notes: readonly NoteRow[], timeZone: string): StatusUpcoming[] {
  const groups = new Map<string, PlannedRow[]>();
  for (const row of rows) {
    const key = `${row.runAt.toISOString()}|${row.toState}|${row.toPercent ?? ""}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0];
    const ids = new Set(list.map((r) => r.id));
    return {
      id: first.id,
      at: first.runAt,
      when: momentText(first.runAt, timeZone),
      sentence: changeSentence(
        placesText(list.map((r) => placeOf(r.item.path, r.item.key))),
        null,
        { servedBy: first.toState, canaryPercent: first.toPercent },
        "ahead",
      ),
      notes: notes.filter((n) => n.scheduledSwitchId && ids.has(n.scheduledSwitchId)).map(noteView),
    };
  });
}

function noteView(n: NoteRow): StatusNoteView {
  return { id: n.id, title: n.title, howToNotice: n.howToNotice, whomToTell: n.whomToTell };
}
