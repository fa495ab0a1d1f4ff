import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { settledStatus, USES_KIND } from "@/lib/inventory/item-state";
import { changedFields, type Snapshot } from "@/lib/inventory/history";
import { KIND_SINGULAR } from "@/lib/inventory/labels";
import type { ParseIssue } from "../types";
import type { ImportPlan, Upsert } from "./plan";
import { yieldToEventLoop } from "@/lib/event-loop";

type Tx = Prisma.TransactionClient;

type Existing = {
  id: string;
  kind: ItemKind;
  key: string;
  deletedAt: Date | null;
  name: string;
  method: string | null;
  path: string | null;
  handler: string | null;
  status: string;
  statusReason: string | null;
  servedBy: string;
  readiness: string | null;
  currentVersion: string | null;
  targetVersion: string | null;
  replacement: string | null;
  trafficPerDay: number;
  complexity: number;
  size: number | null;
  testCoverage: number | null;
  ownerTeamId: string | null;
  ownerUserId: string | null;
  notes: string;
  links: string[];
};

export type FieldChange = { field: string; fromValue: string | null; toValue: string | null };
export type Operation =
  | { type: "create"; kind: ItemKind; key: string; data: Record<string, unknown>; file: string; line: number }
  | {
      type: "update" | "restore";
      id: string;
      kind: ItemKind;
      key: string;
      data: Record<string, unknown>;
      changes: FieldChange[];
      file: string;
      line: number;
      /** restore: the status it was deleted with */ restoredStatus?: string;
    };

export type ItemChangeKind = "new" | "changed" | "unchanged" | "restored";

export type DiffResult = {
  operations: Operation[];
  relations: { fromKind: ItemKind; fromKey: string; toKind: ItemKind; toKey: string }[];
  teamsToCreate: string[];
  counts: Record<ItemKind, { new: number; changed: number; unchanged: number; restored: number }>;
  unchanged: number;
  /** What the import does to each planned item, by "KIND key". */
  changeOf: Map<string, ItemChangeKind>;
  issues: ParseIssue[];
};

const ownerRef = (e: { ownerTeamId: string | null; ownerUserId: string | null }) =>
  e.ownerTeamId ? `team:${e.ownerTeamId}` : e.ownerUserId ? `user:${e.ownerUserId}` : null;

/** The snapshot an item would have with these column values, in the shape history compares. */
function snapshot(e: Omit<Existing, "id" | "kind" | "deletedAt">): Snapshot {
  return { ...e, owner: ownerRef(e) } as Snapshot;
}

/**
 * Compares a plan with the inventory: which items are new, changed (and how), unchanged, or
 * deleted earlier and restored; which relations and teams it adds; and what is wrong with it.
 * Read-only: the preview shows it, the commit applies it inside its own transaction.
 */
export async function diffPlan(tx: Tx, scope: { organizationId: string; projectId: string; mayCreateTeams: boolean }, plan: ImportPlan): Promise<DiffResult> {
  const issues: ParseIssue[] = [];
  const kinds = [
    ...new Set([
      ...plan.upserts.map((u) => u.kind),
      ...(plan.traffic ? (["ROUTE"] as const) : []),
      ...plan.upserts.flatMap((u) => (USES_KIND[u.kind] ? [USES_KIND[u.kind]!] : [])),
    ]),
  ];
  const rows = (await tx.item.findMany({
    where: { projectId: scope.projectId, organizationId: scope.organizationId, kind: { in: kinds as ItemKind[] } },
    select: {
      id: true,
      kind: true,
      key: true,
      deletedAt: true,
      name: true,
      method: true,
      path: true,
      handler: true,
      status: true,
      statusReason: true,
      servedBy: true,
      readiness: true,
      currentVersion: true,
      targetVersion: true,
      replacement: true,
      trafficPerDay: true,
      complexity: true,
      size: true,
      testCoverage: true,
      ownerTeamId: true,
      ownerUserId: true,
      notes: true,
      links: true,
    },
  })) as Existing[];
  const existing = new Map(rows.map((r) => [`${r.kind} ${r.key}`, r]));

  // Owners named in tables: a member's e-mail, or a team's name (created on commit if new).
  const ownerNames = [...new Set(plan.upserts.map((u) => u.fields.owner).filter((o): o is string => Boolean(o)))];
  // One after another: this runs in a transaction (one connection; pg@9 refuses overlapping queries).
  const teams = ownerNames.length ? await tx.team.findMany({ where: { organizationId: scope.organizationId }, select: { id: true, name: true } }) : [];
  const members = ownerNames.length
    ? await tx.membership.findMany({ where: { organizationId: scope.organizationId }, select: { user: { select: { id: true, email: true } } } })
    : [];
  const teamByName = new Map(teams.map((t) => [t.name.toLowerCase(), t.id]));
  const userByEmail = new Map(members.map((m) => [m.user.email, m.user.id]));
  const teamsToCreate = new Set<string>();

  const counts = {
    ROUTE: { new: 0, changed: 0, unchanged: 0, restored: 0 },
    MODULE: { new: 0, changed: 0, unchanged: 0, restored: 0 },
    DEPENDENCY: { new: 0, changed: 0, unchanged: 0, restored: 0 },
  };
  const operations: Operation[] = [];
  const planned = new Set<string>();
  const relations: DiffResult["relations"] = [];
  const changeOf = new Map<string, ItemChangeKind>();
  const inThisPlan = new Set(plan.upserts.map((p) => `${p.kind} ${p.key}`));
  let unchanged = 0;

  // Which backend serves a route is the cutover's to change (freeze windows, gates, history): a
  // served_by column is read by the parsers but not applied; say so once.
  const servedBy = plan.upserts.find((u) => u.fields.servedBy !== undefined);
  if (servedBy)
    issues.push({
      file: servedBy.file,
      line: servedBy.line,
      field: "served_by",
      message: "served_by is not imported: traffic is switched on the Cutover page, where freeze windows, gates and history apply.",
      severity: "warning",
    });

  for (const [index, u] of plan.upserts.entries()) {
    if (index % 2000 === 1999) await yieldToEventLoop(); // 100,000 rows are seconds of work
    const id = `${u.kind} ${u.key}`;
    if (planned.has(id)) continue; // the parsers report duplicates; the first one counts
    planned.add(id);
    const ownerColumns = resolveOwner(u, teamByName, userByEmail, scope.mayCreateTeams ? teamsToCreate : null, issues);
    const current = existing.get(id);
    const values = columnValues(u, ownerColumns);
    // One state per item: a dependency found compatible is ported (item-state.ts), as in the form.
    const settled = settledStatus(u.kind, current && !current.deletedAt ? { status: current.status as PortStatus } : null, {
      status: values.status as PortStatus | undefined,
      readiness: values.readiness as Readiness | undefined,
    });
    if (settled !== undefined) values.status = settled;
    if (!current) {
      operations.push({ type: "create", kind: u.kind, key: u.key, data: values, file: u.file, line: u.line });
      counts[u.kind].new++;
      changeOf.set(id, "new");
    } else {
      const next = { ...current, ...values } as Existing;
      const changes = changedFields(snapshot(current), snapshot(next));
      if (current.deletedAt) {
        operations.push({
          type: "restore",
          id: current.id,
          kind: u.kind,
          key: u.key,
          data: values,
          changes,
          file: u.file,
          line: u.line,
          restoredStatus: String(current.status),
        });
        counts[u.kind].restored++;
        changeOf.set(id, "restored");
      } else if (changes.length) {
        operations.push({ type: "update", id: current.id, kind: u.kind, key: u.key, data: values, changes, file: u.file, line: u.line });
        counts[u.kind].changed++;
        changeOf.set(id, "changed");
      } else {
        counts[u.kind].unchanged++;
        unchanged++;
        changeOf.set(id, "unchanged");
      }
    }
    const toKind = USES_KIND[u.kind];
    for (const toKey of u.uses ?? []) {
      if (!toKind) break;
      const target = existing.get(`${toKind} ${toKey}`);
      const inPlan = inThisPlan.has(`${toKind} ${toKey}`);
      if ((!target || target.deletedAt) && !inPlan) {
        issues.push({
          file: u.file,
          line: u.line,
          field: toKind === "MODULE" ? "modules" : "dependencies",
          message: `${u.key} uses the ${KIND_SINGULAR[toKind]} "${toKey}", which is neither in the inventory nor in this import.`,
          severity: "error",
        });
        continue;
      }
      relations.push({ fromKind: u.kind, fromKey: u.key, toKind, toKey });
    }
  }

  if (plan.traffic) {
    for (const [key, perDay] of Object.entries(plan.traffic.byKey)) {
      const current = existing.get(`ROUTE ${key}`);
      if (!current || current.deletedAt) continue;
      if (current.trafficPerDay === perDay) {
        counts.ROUTE.unchanged++;
        unchanged++;
        continue;
      }
      operations.push({
        type: "update",
        id: current.id,
        kind: "ROUTE",
        key,
        data: { trafficPerDay: perDay },
        changes: [{ field: "trafficPerDay", fromValue: String(current.trafficPerDay), toValue: String(perDay) }],
        file: "",
        line: 0,
      });
      counts.ROUTE.changed++;
    }
  }
  return { operations, relations, teamsToCreate: [...teamsToCreate], counts, unchanged, changeOf, issues };
}

/**
 * An owner column: a member's e-mail, or a team's name. An unknown team is created on commit when
 * the importer may manage teams (`toCreate`); otherwise the row keeps its owner (none, if new) and
 * a warning names the team — an import is no way round the role that creates teams.
 */
function resolveOwner(u: Upsert, teams: Map<string, string>, users: Map<string, string>, toCreate: Set<string> | null, issues: ParseIssue[]) {
  const owner = u.fields.owner?.trim();
  if (owner === undefined) return undefined;
  if (owner === "") return { ownerTeamId: null, ownerUserId: null };
  if (owner.includes("@")) {
    const userId = users.get(owner.toLowerCase());
    if (!userId)
      issues.push({
        file: u.file,
        line: u.line,
        field: "owner",
        message: `"${owner}" is not a member of this organisation. Invite them first, or name a team.`,
        severity: "error",
      });
    return { ownerTeamId: null, ownerUserId: userId ?? null };
  }
  const teamId = teams.get(owner.toLowerCase());
  if (!teamId && !toCreate) {
    issues.push({
      file: u.file,
      line: u.line,
      field: "owner",
      message: `There is no team "${owner}", and only managers and admins create teams: the row is imported without this owner.`,
      severity: "warning",
    });
    return undefined;
  }
  if (!teamId) toCreate!.add(owner);
  // A team still to create is named here; the commit swaps the name for its new id.
  return { ownerTeamId: teamId ?? `new-team:${owner}`, ownerUserId: null };
}

/** The columns an upsert sets: only the fields the import knows, plus the derived name. */
function columnValues(u: Upsert, owner: { ownerTeamId: string | null; ownerUserId: string | null } | undefined) {
  const { owner: _owner, servedBy: _servedBy, ...fields } = u.fields;
  const values: Record<string, unknown> = { ...fields };
  if (u.kind === "ROUTE") values.name = u.key;
  if (u.kind === "MODULE") Object.assign(values, { name: u.key, path: fields.path ?? u.key });
  if (u.kind === "DEPENDENCY") values.name = fields.name ?? u.key;
  if (owner) Object.assign(values, owner);
  return values;
}
