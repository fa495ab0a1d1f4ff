import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { recomputeBlockers } from "@/lib/inventory/blockers";
import { refreshStatistics } from "@/lib/db/statistics";

export type SyntheticOptions = { routes: number; modules: number; dependencies: number; history?: number; seed?: number; organizationSlug?: string; now?: Date };

/** A small deterministic PRNG (mulberry32): the same options always give the same project. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHUNK = 5000;
const DAY = 86_400_000;
const SEGMENTS = ["users", "posts", "billing", "search", "settings", "admin", "api", "reports", "media", "teams", "orders", "catalog", "auth", "messages", "events"];
const PARAMS = ["<int:id>", "<slug:slug>", "<id>", "<uuid:uuid>"];
const STATUSES: PortStatus[] = ["NOT_STARTED", "NOT_STARTED", "NOT_STARTED", "IN_PROGRESS", "PORTED", "PORTED", "VERIFIED", "RETIRED", "WONT_PORT"];
const READINESS: Readiness[] = ["UNKNOWN", "COMPATIBLE", "UPGRADE_NEEDED", "REPLACE", "REMOVE", "DONE"];

/** The deterministic path of the i-th synthetic route. */
export function syntheticRoutePath(i: number, rand: () => number): string {
  const depth = 1 + Math.floor(rand() * 3);
  const parts = [SEGMENTS[i % SEGMENTS.length], `s${Math.floor(i / SEGMENTS.length)}`];
  for (let d = 1; d < depth; d++) parts.push(rand() < 0.5 ? PARAMS[Math.floor(rand() * PARAMS.length)] : SEGMENTS[Math.floor(rand() * SEGMENTS.length)]);
  return `/${parts.join("/")}`;
}

/**
 * Generates a project of the given size for benchmarks: routes with a skewed traffic
 * distribution, modules and dependencies, relations, owners, statuses, and optionally a history
 * of status changes spread over two years. Written with bulk inserts.
 */
export async function seedSyntheticProject(db: Db, options: SyntheticOptions) {
  const rand = prng(options.seed ?? 42);
  const now = options.now ?? new Date();
  const start = new Date(now.getTime() - 730 * DAY);
  const orgSlug = options.organizationSlug ?? "synthetic";
  const org = (await db.organization.findUnique({ where: { slug: orgSlug } })) ?? (await db.organization.create({ data: { name: "Synthetic Co", slug: orgSlug } }));
  const slug = `synthetic-${options.routes}-${Date.now().toString(36)}`;
  const project = await db.project.create({
    data: { organizationId: org.id, name: `Synthetic: ${options.routes.toLocaleString("en")} routes`, slug, fromStack: "PHP", toStack: "Python", startDate: start },
  });
  const scope = { organizationId: org.id, projectId: project.id };
  const teams = await Promise.all(
    Array.from({ length: 12 }, (_, i) => db.team.upsert({ where: { organizationId_slug: { organizationId: org.id, slug: `team-${i}` } }, update: {}, create: { organizationId: org.id, name: `Team ${i}`, slug: `team-${i}` } })),
  );
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];

  const items: Prisma.ItemCreateManyInput[] = [];
  for (let i = 0; i < options.dependencies; i++) {
    const readiness = pick(READINESS);
    items.push({ ...scope, kind: "DEPENDENCY", key: `dep-${i}`, name: `dep-${i}`, readiness, status: readiness === "DONE" || readiness === "COMPATIBLE" ? "PORTED" : "NOT_STARTED", currentVersion: `${1 + (i % 5)}.${i % 10}.0`, complexity: 1 + Math.floor(rand() * 5), createdAt: start });
  }
  for (let i = 0; i < options.modules; i++) {
    items.push({ ...scope, kind: "MODULE", key: `app/module_${i}`, name: `app/module_${i}`, status: pick(STATUSES), complexity: 1 + Math.floor(rand() * 5), size: Math.floor(rand() * 20000), ownerTeamId: rand() < 0.9 ? pick(teams).id : null, statusReason: null, createdAt: start });
  }
  for (let i = 0; i < options.routes; i++) {
    const path = syntheticRoutePath(i, rand);
    const method = rand() < 0.8 ? "GET" : "POST";
    // Zipf-like traffic: a few routes carry most requests, the long tail almost none.
    const traffic = Math.floor(2_000_000 / Math.pow(i + 1, 0.9) * (0.5 + rand()));
    const status = pick(STATUSES);
    items.push({
      ...scope, kind: "ROUTE", key: `${method} ${path}`, name: `${method} ${path}`, method, path, handler: `views.handler_${i}`,
      status, statusReason: status === "WONT_PORT" ? "Stays on the legacy stack" : null, trafficPerDay: traffic, complexity: 1 + Math.floor(rand() * 5),
      testCoverage: Math.floor(rand() * 101), ownerTeamId: rand() < 0.85 ? pick(teams).id : null, createdAt: new Date(start.getTime() + rand() * 365 * DAY),
    });
  }
  const ids: Record<ItemKind, string[]> = { ROUTE: [], MODULE: [], DEPENDENCY: [] };
  for (let i = 0; i < items.length; i += CHUNK) {
    const created = await db.item.createManyAndReturn({ data: items.slice(i, i + CHUNK), select: { id: true, kind: true } });
    for (const c of created) ids[c.kind].push(c.id);
  }

  const relations: Prisma.ItemRelationCreateManyInput[] = [];
  const seen = new Set<string>();
  const relate = (fromId: string, toId: string) => {
    const k = `${fromId}:${toId}`;
    if (!seen.has(k)) {
      seen.add(k);
      relations.push({ ...scope, fromId, toId });
    }
  };
  if (ids.MODULE.length) for (const r of ids.ROUTE) for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) relate(r, pick(ids.MODULE));
  if (ids.DEPENDENCY.length) for (const m of ids.MODULE) for (let n = Math.floor(rand() * 4); n > 0; n--) relate(m, pick(ids.DEPENDENCY));
  for (let i = 0; i < relations.length; i += CHUNK) await db.itemRelation.createMany({ data: relations.slice(i, i + CHUNK) });

  const history = options.history ?? 0;
  const all = [...ids.ROUTE, ...ids.MODULE];
  const order: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS", "PORTED", "VERIFIED"];
  for (let written = 0; written < history && all.length; ) {
    const batch: Prisma.ItemChangeCreateManyInput[] = [];
    while (batch.length < CHUNK && written < history) {
      const step = Math.floor(rand() * 3);
      batch.push({ ...scope, itemId: pick(all), field: "status", fromValue: order[step], toValue: order[step + 1], at: new Date(start.getTime() + rand() * 730 * DAY) });
      written++;
    }
    await db.itemChange.createMany({ data: batch });
  }
  await db.$transaction((tx) => recomputeBlockers(tx, project.id), { timeout: 600_000 });
  await refreshStatistics(db);
  return { organizationId: org.id, organizationSlug: org.slug, projectId: project.id, projectSlug: slug, items: items.length, relations: relations.length, history };
}
