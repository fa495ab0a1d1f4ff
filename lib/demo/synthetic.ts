// Over 400 lines: the synthetic inventory for benchmarks and the scale demo, generated in one pass so its relations stay consistent.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import { recomputeBlockers } from "@/lib/inventory/blockers";
import { refreshStatistics } from "@/lib/db/statistics";
import * as clock from "@/lib/time/clock";
import { prng } from "@/lib/random";

export type SyntheticOptions = {
  routes: number;
  modules: number;
  dependencies: number;
  history?: number;
  seed?: number;
  organizationSlug?: string;
  now?: Date;
};

/** The PRNG (mulberry32) behind the generator: the same options always give the same project. */
export { prng };

/** Rows per INSERT statement. */
const CHUNK = 5000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The project's life: two years up to `now`. Routes are found (created) during the first. */
const SPAN = 730 * DAY;
const SEGMENTS = [
  "users",
  "posts",
  "billing",
  "search",
  "settings",
  "admin",
  "api",
  "reports",
  "media",
  "teams",
  "orders",
  "catalog",
  "auth",
  "messages",
  "events",
];
const PARAMS = ["<int:id>", "<slug:slug>", "<id>", "<uuid:uuid>"];
/** The current status of a route or module: a third not started, a third ported or further. */
const STATUSES: PortStatus[] = ["NOT_STARTED", "NOT_STARTED", "NOT_STARTED", "IN_PROGRESS", "PORTED", "PORTED", "VERIFIED", "RETIRED", "WONT_PORT"];
const READINESS: Readiness[] = ["UNKNOWN", "COMPATIBLE", "UPGRADE_NEEDED", "REPLACE", "REMOVE"];
const WONT_PORT_REASON = "Stays on the legacy stack";
const NOTES = [
  "Needs a feature flag before the switch.",
  "Shadow traffic shows matching responses.",
  "Waiting on the session format change.",
  "Legacy template has inline SQL; rewrite the query.",
  "Check the cache headers after the port.",
  "Owner to confirm the edge cases with support.",
  "Covered by the contract tests.",
];
/** Chance that a chain which reaches "ported" goes back to "in progress" once (≈ 3 % of all non-empty chains). */
const ROLLBACK = 0.045;
/** Chance that an item is deleted at some point, and that a deleted item comes back later. */
const DELETED = 0.011;
const RESTORED = 0.12;

/** The deterministic path of the i-th synthetic route. */
export function syntheticRoutePath(i: number, rand: () => number): string {
  const depth = 1 + Math.floor(rand() * 3);
  const parts = [SEGMENTS[i % SEGMENTS.length], `s${Math.floor(i / SEGMENTS.length)}`];
  for (let d = 1; d < depth; d++) parts.push(rand() < 0.5 ? PARAMS[Math.floor(rand() * PARAMS.length)] : SEGMENTS[Math.floor(rand() * SEGMENTS.length)]);
  return `/${parts.join("/")}`;
}

/** One item as it is inserted (the columns of "Item" that the generator sets). */
type ItemRow = {
  id: string;
  kind: ItemKind;
  key: string;
  name: string;
  method: string | null;
  path: string | null;
  handler: string | null;
  status: PortStatus;
  statusReason: string | null;
  readiness: Readiness | null;
  currentVersion: string | null;
  trafficPerDay: number;
  complexity: number;
  size: number | null;
  testCoverage: number | null;
  ownerTeamId: string | null;
  notes: string;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
/** One history row as it is inserted. */
type ChangeRow = { id: string; itemId: string; field: string; fromValue: string | null; toValue: string | null; at: string };
type Step = { to: PortStatus; at: number };
/** An item's life: created (NOT_STARTED) at `created`, then its status steps; deleted for good, or deleted and restored between two steps. */
type Life = {
  created: number;
  steps: Step[];
  /** Readiness assessed (dependencies): a "readiness" row at this time, before the step of the same time. */
  assessed: number | null;
  deleted: number | null;
  gap: { deleted: number; restored: number; afterSteps: number } | null;
};

/**
 * Generates a project of the given size for benchmarks: routes with a skewed traffic
 * distribution, modules and dependencies, relations, owners, statuses, and a coherent history
 * over two years up to `now`:
 *  - every item has one "created" row (NOT_STARTED) at its creation; routes are found over the
 *    first year, so the scope grows;
 *  - each item's "status" rows chain from NOT_STARTED to its current status (through in progress,
 *    ported, verified, retired, or to won't port with its reason), the start of the work following
 *    an S-curve over the two years, with a rollback (ported → in progress → ported) in a few chains;
 *  - about 1 % of the items are deleted ("deleted" row, deletedAt), a few of them restored later;
 *  - the rest of the `history` rows are changes of other fields (owner, traffic, complexity, notes)
 *    whose values chain too and end at the item's current values.
 * `history` is the total number of history rows; the creations and status chains are written even
 * when they need more, and the count returned is the real one.
 *
 * The rows are written with one INSERT … SELECT FROM json_to_recordset per 5,000: Prisma's
 * createMany costs about 0.2 ms of CPU per row, which is two minutes for 500,000 history rows.
 */
export async function seedSyntheticProject(db: Db, options: SyntheticOptions) {
  const rand = prng(options.seed ?? 42);
  const nowMs = (options.now ?? clock.now()).getTime();
  const startMs = nowMs - SPAN;
  const start = new Date(startMs);
  const orgSlug = options.organizationSlug ?? "synthetic";
  const org =
    (await db.organization.findUnique({ where: { slug: orgSlug } })) ?? (await db.organization.create({ data: { name: "Synthetic Co", slug: orgSlug } }));
  // A random suffix, not the time: two projects generated within one clock tick must not collide.
  const slug = `synthetic-${options.routes}-${randomBytes(4).toString("hex")}`;
  const project = await db.project.create({
    data: {
      organizationId: org.id,
      name: `Synthetic: ${options.routes.toLocaleString("en")} routes`,
      slug,
      fromStack: "PHP",
      toStack: "Python",
      startDate: start,
    },
  });
  const teams = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      db.team.upsert({
        where: { organizationId_slug: { organizationId: org.id, slug: `team-${i}` } },
        update: {},
        create: { organizationId: org.id, name: `Team ${i}`, slug: `team-${i}` },
      }),
    ),
  );
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  /** Exponentially distributed, with this mean. */
  const exp = (mean: number) => -mean * Math.log(1 - rand());

  // ── Timelines ────────────────────────────────────────────────────────────────────────────
  // The work starts on an item at a time drawn from a logistic curve over the two years (slow
  // start, busy middle, still going today), restricted to the item's life; the later steps follow
  // with random gaps. A chain must end before `now` (the item has its status today).
  const MID = 0.55;
  const SCALE = 0.16;
  const cdf = (ms: number) => 1 / (1 + Math.exp(-((ms - startMs) / SPAN - MID) / SCALE));
  const sCurve = (lo: number, hi: number) => {
    const a = cdf(lo);
    const u = a + (cdf(hi) - a) * rand();
    const t = startMs + (MID + SCALE * Math.log(u / (1 - u))) * SPAN;
    return Math.min(hi, Math.max(lo, t));
  };
  /** Mean gap (days) before reaching a status, by what it comes from. */
  const gapDays = (from: PortStatus, to: PortStatus) =>
    to === "PORTED"
      ? from === "IN_PROGRESS"
        ? 1 + exp(12)
        : 1 + exp(6)
      : to === "VERIFIED"
        ? 1 + exp(20)
        : to === "RETIRED"
          ? 3 + exp(40)
          : to === "WONT_PORT"
            ? 2 + exp(10)
            : /* back to in progress */ 0.2 + exp(3);

  /** The statuses an item went through after NOT_STARTED to reach `status`. */
  const pathTo = (status: PortStatus): PortStatus[] => {
    switch (status) {
      case "NOT_STARTED":
        return [];
      case "IN_PROGRESS":
        return ["IN_PROGRESS"];
      case "WONT_PORT":
        return rand() < 0.15 ? ["IN_PROGRESS", "WONT_PORT"] : ["WONT_PORT"];
      default: {
        const path: PortStatus[] = ["IN_PROGRESS", "PORTED"];
        if (rand() < ROLLBACK) path.push("IN_PROGRESS", "PORTED");
        if (status === "VERIFIED" || status === "RETIRED") path.push("VERIFIED");
        if (status === "RETIRED") path.push("RETIRED");
        return path;
      }
    }
  };

  const lifeOf = (created: number, status: PortStatus): Life => {
    const path = pathTo(status);
    const steps: Step[] = [];
    if (path.length) {
      // Room for every step an hour apart, and an hour before now.
      const latest = nowMs - (path.length + 1) * HOUR;
      // An item in progress was mostly started in the last weeks; some have been stuck for long.
      const draw = () =>
        status === "IN_PROGRESS"
          ? rand() < 0.8
            ? Math.max(created, latest - exp(45) * DAY)
            : created + (latest - created) * rand()
          : status === "WONT_PORT"
            ? created + (latest - created) * rand()
            : sCurve(created + HOUR, latest);
      const gapsFor = () => path.slice(1).map((to, i) => Math.max(HOUR, gapDays(path[i], to) * DAY));
      // The item has its status today: draw again the chains that would end after now (so the
      // steps are not crowded just before now); after a few tries, squeeze the gaps.
      let first = draw();
      let gaps = gapsFor();
      for (let tries = 0; tries < 20 && first + gaps.reduce((a, b) => a + b, 0) > nowMs - HOUR; tries++) {
        first = draw();
        gaps = gapsFor();
      }
      const total = gaps.reduce((a, b) => a + b, 0);
      const room = nowMs - HOUR - first;
      const squeeze = total > room ? ((room - gaps.length * HOUR) * (0.2 + 0.8 * rand())) / (total - gaps.length * HOUR) : 1;
      let at = Math.round(first);
      steps.push({ to: path[0], at });
      for (let i = 0; i < gaps.length; i++) {
        at += Math.round(HOUR + (gaps[i] - HOUR) * squeeze);
        steps.push({ to: path[i + 1], at });
      }
    }
    return deletions({ created, steps, assessed: null, deleted: null, gap: null });
  };

  const deletions = (life: Life): Life => {
    if (rand() >= DELETED) return life;
    const { steps, created } = life;
    if (rand() < RESTORED) {
      // Deleted and restored between two steps (or after the last), with the status it had.
      const k = Math.floor(rand() * (steps.length + 1));
      // Not across a dependency's assessment either: it is a change of the item.
      const lo = Math.max(k === 0 ? created : steps[k - 1].at, k === steps.length ? (life.assessed ?? created) : created);
      const hi = k < steps.length ? steps[k].at : nowMs;
      const deleted = Math.round(lo + (hi - lo) * (0.05 + 0.45 * rand()));
      const restored = Math.round(deleted + (hi - deleted) * (0.1 + 0.8 * rand()));
      return { ...life, gap: { deleted, restored, afterSteps: k } };
    }
    const lo = Math.max(steps.length ? steps[steps.length - 1].at : created, life.assessed ?? created);
    return { ...life, deleted: Math.round(lo + (nowMs - lo) * (0.05 + 0.9 * rand())) };
  };

  // ── Items ────────────────────────────────────────────────────────────────────────────────
  const items: ItemRow[] = [];
  const lives: Life[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const add = (row: Omit<ItemRow, "status" | "statusReason" | "deletedAt" | "createdAt" | "updatedAt" | "notes">, life: Life) => {
    const status = life.steps.length ? life.steps[life.steps.length - 1].to : "NOT_STARTED";
    items.push({
      ...row,
      status,
      statusReason: status === "WONT_PORT" ? WONT_PORT_REASON : null,
      notes: "",
      deletedAt: life.deleted === null ? null : iso(life.deleted),
      createdAt: iso(life.created),
      updatedAt: iso(life.created),
    });
    lives.push(life);
  };
  const idOf = (letter: string, i: number) => `${project.id}${letter}${i.toString(36)}`;
  const none = {
    method: null,
    path: null,
    handler: null,
    readiness: null,
    currentVersion: null,
    trafficPerDay: 0,
    size: null,
    testCoverage: null,
    ownerTeamId: null,
  };

  for (let i = 0; i < options.dependencies; i++) {
    const readiness = pick(READINESS);
    // Imported unknown, assessed in the first nine months; the status follows the readiness (as
    // the app does): a compatible dependency is "ported" when assessed; of the others, a third
    // has been upgraded, replaced or removed (ported) since.
    const assessed = readiness === "UNKNOWN" ? null : Math.round(startMs + DAY + rand() * 270 * DAY);
    const moved = assessed !== null && (readiness === "COMPATIBLE" || rand() < 1 / 3);
    const steps: Step[] = moved
      ? [{ to: "PORTED", at: readiness === "COMPATIBLE" ? assessed : Math.min(nowMs - DAY, assessed + Math.round(rand() * 60 * DAY)) }]
      : [];
    add(
      {
        ...none,
        id: idOf("d", i),
        kind: "DEPENDENCY",
        key: `dep-${i}`,
        name: `dep-${i}`,
        readiness,
        currentVersion: `${1 + (i % 5)}.${i % 10}.0`,
        complexity: 1 + Math.floor(rand() * 5),
      },
      deletions({ created: startMs, steps, assessed, deleted: null, gap: null }),
    );
  }
  for (let i = 0; i < options.modules; i++) {
    const status = pick(STATUSES);
    add(
      {
        ...none,
        id: idOf("m", i),
        kind: "MODULE",
        key: `app/module_${i}`,
        name: `app/module_${i}`,
        complexity: 1 + Math.floor(rand() * 5),
        size: Math.floor(rand() * 20000),
        ownerTeamId: rand() < 0.9 ? pick(teams).id : null,
      },
      lifeOf(startMs, status),
    );
  }
  for (let i = 0; i < options.routes; i++) {
    const path = syntheticRoutePath(i, rand);
    const method = rand() < 0.8 ? "GET" : "POST";
    // Zipf-like traffic: a few routes carry most requests, the long tail almost none.
    const traffic = Math.floor((2_000_000 / Math.pow(i + 1, 0.9)) * (0.5 + rand()));
    const status = pick(STATUSES);
    const created = Math.round(startMs + rand() * 365 * DAY);
    add(
      {
        ...none,
        id: idOf("r", i),
        kind: "ROUTE",
        key: `${method} ${path}`,
        name: `${method} ${path}`,
        method,
        path,
        handler: `views.handler_${i}`,
        trafficPerDay: traffic,
        complexity: 1 + Math.floor(rand() * 5),
        testCoverage: Math.floor(rand() * 101),
        ownerTeamId: rand() < 0.85 ? pick(teams).id : null,
      },
      lifeOf(created, status),
    );
  }

  // ── History ──────────────────────────────────────────────────────────────────────────────
  const required = lives.reduce(
    (n, l) =>
      n +
      1 +
      l.steps.length +
      (l.assessed !== null ? 1 : 0) +
      (l.deleted !== null ? 1 : 0) +
      (l.gap ? 2 : 0) +
      (l.steps.some((s) => s.to === "WONT_PORT") ? 1 : 0),
    0,
  );
  const extra = Math.max(0, (options.history ?? 0) - required);
  const extras = new Uint32Array(items.length);
  for (let e = 0; e < extra; e++) extras[Math.floor(rand() * items.length)]++;

  let rows: ChangeRow[] = [];
  let written = 0;
  const push = (itemId: string, field: string, fromValue: string | null, toValue: string | null, at: number) => {
    // Ids in the order written: rows of one item at the same time keep that order (id is the tie-break).
    rows.push({ id: `${project.id}h${(written++).toString(36).padStart(6, "0")}`, itemId, field, fromValue, toValue, at: iso(at) });
  };
  const teamRef = (id: string | null) => (id ? `team:${id}` : null);
  const otherOwner = (current: string | null) => {
    for (;;) {
      const v = rand() < 0.1 ? null : `team:${pick(teams).id}`;
      if (v !== current) return v;
    }
  };
  const otherComplexity = (current: string | null) => String(1 + ((Number(current) - 1 + 1 + Math.floor(rand() * 4)) % 5));
  const otherTraffic = (current: string | null) => {
    const n = Number(current);
    const v = Math.max(0, Math.round(n * (0.55 + 0.9 * rand())));
    return String(v === n ? n + 1 + Math.floor(rand() * 50) : v);
  };

  /** Writes the history of item x into `rows`, and sets its notes and updatedAt from it. */
  const historyOf = (x: number) => {
    const item = items[x];
    const life = lives[x];
    let last = life.created;
    push(item.id, "created", null, "NOT_STARTED", life.created);
    if (life.assessed !== null) {
      push(item.id, "readiness", "UNKNOWN", item.readiness, life.assessed);
      last = Math.max(last, life.assessed);
    }
    let status: PortStatus = "NOT_STARTED";
    for (let k = 0; k <= life.steps.length; k++) {
      if (life.gap && life.gap.afterSteps === k) {
        push(item.id, "deleted", status, null, life.gap.deleted);
        push(item.id, "restored", null, status, life.gap.restored);
        last = Math.max(last, life.gap.restored);
      }
      if (k === life.steps.length) break;
      const step = life.steps[k];
      push(item.id, "status", status, step.to, step.at);
      if (step.to === "WONT_PORT") push(item.id, "statusReason", null, WONT_PORT_REASON, step.at);
      status = step.to;
      last = Math.max(last, step.at);
    }
    if (life.deleted !== null) {
      push(item.id, "deleted", status, null, life.deleted);
      last = life.deleted;
    }

    // Other fields: times while the item exists (not after its deletion, not while deleted).
    const count = extras[x];
    if (count > 0) {
      const end = life.deleted ?? nowMs;
      const hole = life.gap ? life.gap.restored - life.gap.deleted : 0;
      const room = end - life.created - hole - 2_000;
      const times: number[] = [];
      for (let c = 0; c < count; c++) {
        let t = life.created + 1_000 + Math.floor(rand() * room);
        if (life.gap && t >= life.gap.deleted) t += hole + 1;
        times.push(t);
      }
      times.sort((a, b) => a - b);
      const fields: string[] =
        item.kind === "ROUTE"
          ? ["owner", "owner", "trafficPerDay", "trafficPerDay", "trafficPerDay", "complexity", "notes", "notes"]
          : item.kind === "MODULE"
            ? ["owner", "owner", "complexity", "notes", "notes"]
            : ["complexity", "notes"];
      const chosen = times.map(() => pick(fields));
      // Owner, traffic and complexity chain back from the current value; notes forward from "".
      const chains = new Map<string, (string | null)[]>();
      for (const field of new Set(chosen)) {
        const n = chosen.filter((f) => f === field).length;
        const values: (string | null)[] = new Array(n + 1);
        if (field === "notes") {
          values[0] = "";
          for (let j = 1; j <= n; j++) {
            let v = pick(NOTES);
            if (v === values[j - 1]) v = NOTES[(NOTES.indexOf(v) + 1) % NOTES.length];
            values[j] = v;
          }
          item.notes = values[n] as string;
        } else {
          values[n] = field === "owner" ? teamRef(item.ownerTeamId) : field === "trafficPerDay" ? String(item.trafficPerDay) : String(item.complexity);
          const other = field === "owner" ? otherOwner : field === "trafficPerDay" ? otherTraffic : otherComplexity;
          for (let j = n - 1; j >= 0; j--) values[j] = other(values[j + 1]);
        }
        chains.set(field, values);
      }
      const used = new Map<string, number>();
      for (let c = 0; c < count; c++) {
        const field = chosen[c];
        const j = used.get(field) ?? 0;
        used.set(field, j + 1);
        const values = chains.get(field)!;
        push(item.id, field, values[j], values[j + 1], times[c]);
      }
      last = Math.max(last, times[count - 1]);
    }
    item.updatedAt = iso(last);
  };

  // ── Writes ───────────────────────────────────────────────────────────────────────────────
  // 5,000 items at a time: their history is generated, then the items and their history rows
  // are written while the next slice is generated. A few slices are in flight at once: PostgreSQL
  // writes them in parallel (PGlite one after the other), and memory stays bounded.
  const scope = { organizationId: org.id, projectId: project.id };
  const inFlight: Promise<void>[] = [];
  let failure: unknown = null;
  for (let i = 0; i < items.length; i += CHUNK) {
    rows = [];
    for (let x = i; x < Math.min(i + CHUNK, items.length); x++) historyOf(x);
    const itemsJson = JSON.stringify(items.slice(i, i + CHUNK));
    const historyJson: string[] = [];
    for (let r = 0; r < rows.length; r += CHUNK) historyJson.push(JSON.stringify(rows.slice(r, r + CHUNK)));
    const write = async () => {
      await insertJson(db, "Item", ITEM_COLUMNS, scope, itemsJson);
      for (const json of historyJson) await insertJson(db, "ItemChange", CHANGE_COLUMNS, scope, json);
    };
    inFlight.push(write().catch((error) => void (failure ??= error)));
    if (inFlight.length >= 3) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  rows = [];

  const relations: { fromId: string; toId: string }[] = [];
  const seen = new Set<string>();
  const relate = (fromId: string, toId: string) => {
    const k = `${fromId}:${toId}`;
    if (!seen.has(k)) {
      seen.add(k);
      relations.push({ fromId, toId });
    }
  };
  const ids = { ROUTE: [] as string[], MODULE: [] as string[], DEPENDENCY: [] as string[] };
  for (const item of items) ids[item.kind].push(item.id);
  if (ids.MODULE.length) for (const r of ids.ROUTE) for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) relate(r, pick(ids.MODULE));
  if (ids.DEPENDENCY.length) for (const m of ids.MODULE) for (let n = Math.floor(rand() * 4); n > 0; n--) relate(m, pick(ids.DEPENDENCY));
  for (let i = 0; i < relations.length; i += CHUNK)
    await insertJson(db, "ItemRelation", { fromId: "text", toId: "text" }, scope, JSON.stringify(relations.slice(i, i + CHUNK)));

  await db.$transaction((tx) => recomputeBlockers(tx, project.id), { timeout: 600_000 });
  // The blocker counts rewrote ~38,000 of the 62,000 items just made. Autovacuum would reclaim
  // the old row versions of a real project; PGlite has none (and a server may run without it),
  // and left behind they made every key-order walk of the inventory read them too (a substring
  // search 88 ms instead of 14 ms on PostgreSQL, docs/BENCHMARKS.md).
  await db.$executeRawUnsafe(`VACUUM "Item"`);
  await refreshStatistics(db);
  return {
    organizationId: org.id,
    organizationSlug: org.slug,
    projectId: project.id,
    projectSlug: slug,
    items: items.length,
    relations: relations.length,
    history: written,
  };
}

const ITEM_COLUMNS: Record<string, string> = {
  id: "text",
  kind: `"ItemKind"`,
  key: "text",
  name: "text",
  method: "text",
  path: "text",
  handler: "text",
  status: `"PortStatus"`,
  statusReason: "text",
  readiness: `"Readiness"`,
  currentVersion: "text",
  trafficPerDay: "int",
  complexity: "int",
  size: "int",
  testCoverage: "int",
  ownerTeamId: "text",
  notes: "text",
  deletedAt: "timestamp(3)",
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
};
const CHANGE_COLUMNS: Record<string, string> = { id: "text", itemId: "text", field: "text", fromValue: "text", toValue: "text", at: "timestamp(3)" };

/**
 * Inserts the rows of a JSON array of objects (keys = column names) into a table, with the
 * organisation and project of every row as parameters. Times are UTC ISO strings: a
 * `timestamp` column (without zone) stores their UTC wall-clock time, as Prisma does.
 */
async function insertJson(db: Db, table: string, columns: Record<string, string>, scope: { organizationId: string; projectId: string }, json: string) {
  const names = Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(", ");
  const types = Object.entries(columns)
    .map(([c, t]) => `"${c}" ${t}`)
    .join(", ");
  await db.$executeRawUnsafe(
    `INSERT INTO "${table}" ("organizationId", "projectId", ${names}) SELECT $1, $2, ${names} FROM json_to_recordset($3::json) AS r(${types})`,
    scope.organizationId,
    scope.projectId,
    json,
  );
}
