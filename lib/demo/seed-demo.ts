import { seedDemoCode } from "./seed-code";
import { seedDemoStewardship } from "./seed-stewardship";
import { seedDemoAgents } from "./seed-agents";
import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_DEPENDENCIES, DEMO_MODULES, DEMO_MOVED_DEPENDENCIES, DEMO_ROUTES, type DemoRoute } from "./demo-data";
import { recomputeBlockers } from "@/lib/inventory/blockers";
import * as clock from "@/lib/time/clock";

export const DEMO_EMAIL = "demo@waypoint.local";
export const DEMO_PASSWORD = "waypoint-demo";
export const DEMO_ORG_SLUG = "demo";
export const DEMO_PROJECT_SLUG = "php-to-python";

const DAY = 86_400_000;

/** Whether the demo organisation exists (the sign-in page shows the demo login only then). */
export async function demoExists(db: Db): Promise<boolean> {
  return (await db.organization.count({ where: { slug: DEMO_ORG_SLUG } })) > 0;
}

/**
 * The demo's story over the last sixteen weeks, as history rows a real team would have left:
 *  - three imports grow the scope: the code scan and the first access log (week 16: most modules
 *    and dependencies, the public pages, auth, users, posts, search), a second access log (week 12:
 *    billing, messaging, notifications, settings), and the admin host's log (week 7: the creator
 *    manager and internal dashboards, with their modules and two more dependencies);
 *  - the about page is the pilot, then the home page, the health check (verified, then retired
 *    when the legacy one was switched off), the sitemap and the featured page; then all of auth;
 *  - POST /login was rolled back once (sessions dropped behind the proxy) and ported again;
 *  - GET /index.php, a duplicate of the home page from the first import, was deleted;
 *  - something was ported in each of the last six weeks, and the target date is ten weeks ahead,
 *    so the forecast has a pace to work from (and says whether the target holds).
 * Times are days ago at a UTC time of day, never today, so all are in the past whenever it runs.
 */
type Move = [daysAgo: number, time: string, key: string, to: PortStatus | "deleted"];
const STORY: Move[] = [
  [110, "10:00", "GET /about", "IN_PROGRESS"],
  [110, "10:20", "app/pages", "IN_PROGRESS"],
  [106, "14:10", "twig/twig", "PORTED"],
  [106, "14:12", "monolog/monolog", "PORTED"],
  [105, "15:40", "GET /index.php", "deleted"],
  [103, "16:30", "GET /about", "PORTED"],
  [101, "11:00", "app/pages", "PORTED"],
  [99, "10:00", "GET /healthz", "IN_PROGRESS"],
  [99, "15:30", "GET /healthz", "PORTED"],
  [97, "09:45", "app/core", "IN_PROGRESS"],
  [96, "13:00", "GET /about", "VERIFIED"],
  [92, "10:15", "GET /", "IN_PROGRESS"],
  [88, "17:00", "app/core", "PORTED"],
  [86, "11:20", "GET /healthz", "VERIFIED"],
  [83, "10:00", "GET /sitemap.xml", "IN_PROGRESS"],
  [80, "18:10", "GET /", "PORTED"],
  [78, "14:00", "GET /sitemap.xml", "PORTED"],
  [76, "10:30", "app/pages", "VERIFIED"],
  [74, "09:50", "GET /featured", "IN_PROGRESS"],
  [71, "10:00", "app/auth", "IN_PROGRESS"],
  [70, "16:45", "GET /", "VERIFIED"],
  [68, "15:00", "GET /featured", "PORTED"],
  [64, "09:30", "GET /login", "IN_PROGRESS"],
  [64, "09:32", "POST /login", "IN_PROGRESS"],
  [64, "09:35", "POST /logout", "IN_PROGRESS"],
  [62, "11:00", "firebase/php-jwt", "PORTED"],
  [60, "17:30", "app/auth", "PORTED"],
  [56, "10:00", "app/search", "IN_PROGRESS"],
  [56, "10:05", "GET /search", "IN_PROGRESS"],
  [53, "16:00", "GET /login", "PORTED"],
  [47, "14:00", "GET /internal/reports", "WONT_PORT"],
  [45, "17:15", "POST /login", "PORTED"],
  [44, "10:00", "GET /signup", "IN_PROGRESS"],
  [40, "15:20", "POST /logout", "PORTED"],
  [39, "16:40", "GET /signup", "PORTED"],
  [38, "08:50", "POST /login", "IN_PROGRESS"],
  [33, "18:00", "POST /login", "PORTED"],
  [30, "10:00", "POST /signup", "IN_PROGRESS"],
  [30, "10:10", "GET /password/reset", "IN_PROGRESS"],
  [25, "15:00", "GET /password/reset", "PORTED"],
  [22, "11:00", "GET /healthz", "RETIRED"],
  [18, "16:20", "POST /signup", "PORTED"],
  [12, "14:00", "league/oauth2-client", "PORTED"],
  [11, "09:40", "GET /oauth/callback", "IN_PROGRESS"],
  [10, "10:00", "POST /password/reset", "IN_PROGRESS"],
  [8, "17:10", "POST /password/reset", "PORTED"],
  [4, "11:00", "GET /oauth/callback", "PORTED"],
  [4, "14:30", "GET /search/suggest", "IN_PROGRESS"],
  [2, "10:00", "app/users", "IN_PROGRESS"],
  [2, "10:05", "GET /user/<int:id>", "IN_PROGRESS"],
];
/** Items whose status the story takes further than demo-data.ts has it. */
const STORY_OVERRIDES = new Set([
  "GET /healthz",
  "GET /signup",
  "POST /signup",
  "GET /password/reset",
  "POST /password/reset",
  "GET /oauth/callback",
  "GET /search/suggest",
  "GET /user/<int:id>",
  "app/users",
]);
/** When the dependencies' readiness was assessed (days ago, time); a ready one is ported then. Others stay unknown. */
const ASSESSED: Record<string, [number, string]> = {
  "twig/twig": [106, "14:10"],
  "monolog/monolog": [106, "14:12"],
  "elasticsearch/elasticsearch": [106, "14:20"],
  "intervention/image": [106, "14:25"],
  "aws/aws-sdk-php": [106, "14:30"],
  "predis/predis": [106, "14:35"],
  "stripe/stripe-php": [106, "14:40"],
  "nesbot/carbon": [106, "14:45"],
  "ramsey/uuid": [106, "14:50"],
  "firebase/php-jwt": [62, "11:00"],
  "league/oauth2-client": [12, "14:00"],
  "guzzlehttp/guzzle": [48, "10:00"],
  "sentry/sentry": [48, "10:05"],
};
/** The imports: days ago and time. Routes come with their module's wave unless named. */
const WAVES = { first: [112, "09:00"], second: [84, "09:30"], third: [49, "09:30"] } as const;
const waveOf = (key: string, module?: string): keyof typeof WAVES => {
  const m = module ?? key;
  if (/creator_manager|internal/.test(m) || key === "guzzlehttp/guzzle" || key === "sentry/sentry") return "third";
  if (module && /billing|messaging|notifications|settings/.test(module)) return "second";
  return "first";
};
/** A route the first import found that was a duplicate of the home page: deleted in week 15. */
const DELETED_ROUTE: DemoRoute = ["GET", "/index.php", "pages.index", "app/pages", 3_100, 1];
const ROLLBACK_NOTE = "Rolled back once: sessions dropped behind the proxy (cookie domain). Fixed and re-ported.";

/**
 * Creates the demo organisation, user and project; does nothing if the organisation exists.
 * The history tells the story above, and each item's status is where its history ends.
 */
const missing = (key: string): never => {
  throw new Error(`The demo's stewardship story names ${key}, which the demo does not have.`);
};

export async function seedDemo(db: Db, now = clock.now()): Promise<{ created: boolean }> {
  if (await demoExists(db)) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  /** `days` days ago at this UTC time; days ≥ 1, so always before now. */
  const at = (days: number, time: string) => {
    const [h, m] = time.split(":").map(Number);
    return new Date(midnight - days * DAY + (h * 60 + m) * 60_000);
  };
  const wave = (name: keyof typeof WAVES) => at(WAVES[name][0], WAVES[name][1]);

  // Each item's moves, in order, and its status at the end of them.
  const moves = new Map<string, { to: PortStatus | "deleted"; at: Date }[]>();
  for (const [days, time, key, to] of STORY) moves.set(key, [...(moves.get(key) ?? []), { to, at: at(days, time) }]);
  const finalStatus = (key: string): PortStatus =>
    (moves
      .get(key)
      ?.filter((m) => m.to !== "deleted")
      .at(-1)?.to as PortStatus | undefined) ?? "NOT_STARTED";
  const used = new Set<string>();
  /** The status the story leaves an item in; it must be demo-data.ts's unless the story takes it further. */
  const statusOf = (key: string, demoStatus: string | undefined) => {
    used.add(key);
    if (!STORY_OVERRIDES.has(key) && finalStatus(key) !== (demoStatus ?? "NOT_STARTED"))
      throw new Error(`The demo story leaves ${key} ${finalStatus(key)}, demo-data.ts says ${demoStatus ?? "NOT_STARTED"}.`);
    return finalStatus(key);
  };

  await db.$transaction(
    async (tx) => {
      const user = await tx.user.upsert({
        where: { email: DEMO_EMAIL },
        update: {},
        create: { email: DEMO_EMAIL, name: "Dana Demo", passwordHash },
      });
      const org = await tx.organization.create({ data: { name: "Demo Co", slug: DEMO_ORG_SLUG } });
      await tx.membership.create({ data: { organizationId: org.id, userId: user.id, role: "ADMIN" } });
      const started = wave("first");
      const project = await tx.project.create({
        data: {
          organizationId: org.id,
          name: "Web app: PHP → Python",
          slug: DEMO_PROJECT_SLUG,
          fromStack: "PHP 7 (custom framework)",
          toStack: "Python 3 (Flask)",
          description:
            "Port the public site route by route behind the proxy. The about page was the pilot; then the high-traffic, simple pages; the settings, creator manager and internal dashboards are the long tail.",
          startDate: new Date(started.toISOString().slice(0, 10)),
          targetDate: new Date(new Date(now.getTime() + 70 * DAY).toISOString().slice(0, 10)),
          createdAt: started,
          // Where the proxy sends each route (placeholders: the demo runs no backends).
          legacyUpstream: "http://legacy.internal:8080",
          newUpstream: "http://new.internal:8000",
        },
      });
      const scope = { organizationId: org.id, projectId: project.id };
      const teams = new Map<string, string>();
      for (const name of TEAMS) {
        const team = await tx.team.create({ data: { organizationId: org.id, name, slug: name.toLowerCase().replace(/\s+/g, "-"), createdAt: started } });
        teams.set(name, team.id);
      }
      await tx.teamMember.create({ data: { teamId: teams.get("Team Platform")!, userId: user.id, organizationId: org.id } });

      const changes: Prisma.ItemChangeCreateManyInput[] = [];
      const row = (itemId: string, field: string, fromValue: string | null, toValue: string | null, when: Date) =>
        changes.push({ ...scope, itemId, actorId: user.id, field, fromValue, toValue, at: when });
      const ids = new Map<string, string>();

      /**
       * Creates an item at its import and writes its history: created (not started), then the
       * story's moves, and the other-field changes given (oldest first, each ending at the item's value).
       */
      const create = async (
        kind: ItemKind,
        key: string,
        created: Date,
        data: Omit<Prisma.ItemUncheckedCreateInput, "organizationId" | "projectId" | "kind" | "key" | "status" | "createdAt">,
        others: { field: string; from: string | null; to: string | null; at: Date }[] = [],
      ) => {
        const history: [string, string | null, string | null, Date][] = [["created", null, "NOT_STARTED", created]];
        let status: PortStatus = "NOT_STARTED";
        let deletedAt: Date | null = null;
        for (const move of moves.get(key) ?? []) {
          if (move.to === "deleted") {
            history.push(["deleted", status, null, move.at]);
            deletedAt = move.at;
            continue;
          }
          history.push(["status", status, move.to, move.at]);
          if (move.to === "WONT_PORT") history.push(["statusReason", null, data.statusReason as string, move.at]);
          status = move.to;
        }
        for (const o of others) history.push([o.field, o.from, o.to, o.at]);
        history.sort((a, b) => a[3].getTime() - b[3].getTime());
        if (history.some(([, , , when]) => when < created || when >= now)) throw new Error(`The demo story moves ${key} before its import or after now.`);
        const updatedAt = history[history.length - 1][3];
        const item = await tx.item.create({ data: { ...scope, kind, key, ...data, status, deletedAt, createdAt: created, updatedAt }, select: { id: true } });
        ids.set(`${kind}:${key}`, item.id);
        for (const [field, from, to, when] of history) row(item.id, field, from, to, when);
        return item.id;
      };

      for (const [name, version, readiness, replacement, target] of DEMO_DEPENDENCIES) {
        const assessed = ASSESSED[name];
        statusOf(name, (readiness === "COMPATIBLE" || DEMO_MOVED_DEPENDENCIES.has(name)) && assessed ? "PORTED" : undefined);
        await create(
          "DEPENDENCY",
          name,
          wave(waveOf(name)),
          {
            name,
            currentVersion: version,
            targetVersion: target ?? null,
            replacement: replacement ?? null,
            readiness: readiness as Readiness,
            complexity: readiness === "REPLACE" ? 4 : 2,
          },
          assessed ? [{ field: "readiness", from: "UNKNOWN", to: readiness, at: at(assessed[0], assessed[1]) }] : [],
        );
      }
      for (const [path, complexity, size, , status] of DEMO_MODULES) {
        statusOf(path, status);
        await create("MODULE", path, wave(waveOf(path)), { name: path, complexity, size, ownerTeamId: teams.get(ownerFor(path)) });
      }
      for (const [method, path, handler, module, trafficPerDay, complexity, demoStatus] of [...DEMO_ROUTES, DELETED_ROUTE]) {
        const key = `${method} ${path}`;
        const status = statusOf(key, demoStatus);
        const done = DONE.includes(status);
        const created = wave(waveOf(key, module));
        const owner = path.startsWith("/internal") ? null : teams.get(ownerFor(module))!;
        const others: { field: string; from: string | null; to: string | null; at: Date }[] = [];
        // The second access log updated the traffic of the busiest routes the first one found.
        if (created < wave("second") && trafficPerDay >= 300_000)
          others.push({ field: "trafficPerDay", from: String(Math.round(trafficPerDay * 0.92)), to: String(trafficPerDay), at: wave("second") });
        // Platform imported the Stripe webhook; Payments took it over.
        let ownerTeamId = owner;
        if (key === "POST /webhooks/stripe") {
          ownerTeamId = teams.get("Team Payments")!;
          others.push({ field: "owner", from: `team:${teams.get("Team Platform")}`, to: `team:${ownerTeamId}`, at: at(80, "12:00") });
        }
        if (key === "POST /login") others.push({ field: "notes", from: "", to: ROLLBACK_NOTE, at: at(38, "09:05") });
        await create(
          "ROUTE",
          key,
          created,
          {
            name: key,
            method,
            path,
            handler,
            trafficPerDay,
            complexity,
            testCoverage: done ? 80 : complexity >= 4 ? 10 : 40,
            servedBy: done ? "NEW" : status === "IN_PROGRESS" ? "SHADOW" : "LEGACY",
            ownerTeamId,
            statusReason: status === "WONT_PORT" ? "Replaced by the BI tool; retire with the legacy stack." : null,
            notes: key === "POST /login" ? ROLLBACK_NOTE : "",
          },
          others,
        );
      }
      const unknown = [...moves.keys(), ...Object.keys(ASSESSED)].filter((key) => !used.has(key));
      if (unknown.length) throw new Error(`The demo story names items the demo does not have: ${unknown.join(", ")}.`);

      const relations: Prisma.ItemRelationCreateManyInput[] = [];
      for (const [path, , , needs] of DEMO_MODULES) {
        for (const dep of needs) relations.push({ ...scope, fromId: ids.get(`MODULE:${path}`)!, toId: ids.get(`DEPENDENCY:${dep}`)! });
      }
      for (const [method, path, , module] of [...DEMO_ROUTES, DELETED_ROUTE]) {
        relations.push({ ...scope, fromId: ids.get(`ROUTE:${method} ${path}`)!, toId: ids.get(`MODULE:${module}`)! });
        if (module !== "app/core") relations.push({ ...scope, fromId: ids.get(`ROUTE:${method} ${path}`)!, toId: ids.get("MODULE:app/core")! });
      }
      await tx.itemRelation.createMany({ data: relations });
      // The cutover's history: a route went to shadow when its port started, to new when ported.
      const switches: Prisma.TrafficSwitchCreateManyInput[] = [];
      for (const [method, path] of DEMO_ROUTES) {
        const key = `${method} ${path}`;
        const steps = moves.get(key) ?? [];
        const started = steps.find((m) => m.to === "IN_PROGRESS");
        const ported = steps.find((m) => m.to === "PORTED");
        const status = finalStatus(key);
        const base = { ...scope, itemId: ids.get(`ROUTE:${key}`)!, actorId: user.id };
        if (started && (status === "IN_PROGRESS" || ported))
          switches.push({ ...base, fromState: "LEGACY", toState: "SHADOW", kind: "switch", reason: "Dark launch while porting", at: started.at });
        if (ported && DONE.includes(status))
          switches.push({
            ...base,
            fromState: started ? "SHADOW" : "LEGACY",
            toState: "NEW",
            kind: "switch",
            reason: "Ported; smoke tests clean",
            at: ported.at,
          });
      }
      await tx.trafficSwitch.createMany({ data: switches });
      await tx.itemChange.createMany({ data: changes });
      await recomputeBlockers(tx, project.id);
      const item = (key: string) => ids.get(key) ?? missing(key);
      await seedDemoStewardship(
        tx,
        scope,
        user.id,
        {
          login: item("ROUTE:POST /login"),
          signup: item("ROUTE:POST /signup"),
          pledge: item("ROUTE:GET /pledge/<int:creator_id>"),
          reports: item("ROUTE:GET /internal/reports"),
        },
        now,
      );
      await seedDemoCode(tx, scope, at(1, "07:00"));
      await seedDemoAgents(tx, scope, user.id, item, at);
    },
    { timeout: 60_000 },
  );
  return { created: true };
}

const DONE: PortStatus[] = ["PORTED", "VERIFIED", "RETIRED"];
const TEAMS = ["Team Identity", "Team Payments", "Team Content", "Team Platform"];

function ownerFor(module: string): string {
  if (/auth|users|core|pages/.test(module)) return "Team Identity";
  if (/billing|creator_manager/.test(module)) return "Team Payments";
  if (/posts|search|messaging|notifications/.test(module)) return "Team Content";
  return "Team Platform";
}
