import { seedSyntheticProject } from "@/lib/demo/synthetic";
import { listItems } from "@/lib/inventory/list";
import { codeCells, getCodeAgreement } from "@/lib/repositories/queries";
import { projectRanking } from "@/lib/ranking/project-ranking";
import type { OrgContext } from "@/lib/tenancy";
import { benchTargets, openBenchDb } from "./bench-db";
import { round, timeMany, timeOnce, type Benchmark, type Figures } from "./harness";

const SIZE = { routes: 50_000, modules: 10_000, dependencies: 2_000 };

/** Listing, filtering and sorting a 50,000-route inventory: the server work of one page. */
export const inventoryList: Benchmark = {
  name: "inventory: list and rank a 50,000-route project (page of 50)",
  async run() {
    const figures: Figures = {};
    for (const target of await benchTargets()) {
      const { db, label, close } = await openBenchDb(target);
      try {
        const seedMs = await timeOnce(async () => {
          const s = await seedSyntheticProject(db, { ...SIZE, seed: 7 });
          figures[`[${label}] project`] = `${s.items.toLocaleString("en")} items, ${s.relations.toLocaleString("en")} relations`;
        });
        figures[`[${label}] generate (ms)`] = round(seedMs);
        const project = await db.project.findFirstOrThrow({ where: { organization: { slug: "synthetic" } }, orderBy: { createdAt: "desc" } });
        const ctx: OrgContext = { organizationId: project.organizationId, organizationSlug: "synthetic", role: "VIEWER", userId: null, tokenProjectId: null };
        const team = await db.team.findFirstOrThrow({ where: { organizationId: project.organizationId } });
        const list = (q: Record<string, string>) => () => listItems(db, ctx, project.id, "ROUTE", q);
        // A cursor deep in the list: the 40,000th route by traffic.
        const deep = await db.item.findMany({
          where: { projectId: project.id, kind: "ROUTE" },
          orderBy: [{ trafficPerDay: "desc" }, { id: "asc" }],
          skip: 40_000,
          take: 1,
          select: { id: true },
        });
        const cases: [string, Record<string, string>][] = [
          ["first page, by key", {}],
          ["sorted by traffic", { sort: "traffic" }],
          ["page 800 by traffic (cursor)", { sort: "traffic", cursor: deep[0].id }],
          ["filter status + blocked", { status: "NOT_STARTED,IN_PROGRESS", blocked: "true" }],
          ["filter team (with its people) + complexity", { team: team.id, complexityMin: "4" }],
          ["search q=billing/s1", { q: "billing/s1" }],
          ["traffic range, sorted by complexity", { trafficMin: "100", trafficMax: "5000", sort: "complexity" }],
        ];
        for (const [name, q] of cases) {
          const t = await timeMany(30, list(q), 5);
          figures[`[${label}] ${name} p50 / p95 (ms)`] = `${t.p50} / ${t.p95}`;
        }
        // Issue 22: what the code says — every route has an ItemCode row as after a scan of both
        // repositories; 60% found in the new code, and drift on ~2% / 3% / 0.5% of them.
        const codeRows = await seedItemCode(db, project.organizationId, project.id);
        figures[`[${label}] ItemCode rows`] = codeRows.toLocaleString("en");
        const codeCases: [string, Record<string, string>][] = [
          ["code: drift=ported-not-in-code", { drift: "ported-not-in-code" }],
          ["code: drift=any, sorted by traffic", { drift: "any", sort: "traffic" }],
          ["code: inNewCode=false, sorted by traffic", { inNewCode: "false", sort: "traffic" }],
          ["code: inNewCode=true + status ported", { inNewCode: "true", status: "PORTED,VERIFIED" }],
        ];
        for (const [name, q] of codeCases) {
          const t = await timeMany(30, list(q), 5);
          figures[`[${label}] ${name} p50 / p95 (ms)`] = `${t.p50} / ${t.p95}`;
        }
        // Issue 16: what the evidence says — smoke checks on the ported routes (half a current
        // success, a fifth failed, a tenth expired, a fifth none) and an attention flag on 1 % of
        // the verified ones, as after a few weeks of smoke runs and one failed verification.
        const checks = await seedEvidenceChecks(db, project.organizationId, project.id);
        figures[`[${label}] EvidenceCheck rows / items with attention`] = `${checks.checks.toLocaleString("en")} / ${checks.attention.toLocaleString("en")}`;
        const evidenceCases: [string, Record<string, string>][] = [
          ["evidence: ported without a current smoke success", { evidence: "ported-no-smoke" }],
          ["evidence: ported without a current smoke success, sorted by traffic", { evidence: "ported-no-smoke", sort: "traffic" }],
          ["attention (evidence failed after verification)", { attention: "true" }],
        ];
        for (const [name, q] of evidenceCases) {
          const t = await timeMany(30, list(q), 5);
          figures[`[${label}] ${name} p50 / p95 (ms)`] = `${t.p50} / ${t.p95}`;
        }
        const page = await listItems(db, ctx, project.id, "ROUTE", { sort: "traffic" });
        const column = await timeMany(
          30,
          () =>
            codeCells(
              db,
              ctx,
              project.id,
              page.data.map((i) => i.id),
            ),
          5,
        );
        figures[`[${label}] code column for a page of 50 p50 / p95 (ms)`] = `${column.p50} / ${column.p95}`;
        const agreement = await timeMany(20, () => getCodeAgreement(db, ctx, project.id), 3);
        figures[`[${label}] Progress: declared vs found in code p50 / p95 (ms)`] = `${agreement.p50} / ${agreement.p95}`;
        // Issue 4: the Next targets page's server work — rank all of the project, explain the first
        // 50. Cold: right after a change (the version bumped, as any write does), so the project is
        // loaded and prepared again; warm: nothing changed since the last call.
        const bump = () => db.$executeRaw`UPDATE "ProjectVersion" SET version = version + 1 WHERE "projectId" = ${project.id}`;
        await db.$executeRaw`INSERT INTO "ProjectVersion" ("projectId", version) VALUES (${project.id}, 1) ON CONFLICT DO NOTHING`;
        const cold = await timeMany(
          10,
          async () => {
            await bump();
            return projectRanking(db, ctx, project.id, { limit: "50" });
          },
          2,
        );
        figures[`[${label}] ranking after a change: load + prepare + rank + explain 50 p50 / p95 (ms)`] = `${cold.p50} / ${cold.p95}`;
        const warm = await timeMany(20, () => projectRanking(db, ctx, project.id, { limit: "50" }), 2);
        figures[`[${label}] ranking, nothing changed since (prepared ranking cached) p50 / p95 (ms)`] = `${warm.p50} / ${warm.p95}`;
        const rankedTeam = await timeMany(20, () => projectRanking(db, ctx, project.id, { limit: "50", team: team.id }), 2);
        figures[`[${label}] ranking filtered by team, cached p50 / p95 (ms)`] = `${rankedTeam.p50} / ${rankedTeam.p95}`;
      } finally {
        await close();
      }
    }
    figures["process RSS"] = `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;
    return figures;
  },
};

/** One ItemCode row per route, bucketed by a hash of its id so both databases get the same mix. */
async function seedItemCode(db: Awaited<ReturnType<typeof openBenchDb>>["db"], organizationId: string, projectId: string) {
  await db.repository.create({
    data: { organizationId, projectId, role: "NEW", url: "https://github.com/synthetic/new", lastCommit: "def5678", status: "ok" },
  });
  const rows = await db.$executeRaw`
    INSERT INTO "ItemCode" ("itemId", "organizationId", "projectId", "legacyFile", "legacyLine", "legacyCommit",
      "newMethod", "newPath", "newFile", "newLine", "newCommit", "newSince", "matchVia", drift, "driftSince", "updatedAt")
    SELECT i.id, i."organizationId", i."projectId", 'app/views.py', 1, 'abc1234',
      CASE WHEN b.h < 600 THEN i.method END, CASE WHEN b.h < 600 THEN i.path END,
      CASE WHEN b.h < 600 THEN 'shop/views.py' END, CASE WHEN b.h < 600 THEN 1 END,
      CASE WHEN b.h < 600 THEN 'def5678' END, CASE WHEN b.h < 600 THEN now() END, CASE WHEN b.h < 600 THEN 'pattern' END,
      CASE WHEN b.h >= 980 THEN 'ported-not-in-code' WHEN b.h < 30 THEN 'in-code-not-started' WHEN b.h BETWEEN 970 AND 974 THEN 'retired-returned' END,
      CASE WHEN b.h >= 970 OR b.h < 30 THEN now() END, now()
    FROM "Item" i CROSS JOIN LATERAL (SELECT abs(hashtext(i.id)) % 1000 AS h) b
    WHERE i."projectId" = ${projectId} AND i.kind = 'ROUTE'`;
  await db.$executeRawUnsafe(`ANALYZE "ItemCode"`);
  return rows;
}

/** Smoke checks on the ported routes and attention flags, bucketed by a hash of the id as above. */
async function seedEvidenceChecks(db: Awaited<ReturnType<typeof openBenchDb>>["db"], organizationId: string, projectId: string) {
  const checks = await db.$executeRaw`
    INSERT INTO "EvidenceCheck" ("itemId", kind, name, profile, "organizationId", "projectId", conclusion, "observedAt", "expiresAt", "evidenceId")
    SELECT i.id, 'smoke', 'smoke', '', i."organizationId", i."projectId",
      CASE WHEN b.h < 500 OR b.h >= 700 THEN 'success' ELSE 'failure' END, now() - interval '2 days',
      CASE WHEN b.h >= 700 THEN now() - interval '1 day' ELSE now() + interval '28 days' END, 'bench-' || i.id
    FROM "Item" i CROSS JOIN LATERAL (SELECT abs(hashtext(i.id)) % 1000 AS h) b
    WHERE i."projectId" = ${projectId} AND i."organizationId" = ${organizationId} AND i.kind = 'ROUTE'
      AND i.status IN ('PORTED', 'VERIFIED') AND b.h < 800`;
  const attention = await db.$executeRaw`
    UPDATE "Item" i SET attention = 'smoke failed after verification'
    WHERE i."projectId" = ${projectId} AND i."organizationId" = ${organizationId} AND i.status = 'VERIFIED' AND abs(hashtext(i.id)) % 100 = 0`;
  await db.$executeRawUnsafe(`ANALYZE "EvidenceCheck"`);
  await db.$executeRawUnsafe(`ANALYZE "Item"`);
  return { checks, attention };
}
