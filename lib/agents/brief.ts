// Over 400 lines: the brief is one document read in one place — its type, its queries and the small mappings between them.
/**
 * The porting brief of one item (issue 23): everything a newcomer — person or coding agent —
 * needs to port it, read in a handful of indexed queries. What people wrote (the guide, decisions,
 * notes, logged paths, the source excerpt) is scrubbed of secrets and e-mail addresses and travels
 * as `{ kind: "data", text }`, so that an agent can tell the brief's facts from text to consider;
 * `briefMarkdown` (brief-markdown.ts) fences the same text.
 */
import type { Db } from "@/lib/db/client";
import { assertCan } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { AgentReview, DecisionStatus, ItemKind, PortStatus, Readiness, ServedBy } from "@/lib/generated/prisma/enums";
import { storedGates } from "@/lib/evidence/enforce";
import { describeRequirement, evaluateGate, gateFor, latestPerCheck, type GateName, type Missing } from "@/lib/evidence/gates";
import { toGateEvidence } from "@/lib/evidence/records";
import { defaultExpectation } from "@/lib/evidence/smoke";
import { cloneDirFor } from "@/lib/repositories/clone-dir";
import { fileUrl } from "@/lib/repositories/file-links";
import { GitClone } from "@/lib/repositories/git";
import { gitSettingsFromEnv } from "@/lib/repositories/git-process";
import * as clock from "@/lib/time/clock";
import { projectWhere, type OrgContext } from "@/lib/tenancy";
import { chooseExamples, data, excerptLines, pathPrefix, redactRequestPath, scrubText, DATA_PREFACE, type DataText } from "./brief-text";
import { latestGuideIn } from "./guide";
import { sortedSamples } from "@/lib/import/request-samples";

export { briefMarkdown } from "./brief-markdown";
export type { DataText } from "./brief-text";

const MAX_SAMPLES = 20;
const MAX_EXAMPLES = 3;
const MAX_SENT_BACK = 10;
const MAX_DECISIONS = 50;
const DONE_STATUSES: PortStatus[] = ["PORTED", "VERIFIED", "RETIRED"];
const GATES: GateName[] = ["verified", "switchToNew"];
const GATE_WORDS: Record<GateName, string> = { verified: "to become Verified", switchToNew: "to be switched to the new stack" };

type Location = { file: DataText; line: number | null; commit: string | null; href: string | null };

export type BriefRelated = {
  id: string;
  key: string;
  kind: ItemKind;
  name: DataText;
  status: PortStatus;
  readiness: Readiness | null;
  replacement: DataText | null;
  /** "uses": the item uses it directly; "needed-by-module": a module the item uses needs it. */
  via: "uses" | "needed-by-module";
  /** For needed-by-module: the module's key. */
  viaKey: string | null;
};

export type BriefDecision = {
  id: string;
  number: string;
  status: DecisionStatus;
  decidedOn: string | null;
  /** The items of this brief it is linked to (the item itself, or its modules and dependencies). */
  linkedTo: string[];
  supersededBy: string | null;
  title: DataText;
  /** null when superseded: the decision that replaced it speaks. */
  text: { context: DataText; decision: DataText; consequences: DataText } | null;
};

export type BriefGate = {
  name: GateName;
  purpose: string;
  requirements: string[];
  met: boolean;
  missing: Missing[];
};

export type Brief = {
  format: "waypoint-brief/1";
  generatedAt: string;
  notice: string;
  project: { id: string; name: DataText };
  item: {
    id: string;
    key: string;
    kind: ItemKind;
    name: DataText;
    status: PortStatus;
    agentReview: AgentReview | null;
    servedBy: ServedBy;
    method: string | null;
    pathPattern: string | null;
    handler: DataText | null;
    readiness: Readiness | null;
    replacement: DataText | null;
    blockerCount: number;
    notes: DataText | null;
    legacy: (Location & { excerpt: { startLine: number; endLine: number; text: DataText } | null; excerptMissing: string | null }) | null;
    /** Where a scan of the new code found it, if it did. */
    newCode: Location | null;
  };
  uses: BriefRelated[];
  decisions: BriefDecision[];
  guide: { version: number; updatedAt: string; body: DataText } | null;
  requests: { queryValues: "redacted" | "shown"; samples: { path: DataText; count: number }[] };
  smoke: {
    profiles: { name: string; expects: string; latest: { conclusion: string | null; observedAt: string } | null }[];
    gates: BriefGate[];
    command: string;
  };
  examples: {
    id: string;
    key: string;
    name: DataText;
    status: PortStatus;
    handler: DataText | null;
    sameModule: boolean;
    newCode: Location | null;
  }[];
  sentBack: {
    id: string;
    submittedAt: string;
    decidedAt: string | null;
    decidedBy: DataText | null;
    agent: DataText;
    prUrl: DataText;
    reviewNote: DataText;
    notes: DataText;
  }[];
};

type RelatedRow = {
  level: number | bigint;
  viaKey: string | null;
  id: string;
  key: string;
  kind: ItemKind;
  name: string;
  status: PortStatus;
  readiness: Readiness | null;
  replacement: string | null;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const maybe = (s: string | null | undefined) => (s ? data(s, 5000) : null);

/** Who decided: a name only (never an e-mail, which scrubbing would also remove). */
async function userNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

function location(repoUrl: string | null, file: string | null, line: number | null, commit: string | null): Location | null {
  if (!file) return null;
  // The link is built from the host and path only: a remote's user or token never reaches it.
  const href = repoUrl && commit ? fileUrl(repoUrl, commit, file, line) : null;
  return { file: data(file, 1000), line, commit, href };
}

/** ~30 lines around the handler from the legacy clone on this server, or why there are none. */
async function legacyExcerpt(
  repo: { id: string; organizationId: string } | null,
  file: string | null,
  line: number | null,
  commit: string | null,
): Promise<{ excerpt: { startLine: number; endLine: number; text: DataText } | null; missing: string | null }> {
  if (!file) return { excerpt: null, missing: "No scan of the legacy code has located this item." };
  if (!repo || !commit) return { excerpt: null, missing: "No legacy repository is linked (Settings → Repositories)." };
  try {
    const settings = { ...gitSettingsFromEnv(), timeoutMs: 10_000, maxFileBytes: 2 * 1024 ** 2 };
    const clone = await GitClone.open(cloneDirFor(repo), settings);
    const read = await clone.readFile(commit, file);
    if (read.status !== "text") return { excerpt: null, missing: `The file could not be read at ${commit.slice(0, 12)}: ${read.status}.` };
    const cut = excerptLines(read.text, line ?? 1);
    return { excerpt: { startLine: cut.startLine, endLine: cut.endLine, text: data(cut.text, 8000) }, missing: null };
  } catch {
    // Not found, a pruned commit, git missing: the brief still answers, without the code.
    return { excerpt: null, missing: "The legacy repository's clone is not on this server (or not at the scanned commit): scan it to read the code." };
  }
}

/**
 * The brief of one item of the project. Tenant-scoped: another project's or organisation's item is
 * not found (404). Viewers and up may read it.
 */
export async function buildBrief(db: Db, ctx: OrgContext, projectId: string, itemId: string): Promise<Brief> {
  assertCan(ctx.role, "project:view");
  const project = await db.project.findFirst({
    where: projectWhere(ctx, { id: projectId }),
    select: { id: true, organizationId: true, name: true, briefQueryValues: true, gateConfig: true },
  });
  if (!project) throw notFound("No such project.");
  const scope = { organizationId: project.organizationId, projectId: project.id };
  const item = await db.item.findFirst({
    where: { ...scope, id: itemId, deletedAt: null },
    select: {
      id: true,
      key: true,
      kind: true,
      name: true,
      status: true,
      agentReview: true,
      servedBy: true,
      method: true,
      path: true,
      handler: true,
      readiness: true,
      replacement: true,
      blockerCount: true,
      notes: true,
      code: true,
    },
  });
  if (!item) throw notFound("No such item.");

  // What it uses and what those need, in one statement (the relation's primary key, then Item's):
  // through the ORM's nested select it was six round trips.
  const relatedRows = await db.$queryRaw<RelatedRow[]>`
    SELECT 1 AS "level", NULL::text AS "viaKey", i."id", i."key", i."kind"::text AS "kind", i."name", i."status"::text AS "status",
           i."readiness"::text AS "readiness", i."replacement"
    FROM "ItemRelation" r JOIN "Item" i ON i."id" = r."toId"
    WHERE r."fromId" = ${item.id} AND r."organizationId" = ${scope.organizationId} AND r."projectId" = ${scope.projectId} AND i."deletedAt" IS NULL
    UNION ALL
    SELECT 2, m."key", i."id", i."key", i."kind"::text, i."name", i."status"::text, i."readiness"::text, i."replacement"
    FROM "ItemRelation" r1
    JOIN "Item" m ON m."id" = r1."toId" AND m."deletedAt" IS NULL
    JOIN "ItemRelation" r2 ON r2."fromId" = m."id" AND r2."organizationId" = ${scope.organizationId}
    JOIN "Item" i ON i."id" = r2."toId"
    WHERE r1."fromId" = ${item.id} AND r1."organizationId" = ${scope.organizationId} AND r1."projectId" = ${scope.projectId} AND i."deletedAt" IS NULL
    ORDER BY 1, 4
    LIMIT 500`;

  const uses: BriefRelated[] = [];
  const seen = new Set<string>();
  for (const r of relatedRows) {
    if (seen.has(r.id) || r.id === item.id) continue;
    seen.add(r.id);
    uses.push({
      id: r.id,
      key: scrubText(r.key),
      kind: r.kind,
      name: data(r.name, 500),
      status: r.status,
      readiness: r.readiness,
      replacement: maybe(r.replacement),
      via: Number(r.level) === 1 ? "uses" : "needed-by-module",
      viaKey: Number(r.level) === 1 || r.viaKey === null ? null : scrubText(r.viaKey),
    });
  }
  const moduleIds = relatedRows.filter((r) => Number(r.level) === 1 && r.kind === "MODULE").map((r) => r.id);
  const keyOf = new Map<string, string>([[item.id, item.key], ...uses.map((u) => [u.id, u.key] as [string, string])]);

  const prefix = item.kind === "ROUTE" ? pathPrefix(item.path) : null;
  const firstSegment = item.kind === "ROUTE" ? pathPrefix(item.path, 1) : null;
  const exampleSelect = {
    id: true,
    key: true,
    name: true,
    path: true,
    status: true,
    handler: true,
    updatedAt: true,
    code: { select: { newFile: true, newLine: true, newCommit: true } },
  } as const;
  const doneWhere = { ...scope, kind: item.kind, deletedAt: null, id: { not: item.id }, status: { in: DONE_STATUSES } };

  type Candidate = {
    row: {
      id: string;
      key: string;
      name: string;
      path: string | null;
      status: PortStatus;
      handler: string | null;
      updatedAt: Date;
      code: { newFile: string | null; newLine: number | null; newCommit: string | null } | null;
    };
    sameModule: boolean;
  };
  // Independent indexed reads of a few rows each: together, so that on PostgreSQL they overlap
  // on the pool (PGlite, one session, runs them in turn either way).
  const [decisionLinks, guide, samples, evidence, submissions, repositories, byModule] = await Promise.all([
    db.decisionItem.findMany({
      where: { itemId: { in: [...keyOf.keys()] }, decision: { ...scope, status: { not: "REJECTED" } } },
      select: {
        itemId: true,
        decision: {
          select: {
            id: true,
            number: true,
            status: true,
            title: true,
            context: true,
            decision: true,
            consequences: true,
            decidedOn: true,
            supersededBy: { select: { number: true } },
          },
        },
      },
      take: MAX_DECISIONS * 4,
    }),
    latestGuideIn(db, scope),
    db.itemRequestSample.findFirst({ where: { ...scope, itemId: item.id }, select: { samples: true } }).then((row) => sortedSamples(row?.samples, MAX_SAMPLES)),
    db.evidenceItem.findMany({
      where: { ...scope, itemId: item.id },
      select: {
        evidence: {
          select: {
            kind: true,
            name: true,
            profile: true,
            status: true,
            conclusion: true,
            measured: true,
            observedAt: true,
            expiresAt: true,
            receivedAt: true,
          },
        },
      },
      orderBy: { evidence: { observedAt: "desc" } },
      take: 500,
    }),
    db.agentSubmission.findMany({
      where: { ...scope, itemId: item.id, outcome: "SENT_BACK" },
      orderBy: { submittedAt: "desc" },
      take: MAX_SENT_BACK,
      select: {
        id: true,
        submittedAt: true,
        decidedAt: true,
        decidedById: true,
        agentName: true,
        agentVersion: true,
        prUrl: true,
        reviewNote: true,
        notes: true,
      },
    }),
    db.repository.findMany({ where: scope, select: { id: true, organizationId: true, role: true, url: true } }),
    moduleIds.length
      ? db.item.findMany({
          where: { ...doneWhere, uses: { some: { toId: { in: moduleIds } } } },
          orderBy: { updatedAt: "desc" },
          take: 10,
          select: exampleSelect,
        })
      : Promise.resolve([]),
  ]);
  const candidates: Candidate[] = byModule.map((row) => ({ row, sameModule: true }));
  // Same-module examples outrank any found by path, and a longer shared prefix a shorter one: each
  // wider search runs only while fewer than three examples are in hand.
  for (const p of [prefix, firstSegment === prefix ? null : firstSegment]) {
    if (!p || candidates.length >= MAX_EXAMPLES) continue;
    const rows = await db.item.findMany({
      // The key holds the path ("GET /billing/…"): its trigram index finds the area, the path check keeps it exact.
      where: { ...doneWhere, key: { contains: p }, OR: [{ path: p }, { path: { startsWith: `${p}/` } }] },
      orderBy: { updatedAt: "desc" },
      take: 10,
      select: exampleSelect,
    });
    candidates.push(...rows.map((row) => ({ row, sameModule: false })));
  }
  const names = await userNames(
    db,
    submissions.map((s) => s.decidedById),
  );

  const legacyRepo = repositories.find((r) => r.role === "LEGACY") ?? null;
  const newRepo = repositories.find((r) => r.role === "NEW") ?? null;
  const code = item.code;
  const legacyLocation = code ? location(legacyRepo?.url ?? null, code.legacyFile, code.legacyLine, code.legacyCommit) : null;
  const excerpt = legacyLocation && code ? await legacyExcerpt(legacyRepo, code.legacyFile, code.legacyLine, code.legacyCommit) : null;

  // Decisions: one entry per decision, listing which of the brief's items it is linked to.
  const decisions = new Map<string, BriefDecision>();
  for (const link of decisionLinks) {
    const d = link.decision;
    const entry = decisions.get(d.id) ?? {
      id: d.id,
      number: `D-${d.number}`,
      status: d.status,
      decidedOn: d.decidedOn ? d.decidedOn.toISOString().slice(0, 10) : null,
      linkedTo: [],
      supersededBy: d.supersededBy ? `D-${d.supersededBy.number}` : null,
      title: data(d.title, 500),
      text:
        d.status === "SUPERSEDED" ? null : { context: data(d.context, 20_000), decision: data(d.decision, 20_000), consequences: data(d.consequences, 20_000) },
    };
    const key = keyOf.get(link.itemId);
    if (key && !entry.linkedTo.includes(key)) entry.linkedTo.push(key);
    decisions.set(d.id, entry);
  }
  const decisionOrder: Record<DecisionStatus, number> = { ACCEPTED: 0, PROPOSED: 1, SUPERSEDED: 2, REJECTED: 3 };
  const decisionList = [...decisions.values()]
    .sort((a, b) => decisionOrder[a.status] - decisionOrder[b.status] || Number(b.number.slice(2)) - Number(a.number.slice(2)))
    .slice(0, MAX_DECISIONS);

  // Gates and smoke: what must pass, where the item stands, and each profile's expected answer.
  const config = storedGates(project.gateConfig);
  const now = clock.now();
  const records = evidence.map((e) => toGateEvidence(e.evidence));
  const gates: BriefGate[] = GATES.map((name) => {
    const gate = gateFor(config, name);
    const result = evaluateGate(gate, records, now, { projectId: project.id, itemKey: item.key });
    return { name, purpose: GATE_WORDS[name], requirements: gate.requirements.map((r) => describeRequirement(r, config)), ...result };
  });
  const latestSmoke = latestPerCheck(records.filter((r) => r.kind === "smoke"));
  const profileNames = new Set<string>(config.profiles ?? []);
  for (const name of GATES) for (const req of config[name]) if (req.kind === "smoke") for (const p of req.profiles ?? []) profileNames.add(p);
  for (const r of latestSmoke) if (r.profile) profileNames.add(r.profile);
  if (profileNames.size === 0) profileNames.add("anonymous"); // what `waypoint smoke` runs as without --profile
  const profiles = [...profileNames].sort().map((name) => {
    const latest = latestSmoke.filter((r) => r.profile === name).sort((a, b) => +new Date(b.observedAt) - +new Date(a.observedAt))[0];
    return {
      name,
      expects: defaultExpectation(name).text,
      latest: latest ? { conclusion: latest.conclusion ?? null, observedAt: new Date(latest.observedAt).toISOString() } : null,
    };
  });

  const examples = chooseExamples(
    item.id,
    item.path,
    candidates.map(({ row, sameModule }) => ({ ...row, sameModule })),
    MAX_EXAMPLES,
  ).map((c) => ({
    id: c.id,
    key: scrubText(c.key),
    name: data(c.name, 500),
    status: c.status,
    handler: maybe(c.handler),
    sameModule: c.sameModule,
    newCode: c.code ? location(newRepo?.url ?? null, c.code.newFile, c.code.newLine, c.code.newCommit) : null,
  }));

  return {
    format: "waypoint-brief/1",
    generatedAt: now.toISOString(),
    notice: `Every field of the form { "kind": "data", "text": … } holds text written by people (or read from code and logs). ${DATA_PREFACE}`,
    project: { id: project.id, name: data(project.name, 200) },
    item: {
      id: item.id,
      key: scrubText(item.key),
      kind: item.kind,
      name: data(item.name, 500),
      status: item.status,
      agentReview: item.agentReview,
      servedBy: item.servedBy,
      method: item.method,
      pathPattern: item.path === null ? null : scrubText(item.path),
      handler: maybe(item.handler),
      readiness: item.readiness,
      replacement: maybe(item.replacement),
      blockerCount: item.blockerCount,
      notes: item.notes ? data(item.notes, 20_000) : null,
      legacy: legacyLocation ? { ...legacyLocation, excerpt: excerpt?.excerpt ?? null, excerptMissing: excerpt?.missing ?? null } : null,
      newCode: code ? location(newRepo?.url ?? null, code.newFile, code.newLine, code.newCommit) : null,
    },
    uses,
    decisions: decisionList,
    guide: guide ? { version: guide.version, updatedAt: guide.createdAt.toISOString(), body: data(guide.body) } : null,
    requests: {
      queryValues: project.briefQueryValues ? "shown" : "redacted",
      samples: samples.map((s) => ({ path: data(redactRequestPath(s.path, project.briefQueryValues), 600), count: s.count })),
    },
    smoke: {
      profiles,
      gates,
      command: `npx waypoint smoke --project ${project.id} --base-url <new stack URL> --routes ${JSON.stringify(item.key)}${profiles.map((p) => ` --profile ${p.name === "anonymous" ? "anonymous" : `${p.name}:cookie=<session cookie>`}`).join("")}`,
    },
    examples,
    sentBack: submissions.map((s) => ({
      id: s.id,
      submittedAt: s.submittedAt.toISOString(),
      decidedAt: iso(s.decidedAt),
      decidedBy: s.decidedById && names.has(s.decidedById) ? data(names.get(s.decidedById)!, 200) : null,
      agent: data(`${s.agentName} ${s.agentVersion}`.trim(), 200),
      prUrl: data(s.prUrl, 2000),
      reviewNote: data(s.reviewNote ?? "", 20_000),
      notes: data(s.notes, 20_000),
    })),
  };
}
