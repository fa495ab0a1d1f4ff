// Over 400 lines: one pass that keeps ItemCode and the open CodeProposals in step with both repositories; its parts share the maps it builds once.
/**
 * What a scan means for the inventory (issue 22), run in the transaction that stores the scan:
 * proposed additions and retirements from the legacy code, the match of each legacy route to the
 * new code (ItemCode), the suggested statuses and owners (CodeProposal), drift.
 *
 * CONTRACT (run-scan.ts calls these two):
 *   1. `prepareReconcile` runs outside the transaction and reads what it needs from the clone
 *      (CODEOWNERS, handler files and test files for the risk read from code).
 *   2. `reconcileScan` runs inside the scan's transaction, after the repository's CodeRoute rows
 *      were rewritten to the scan's routes; it reads both repositories' CodeRoute rows from `tx`.
 *
 * The rules
 *   - Legacy scan: a legacy route with no route item → an open ADDITION (on the first scan too,
 *     marked "baseline" so a steward can accept them in bulk); a route item whose legacy route a
 *     previous scan found and this one does not → an open RETIREMENT. Hand-entered items the
 *     parser never found are never proposed for retirement. A Retired item whose route is back in
 *     the legacy code is drift "retired-returned".
 *   - Every scan: each route item (its method and pattern, the legacy route's own) is matched to
 *     the new repository's routes with the project's prefix map and manual links; a match sets
 *     ItemCode.new* (newSince kept while it stays matched) and, for an item Not started or In
 *     progress, proposes Ported (or applies it, when the project says so).
 *   - Drift, for every route item: "ported-not-in-code" (Ported/Verified, no match),
 *     "in-code-not-started" (matched for more than driftDays while Not started), "retired-returned".
 *   - Legacy scan: owners from CODEOWNERS of the handler's file → ItemCode.codeOwners and the
 *     suggested team; an OWNER proposal only for an item nobody owns. Risk from the handler's code
 *     (code-risk.ts) → ItemCode.codeComplexity / codeTestCoverage.
 *   - Idempotent: the same commit twice writes nothing. A proposal the code no longer supports is
 *     "withdrawn"; a rejected one is not proposed again.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PortStatus } from "@/lib/generated/prisma/enums";
import type { OrgContext } from "@/lib/tenancy";
import { itemKey } from "@/lib/inventory/keys";
import type { RepositoryReader } from "./git";
import type { RouteChanges, ScanState } from "./scan";
import { matchRoutes, shapeOf } from "./route-match";
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners, teamsFor, type CodeownersFlavor } from "./codeowners";
import { assessHandler, findPythonHandler, isTestFile, languageOf, type SourceText } from "./code-risk";
import { codeSettingsIn, linksOf, type CodeSettings } from "./settings";
import { applyProposal, type ProposalKind, type ProposalRow } from "./proposal-apply";
import { driftOf } from "./item-drift";

type Tx = Prisma.TransactionClient;

export type RepositoryRef = { id: string; role: "LEGACY" | "NEW" };

/**
 * What the reconcile reads from the clone before the transaction: file texts by repository path
 * (the CODEOWNERS file, the route files and handler files, the test files).
 */
export type CodeContext = {
  files: Record<string, string>;
  codeowners?: { path: string; flavor: CodeownersFlavor };
  /** Only the files a push changed were read: the owners and risk of routes elsewhere are kept. */
  partial?: boolean;
};

export type ReconcileInput = {
  scope: { organizationId: string; projectId: string };
  repository: RepositoryRef;
  commit: string;
  at: Date;
  /** Routes this scan added, removed or moved since the repository's previous scan. */
  changes: RouteChanges;
  /** The repository had never been scanned: its routes are the baseline. */
  firstScan: boolean;
  code: CodeContext;
};

export type ReconcileSummary = { proposals: number; matches: number; drift: number };

export type { Drift } from "./item-drift";

/** Test files read for the risk: at most this many, of at most this size each. */
const MAX_TEST_FILES = 400;
const MAX_FILE_BYTES = 256 * 1024;

export async function prepareReconcile(input: {
  reader: RepositoryReader;
  commit: string;
  state: ScanState;
  repository: RepositoryRef;
  /** The commit the previous scan read, when this one was incremental: only what changed since is read again. */
  since?: string | null;
  /** Files to read even when unchanged: those of routes whose risk has not been read yet (items accepted since). */
  alsoRead?: string[];
}): Promise<CodeContext> {
  // Owners and risk are read from the legacy code only: the new side is matched from CodeRoute rows.
  if (input.repository.role !== "LEGACY") return { files: {} };
  const tree = (await input.reader.listFiles(input.commit)).filter((e) => e.type === "file");
  const present = new Set(tree.map((e) => e.path));
  const codeowners = codeownersFile(present);
  // A push that touched no test file and not CODEOWNERS changes the owners and risk of the routes
  // in the files it touched only: those are read (with CODEOWNERS), the rest keep what they had.
  let changed: Set<string> | null = null;
  if (input.since && input.since !== input.commit) {
    const diff = await input.reader.changedFiles(input.since, input.commit);
    if (diff.kind === "changes") {
      const paths = diff.changes.flatMap((c) => (c.status === "renamed" ? [c.path, c.previousPath] : [c.path]));
      if (!paths.some((p) => isTestFile(p) || /(^|\/)CODEOWNERS$/.test(p))) changed = new Set(paths);
    }
  } else if (input.since === input.commit) changed = new Set();
  if (changed) for (const p of input.alsoRead ?? []) changed.add(p);
  const routeFiles = Object.entries(input.state.routesByFile)
    .filter(([file, routes]) => routes.length > 0 && (!changed || changed.has(file)))
    .map(([file]) => file);
  const small = new Map(tree.filter((e) => e.size <= MAX_FILE_BYTES).map((e) => [e.path, e]));
  const tests = (changed ? [] : tree)
    .filter((e) => isTestFile(e.path) && languageOf(e.path) && small.has(e.path))
    .map((e) => e.path)
    .sort()
    .slice(0, MAX_TEST_FILES);
  // Handlers named by a dotted path (Django's views) live in another file than the route.
  const handlerFiles = new Set<string>();
  for (const [file, routes] of Object.entries(input.state.routesByFile))
    for (const r of changed && !changed.has(file) ? [] : routes) {
      if (!r.handler || !r.handler.includes(".")) continue;
      const parts = r.handler.split(".");
      for (let cut = parts.length - 1; cut >= 1; cut--) {
        const mod = parts.slice(0, cut).join("/");
        for (const p of [`${mod}.py`, `${mod}/__init__.py`]) for (const f of present) if (f === p || f.endsWith(`/${p}`)) handlerFiles.add(f);
      }
    }
  const wanted = [...new Set([...(codeowners ? [codeowners.path] : []), ...routeFiles, ...handlerFiles, ...tests])].filter((p) => small.has(p));
  const files: Record<string, string> = {};
  for (const read of await input.reader.readFiles(input.commit, wanted)) if (read.status === "text") files[read.path] = read.text;
  return { files, ...(codeowners && files[codeowners.path] !== undefined ? { codeowners } : {}), ...(changed ? { partial: true } : {}) };
}

function codeownersFile(present: Set<string>): { path: string; flavor: CodeownersFlavor } | undefined {
  if (present.has(".gitlab/CODEOWNERS")) return { path: ".gitlab/CODEOWNERS", flavor: "gitlab" };
  const path = CODEOWNERS_LOCATIONS.github.find((p) => present.has(p));
  if (!path) return undefined;
  return { path, flavor: "github" };
}

type RouteRow = { method: string; path: string; file: string; line: number; handler: string | null; firstCommit: string };
type ItemRow = {
  id: string;
  key: string;
  method: string | null;
  path: string | null;
  handler: string | null;
  status: PortStatus;
  ownerTeamId: string | null;
  ownerUserId: string | null;
};
type CodeRow = Prisma.ItemCodeGetPayload<object>;
type Proposal = Prisma.CodeProposalGetPayload<object>;

/** What one ItemCode row should hold after this scan (the fields this pass owns). */
export type ItemCodeFields = Omit<CodeRow, "itemId" | "organizationId" | "projectId" | "updatedAt">;

const WORKING: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS"];

export async function reconcileScan(tx: Tx, input: ReconcileInput): Promise<ReconcileSummary> {
  const { scope, at } = input;
  const settings = await codeSettingsIn(tx, scope);
  const repos = await tx.repository.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId },
    select: { id: true, role: true, lastCommit: true },
  });
  const legacyRepo = repos.find((r) => r.role === "LEGACY");
  const newRepo = repos.find((r) => r.role === "NEW");
  const isLegacyScan = input.repository.role === "LEGACY";
  const routeSelect = { method: true, path: true, file: true, line: true, handler: true, firstCommit: true } as const;
  const legacyRoutes: RouteRow[] | null = legacyRepo
    ? await tx.codeRoute.findMany({ where: { organizationId: scope.organizationId, repositoryId: legacyRepo.id }, select: routeSelect })
    : null;
  // The new side counts once the new repository has been scanned (this scan, or an earlier one).
  const newScanned = Boolean(newRepo && (newRepo.lastCommit || input.repository.id === newRepo.id));
  const newRoutes: RouteRow[] = newRepo
    ? await tx.codeRoute.findMany({ where: { organizationId: scope.organizationId, repositoryId: newRepo.id }, select: routeSelect })
    : [];
  const legacyCommit = isLegacyScan ? input.commit : (legacyRepo?.lastCommit ?? null);
  const newCommit = !isLegacyScan ? input.commit : (newRepo?.lastCommit ?? null);

  const items: ItemRow[] = await tx.item.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, kind: "ROUTE", deletedAt: null },
    select: { id: true, key: true, method: true, path: true, handler: true, status: true, ownerTeamId: true, ownerUserId: true },
    orderBy: { key: "asc" },
  });
  const codes = new Map(
    (await tx.itemCode.findMany({ where: { organizationId: scope.organizationId, projectId: scope.projectId } })).map((c) => [c.itemId, c]),
  );
  const proposals = await tx.codeProposal.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, state: { in: ["open", "rejected"] } },
  });
  const book = new ProposalBook(tx, input, settings, proposals);

  // Which legacy route serves each item: the same key, else the same method and shape.
  const legacyOf = new Map<string, RouteRow>();
  if (legacyRoutes) {
    const byKey = new Map<string, RouteRow>();
    const byShape = new Map<string, RouteRow>();
    for (const r of legacyRoutes) {
      byKey.set(routeItemKey(r), r);
      const s = `${r.method.toUpperCase()} ${shapeOf(r.path)}`;
      if (!byShape.has(s)) byShape.set(s, r);
    }
    for (const item of items) {
      const shape = shapeOf(item.path ?? "/");
      const found = byKey.get(item.key) ?? byShape.get(`${(item.method ?? "GET").toUpperCase()} ${shape}`) ?? byShape.get(`ANY ${shape}`);
      if (found) legacyOf.set(item.id, found);
    }
  }

  // Legacy scan: scope changes.
  if (isLegacyScan && legacyRoutes) {
    const itemKeys = new Set(items.map((i) => i.key));
    const live = new Set(legacyRoutes.map(routeItemKey));
    const servedRoutes = new Set([...legacyOf.values()]);
    for (const r of [...legacyRoutes].sort(byPlace)) {
      const key = routeItemKey(r);
      if (itemKeys.has(key) || servedRoutes.has(r)) continue;
      await book.propose("ADDITION", `ADDITION:${key}`, {
        itemId: null,
        method: r.method.toUpperCase(),
        path: r.path,
        handler: r.handler,
        file: r.file,
        line: r.line,
        value: input.firstScan ? "baseline" : null,
      });
    }
    // Additions no longer supported: the route left the legacy code, or someone added the item.
    for (const p of book.open("ADDITION")) {
      const key = p.openKey!.slice("ADDITION:".length);
      if (!live.has(key) || itemKeys.has(key)) await book.withdraw(p);
    }
    const removedKeys = new Set(input.changes.removed.map(routeItemKey));
    for (const item of items) {
      if (legacyOf.has(item.id) || item.status === "RETIRED") continue;
      const foundBefore = Boolean(codes.get(item.id)?.legacyFile) || removedKeys.has(item.key);
      if (!foundBefore) continue;
      const was = codes.get(item.id);
      await book.propose("RETIREMENT", `RETIREMENT:${item.id}`, {
        itemId: item.id,
        method: item.method,
        path: item.path,
        handler: item.handler,
        file: was?.legacyFile ?? input.changes.removed.find((r) => routeItemKey(r) === item.key)?.file ?? null,
        line: was?.legacyLine ?? null,
        value: "RETIRED",
      });
    }
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const p of book.open("RETIREMENT")) {
      const item = p.itemId ? byId.get(p.itemId) : undefined;
      if (!item || legacyOf.has(item.id) || item.status === "RETIRED") await book.withdraw(p);
    }
  }

  // Matching: every route item against the new code.
  const matched = new Map<string, { route: RouteRow; via: string }>();
  if (newScanned) {
    const legacySide = items.map((i) => ({ id: i.id, method: i.method ?? "GET", path: i.path ?? "/", file: "", line: 0 }));
    const newSide = newRoutes.map((r) => ({ ...r, handler: r.handler ?? undefined, row: r }));
    const result = matchRoutes(legacySide, newSide, { prefixes: settings.prefixMap, links: linksOf(settings) });
    for (const m of result.matches) if (m.match) matched.set(m.legacy.id, { route: m.match.route.row, via: m.match.via });
  }

  // Owners and risk from the legacy code (only a legacy scan read it).
  const codeowners =
    isLegacyScan && input.code.codeowners && input.code.files[input.code.codeowners.path] !== undefined
      ? parseCodeowners(input.code.files[input.code.codeowners.path], input.code.codeowners.flavor)
      : null;
  const ownerTable = settings.ownerTeams.map((o) => ({ owner: o.owner, team: o.teamId }));
  const sources: SourceText[] = Object.entries(input.code.files).map(([path, text]) => ({ path, text }));
  const testFiles = sources.filter((s) => isTestFile(s.path));

  let drifted = 0;
  let riskChanged = false;
  const dueStatus: { item: ItemRow; route: RouteRow }[] = [];
  for (const item of items) {
    const before = codes.get(item.id);
    const legacy = legacyOf.get(item.id);
    const match = matched.get(item.id);
    const next: ItemCodeFields = {
      legacyFile: before?.legacyFile ?? null,
      legacyLine: before?.legacyLine ?? null,
      legacyCommit: before?.legacyCommit ?? null,
      newMethod: null,
      newPath: null,
      newFile: null,
      newLine: null,
      newCommit: null,
      newSince: null,
      matchVia: null,
      suggestedOwnerTeamId: before?.suggestedOwnerTeamId ?? null,
      codeOwners: before?.codeOwners ?? [],
      codeComplexity: before?.codeComplexity ?? null,
      codeTestCoverage: before?.codeTestCoverage ?? null,
      drift: null,
      driftSince: null,
    };
    if (legacyRoutes) {
      next.legacyFile = legacy?.file ?? null;
      next.legacyLine = legacy?.line ?? null;
      // The commit the file and line were read at: kept while the route stays where it was.
      next.legacyCommit = legacy
        ? before?.legacyFile === legacy.file && before.legacyLine === legacy.line && before.legacyCommit
          ? before.legacyCommit
          : (legacyCommit ?? legacy.firstCommit)
        : null;
    }
    if (match) {
      const stays = before?.newFile === match.route.file && before.newLine === match.route.line && before.newMethod === match.route.method;
      next.newMethod = match.route.method;
      next.newPath = match.route.path;
      next.newFile = match.route.file;
      next.newLine = match.route.line;
      next.newCommit = stays && before?.newCommit ? before.newCommit : (newCommit ?? match.route.firstCommit);
      next.newSince = before?.newPath && before.newSince ? before.newSince : at;
      next.matchVia = match.via;
      if (WORKING.includes(item.status)) dueStatus.push({ item, route: match.route });
    } else if (!newScanned && before) {
      // No new repository scanned yet (or none linked): what an earlier scan found is kept.
      Object.assign(next, {
        newMethod: before.newMethod,
        newPath: before.newPath,
        newFile: before.newFile,
        newLine: before.newLine,
        newCommit: before.newCommit,
        newSince: before.newSince,
        matchVia: before.matchVia,
      });
    }
    const readNow = !input.code.partial || !legacy || input.code.files[legacy.file] !== undefined;
    if (readNow && (codeowners || (isLegacyScan && sources.length > 0))) {
      const handlerAt = legacy ? handlerPlace(legacy, sources) : undefined;
      const ownedFile = handlerAt?.file.path ?? legacy?.file;
      if (isLegacyScan) {
        const owners = codeowners && ownedFile ? ownersOf(codeowners, ownedFile).owners : [];
        next.codeOwners = owners;
        next.suggestedOwnerTeamId = teamsFor(owners, ownerTable)[0] ?? null;
      }
      if (handlerAt && legacy) {
        const risk = assessHandler({
          file: handlerAt.file,
          line: handlerAt.line,
          route: { path: legacy.path, handler: legacy.handler ?? undefined },
          testFiles,
        });
        next.codeComplexity = risk.suggested.complexity;
        next.codeTestCoverage = risk.suggested.testCoverage;
      } else if (isLegacyScan && legacyRoutes) {
        next.codeComplexity = null;
        next.codeTestCoverage = null;
      }
    }
    const drift = driftOf(item, next, { newScanned, legacyLinked: Boolean(legacyRoutes), at, settings });
    next.drift = drift;
    next.driftSince = drift ? (before?.drift === drift && before.driftSince ? before.driftSince : at) : null;
    if (drift) drifted++;
    if (await writeItemCode(tx, scope, item.id, before, next)) riskChanged = true;

    // OWNER: only for an item nobody owns, and only a legacy scan reads CODEOWNERS.
    if (isLegacyScan) {
      const suggested = next.suggestedOwnerTeamId;
      const openOwner = book.openFor("OWNER", item.id);
      if (openOwner && (openOwner.value !== suggested || item.ownerTeamId || item.ownerUserId)) await book.withdraw(openOwner);
      if (suggested && !item.ownerTeamId && !item.ownerUserId)
        await book.propose("OWNER", `OWNER:${item.id}`, {
          itemId: item.id,
          method: item.method,
          path: item.path,
          handler: item.handler,
          file: legacy?.file ?? null,
          line: legacy?.line ?? null,
          value: suggested,
        });
    }
  }

  // STATUS: found in the new code while Not started / In progress → Ported.
  const due = new Set(dueStatus.map((d) => d.item.id));
  // Only route items' suggestions are this pass's: a module's STATUS proposal comes from the patterns (pattern-store.ts).
  if (newScanned) {
    const open = book.open("STATUS");
    const notRoutes = new Set(
      (
        await tx.item.findMany({
          where: {
            organizationId: scope.organizationId,
            projectId: scope.projectId,
            id: { in: open.flatMap((p) => (p.itemId ? [p.itemId] : [])) },
            kind: { not: "ROUTE" },
          },
          select: { id: true },
        })
      ).map((i) => i.id),
    );
    for (const p of open) if (!(p.itemId && notRoutes.has(p.itemId)) && !(p.itemId && due.has(p.itemId))) await book.withdraw(p);
  }
  for (const { item, route } of dueStatus) {
    await book.propose(
      "STATUS",
      `STATUS:${item.id}`,
      { itemId: item.id, method: item.method, path: item.path, handler: route.handler, file: route.file, line: route.line, value: "PORTED" },
      newCommit ?? route.firstCommit,
    );
  }

  if (riskChanged) await bumpProjectVersion(tx, scope);
  return { proposals: book.created, matches: matched.size, drift: drifted };
}

/**
 * The match, drift and suggestions of every route item again from the stored scans, without a
 * new one: after a decision created, retired or changed items. It passes as a rescan of the last
 * commit (the new repository's when it was scanned), which reads nothing and proposes nothing new.
 */
export async function refreshCodeView(tx: Tx, scope: { organizationId: string; projectId: string }, at: Date): Promise<ReconcileSummary | null> {
  const repos = await tx.repository.findMany({
    where: { organizationId: scope.organizationId, projectId: scope.projectId, lastCommit: { not: null } },
    select: { id: true, role: true, lastCommit: true },
  });
  const ref = repos.find((r) => r.role === "NEW") ?? repos.find((r) => r.role === "LEGACY");
  if (!ref?.lastCommit) return null;
  return reconcileScan(tx, {
    scope,
    repository: { id: ref.id, role: ref.role },
    commit: ref.lastCommit,
    at,
    changes: { added: [], removed: [], moved: [] },
    firstScan: false,
    code: { files: {} },
  });
}

/** The handler's file and line: the route's own line when the handler is defined there, else its dotted name. */
function handlerPlace(route: RouteRow, sources: SourceText[]): { file: SourceText; line: number } | undefined {
  const own = sources.find((s) => s.path === route.file);
  if (route.handler && route.handler.includes(".")) {
    const found = findPythonHandler(route.handler, sources);
    if (found) return found;
  }
  return own ? { file: own, line: route.line } : undefined;
}

const CODE_FIELDS: (keyof ItemCodeFields)[] = [
  "legacyFile",
  "legacyLine",
  "legacyCommit",
  "newMethod",
  "newPath",
  "newFile",
  "newLine",
  "newCommit",
  "newSince",
  "matchVia",
  "suggestedOwnerTeamId",
  "codeOwners",
  "codeComplexity",
  "codeTestCoverage",
  "drift",
  "driftSince",
];

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
    : Array.isArray(a) || Array.isArray(b)
      ? JSON.stringify(a) === JSON.stringify(b)
      : a === b;

/** Writes the row only when something differs: the same commit twice writes nothing. Answers whether the ranking's inputs changed. */
async function writeItemCode(
  tx: Tx,
  scope: { organizationId: string; projectId: string },
  itemId: string,
  before: CodeRow | undefined,
  next: ItemCodeFields,
): Promise<boolean> {
  if (before && CODE_FIELDS.every((f) => same(before[f], next[f]))) return false;
  if (!before && CODE_FIELDS.every((f) => (f === "codeOwners" ? next.codeOwners.length === 0 : next[f] === null))) return false;
  if (before) await tx.itemCode.update({ where: { itemId }, data: next });
  else await tx.itemCode.create({ data: { itemId, organizationId: scope.organizationId, projectId: scope.projectId, ...next } });
  return (before?.codeComplexity ?? null) !== next.codeComplexity || (before?.codeTestCoverage ?? null) !== next.codeTestCoverage;
}

/**
 * The ranking caches what it prepared by the project's version, which history writes bump; risk
 * read from code changes the ranking's inputs without history, so it bumps the version itself.
 */
async function bumpProjectVersion(tx: Tx, scope: { organizationId: string; projectId: string }) {
  await tx.$executeRaw`
    INSERT INTO "ProjectVersion" ("projectId", "version")
    SELECT p.id, 1 FROM "Project" p WHERE p.id = ${scope.projectId} AND p."organizationId" = ${scope.organizationId}
    ON CONFLICT ("projectId") DO UPDATE SET "version" = "ProjectVersion"."version" + 1`;
}

const routeItemKey = (r: { method: string; path: string }) => itemKey("ROUTE", { method: r.method, path: r.path });

function byPlace(a: RouteRow, b: RouteRow): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

/**
 * The project's open proposals (by openKey) and the rejected ones (never proposed again), and the
 * writes that keep them: a new proposal (accepted at once when the project auto-accepts its kind),
 * a withdrawal.
 */
class ProposalBook {
  created = 0;
  private readonly openByKey = new Map<string, Proposal>();
  private readonly rejected = new Set<string>();
  private readonly ctx: OrgContext;

  constructor(
    private readonly tx: Tx,
    private readonly input: ReconcileInput,
    private readonly settings: CodeSettings,
    proposals: Proposal[],
  ) {
    for (const p of proposals) {
      if (p.state === "open" && p.openKey) this.openByKey.set(p.openKey, p);
      if (p.state === "rejected") this.rejected.add(rejectionKey(p));
    }
    // Changes applied without a person are the system's: no user, and no override of any gate.
    this.ctx = {
      organizationId: input.scope.organizationId,
      organizationSlug: "",
      role: "MANAGER",
      userId: null,
      tokenProjectId: input.scope.projectId,
    };
  }

  open(kind: ProposalKind): Proposal[] {
    return [...this.openByKey.values()].filter((p) => p.kind === kind);
  }

  openFor(kind: ProposalKind, itemId: string): Proposal | undefined {
    return this.openByKey.get(`${kind}:${itemId}`);
  }

  async propose(
    kind: ProposalKind,
    openKey: string,
    fields: Pick<ProposalRow, "itemId" | "method" | "path" | "handler" | "file" | "line" | "value">,
    commit = this.input.commit,
  ): Promise<void> {
    const existing = this.openByKey.get(openKey);
    if (existing) {
      // Still supported: follow the route if it moved, and nothing else (the same commit writes nothing).
      if (existing.file !== fields.file || existing.line !== fields.line)
        await this.tx.codeProposal.update({ where: { id: existing.id }, data: { file: fields.file, line: fields.line, commit } });
      return;
    }
    if (this.rejected.has(rejectionKey({ kind, ...fields }))) return;
    const auto = (kind === "ADDITION" || kind === "RETIREMENT") && this.settings.autoAcceptScope ? true : kind === "STATUS" && this.settings.autoApplyStatus;
    const { scope } = this.input;
    const row = await this.tx.codeProposal.create({
      data: {
        organizationId: scope.organizationId,
        projectId: scope.projectId,
        kind,
        commit,
        openKey: auto ? null : openKey,
        state: auto ? "accepted" : "open",
        ...fields,
      },
    });
    this.created++;
    if (!auto) {
      this.openByKey.set(openKey, row);
      return;
    }
    const applied = await applyProposal(this.tx, this.ctx, row, "auto");
    await this.tx.codeProposal.update({ where: { id: row.id }, data: { decidedAt: this.input.at, itemId: applied.itemId } });
  }

  async withdraw(p: Proposal): Promise<void> {
    await this.tx.codeProposal.update({ where: { id: p.id }, data: { state: "withdrawn", openKey: null, decidedAt: this.input.at } });
    if (p.openKey) this.openByKey.delete(p.openKey);
  }
}

/** A rejected proposal stays rejected: the same kind about the same item or route, with the same value. */
function rejectionKey(p: { kind: string; itemId: string | null; method: string | null; path: string | null; value: string | null }): string {
  return p.kind === "ADDITION" ? `ADDITION|${p.method} ${p.path}` : `${p.kind}|${p.itemId}|${p.value}`;
}
