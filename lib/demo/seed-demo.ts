import type { Db } from "@/lib/db/client";
import type { ItemKind, PortStatus, Readiness } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_DEPENDENCIES, DEMO_MODULES, DEMO_ROUTES } from "./demo-data";
import { recomputeBlockers } from "@/lib/inventory/blockers";

export const DEMO_EMAIL = "demo@waypoint.local";
export const DEMO_PASSWORD = "waypoint-demo";
export const DEMO_ORG_SLUG = "demo";
export const DEMO_PROJECT_SLUG = "php-to-python";

const DAY = 86_400_000;
const ORDER: PortStatus[] = ["NOT_STARTED", "IN_PROGRESS", "PORTED", "VERIFIED"];

/** Whether the demo organisation exists (the sign-in page shows the demo login only then). */
export async function demoExists(db: Db): Promise<boolean> {
  return (await db.organization.count({ where: { slug: DEMO_ORG_SLUG } })) > 0;
}

/**
 * Creates the demo organisation, user and project; does nothing if the organisation exists.
 * Ported items get a history that walks them through their statuses over the past weeks.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<{ created: boolean }> {
  if (await demoExists(db)) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      const user = await tx.user.upsert({
        where: { email: DEMO_EMAIL },
        update: {},
        create: { email: DEMO_EMAIL, name: "Dana Demo", passwordHash },
      });
      const org = await tx.organization.create({ data: { name: "Demo Co", slug: DEMO_ORG_SLUG } });
      await tx.membership.create({ data: { organizationId: org.id, userId: user.id, role: "ADMIN" } });
      const started = new Date(now.getTime() - 84 * DAY);
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
          targetDate: new Date(new Date(now.getTime() + 180 * DAY).toISOString().slice(0, 10)),
        },
      });
      const scope = { organizationId: org.id, projectId: project.id };
      const teams = new Map<string, string>();
      for (const name of TEAMS) {
        const team = await tx.team.create({ data: { organizationId: org.id, name, slug: name.toLowerCase().replace(/\s+/g, "-") } });
        teams.set(name, team.id);
      }
      await tx.teamMember.create({ data: { teamId: teams.get("Team Platform")!, userId: user.id, organizationId: org.id } });
      const changes: Prisma.ItemChangeCreateManyInput[] = [];
      let step = 0;
      // Spread the status changes over the project's life, oldest first, so progress has a history.
      const history = (itemId: string, status: PortStatus) => {
        const target = ORDER.indexOf(status);
        const stops = status === "WONT_PORT" ? ["WONT_PORT"] : ORDER.slice(1, target + 1);
        let from: string = "NOT_STARTED";
        for (const to of stops) {
          step++;
          const at = new Date(started.getTime() + ((step * 37) % 80) * DAY + step * 3_600_000);
          changes.push({ ...scope, itemId, actorId: user.id, field: "status", fromValue: from, toValue: to, at });
          from = to;
        }
      };

      const ids = new Map<string, string>();
      const create = async (kind: ItemKind, key: string, data: Omit<Prisma.ItemUncheckedCreateInput, "organizationId" | "projectId" | "kind" | "key">) => {
        const item = await tx.item.create({ data: { ...scope, kind, key, ...data, createdAt: started }, select: { id: true } });
        ids.set(`${kind}:${key}`, item.id);
        changes.push({ ...scope, itemId: item.id, actorId: user.id, field: "created", fromValue: null, toValue: "NOT_STARTED", at: started });
        if (data.status && data.status !== "NOT_STARTED") history(item.id, data.status as PortStatus);
        return item.id;
      };

      for (const [name, version, readiness, replacement, target] of DEMO_DEPENDENCIES) {
        await create("DEPENDENCY", name, {
          name,
          currentVersion: version,
          targetVersion: target ?? null,
          replacement: replacement ?? null,
          readiness: readiness as Readiness,
          status: readiness === "DONE" ? "PORTED" : "NOT_STARTED",
          complexity: readiness === "REPLACE" ? 4 : 2,
        });
      }
      for (const [path, complexity, size, , status] of DEMO_MODULES) {
        await create("MODULE", path, { name: path, complexity, size, status: (status ?? "NOT_STARTED") as PortStatus, ownerTeamId: teams.get(ownerFor(path)) });
      }
      for (const [method, path, handler, module, trafficPerDay, complexity, status] of DEMO_ROUTES) {
        const done = status === "PORTED" || status === "VERIFIED";
        await create("ROUTE", `${method} ${path}`, {
          name: `${method} ${path}`,
          method,
          path,
          handler,
          trafficPerDay,
          complexity,
          testCoverage: done ? 80 : complexity >= 4 ? 10 : 40,
          status: (status ?? "NOT_STARTED") as PortStatus,
          servedBy: done ? "NEW" : status === "IN_PROGRESS" ? "SHADOW" : "LEGACY",
          ownerTeamId: path.startsWith("/internal") ? null : teams.get(ownerFor(module)),
          statusReason: status === "WONT_PORT" ? "Replaced by the BI tool; retire with the legacy stack." : null,
          notes: "",
        });
      }

      const relations: Prisma.ItemRelationCreateManyInput[] = [];
      for (const [path, , , needs] of DEMO_MODULES) {
        for (const dep of needs) relations.push({ ...scope, fromId: ids.get(`MODULE:${path}`)!, toId: ids.get(`DEPENDENCY:${dep}`)! });
      }
      for (const [method, path, , module] of DEMO_ROUTES) {
        relations.push({ ...scope, fromId: ids.get(`ROUTE:${method} ${path}`)!, toId: ids.get(`MODULE:${module}`)! });
        if (module !== "app/core") relations.push({ ...scope, fromId: ids.get(`ROUTE:${method} ${path}`)!, toId: ids.get("MODULE:app/core")! });
      }
      await tx.itemRelation.createMany({ data: relations });
      await tx.itemChange.createMany({ data: changes });
      await recomputeBlockers(tx, project.id);
    },
    { timeout: 60_000 },
  );
  return { created: true };
}

const TEAMS = ["Team Identity", "Team Payments", "Team Content", "Team Platform"];

function ownerFor(module: string): string {
  if (/auth|users|core|pages/.test(module)) return "Team Identity";
  if (/billing|creator_manager/.test(module)) return "Team Payments";
  if (/posts|search|messaging|notifications/.test(module)) return "Team Content";
  return "Team Platform";
}
