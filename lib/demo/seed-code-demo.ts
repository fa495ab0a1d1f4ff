/**
 * The code demo (issue 22): an organisation of its own, "Code Demo", whose project links a legacy
 * and a new repository (server folders: no host links, and nothing a scan could reach) and holds
 * what a scan of both would have written — CodeRoute rows and each route's ItemCode, with one route
 * of each kind of drift. It shows the code's screens (an item's "In the code", Progress's "declared
 * vs found", the inventory's drift filters) without a scan; the browser tests sign in to it.
 * Seeded by `waypoint serve` when WAYPOINT_SEED_CODE_DEMO=1 (off by default); does nothing twice.
 */
import type { Db } from "@/lib/db/client";
import { signUp } from "@/lib/accounts/sign-up";
import { orgContextFor } from "@/lib/orgs/membership";
import { createProject } from "@/lib/projects/projects";
import { createItem } from "@/lib/inventory/items";
import { createTeam } from "@/lib/teams/teams";
import * as clock from "@/lib/time/clock";

export const CODE_DEMO_EMAIL = "code-demo@waypoint.local";
export const CODE_DEMO_PASSWORD = "both-repositories-scanned";
export const CODE_DEMO_LEGACY_COMMIT = "4b1d3c2a9e8f7d6c5b4a39281706f5e4d3c2b1a0";
export const CODE_DEMO_NEW_COMMIT = "9f8e7d6c5b4a3928170f6e5d4c3b2a1908f7e6d5";

const DAY = 86_400_000;

type Side = { file: string; line: number };
type DemoCodeRoute = {
  path: string;
  status: "NOT_STARTED" | "PORTED" | "VERIFIED" | "RETIRED";
  traffic: number;
  legacy: Side | null;
  fresh: (Side & { path: string; days: number }) | null;
  drift?: "ported-not-in-code" | "in-code-not-started" | "retired-returned";
};

const ROUTES: DemoCodeRoute[] = [
  {
    path: "/about",
    status: "PORTED",
    traffic: 1200,
    legacy: { file: "pages/about.php", line: 12 },
    fresh: { file: "shop/views.py", line: 42, path: "/app/about", days: 20 },
  },
  {
    path: "/checkout",
    status: "VERIFIED",
    traffic: 400,
    legacy: { file: "pages/checkout.php", line: 7 },
    fresh: { file: "shop/checkout.py", line: 18, path: "/app/checkout", days: 30 },
  },
  { path: "/cart", status: "PORTED", traffic: 900, legacy: { file: "pages/cart.php", line: 5 }, fresh: null, drift: "ported-not-in-code" },
  {
    path: "/search",
    status: "NOT_STARTED",
    traffic: 700,
    legacy: { file: "pages/search.php", line: 30 },
    fresh: { file: "shop/search.py", line: 9, path: "/app/search", days: 12 },
    drift: "in-code-not-started",
  },
  { path: "/old-feed", status: "RETIRED", traffic: 0, legacy: { file: "feeds/rss.php", line: 3 }, fresh: null, drift: "retired-returned" },
  { path: "/contact", status: "NOT_STARTED", traffic: 50, legacy: { file: "pages/contact.php", line: 20 }, fresh: null },
];

export async function seedCodeDemo(db: Db): Promise<{ created: boolean }> {
  if (await db.user.findUnique({ where: { email: CODE_DEMO_EMAIL }, select: { id: true } })) return { created: false };
  const now = clock.now();
  const { user, organization } = await signUp(db, { name: "Cody Code", email: CODE_DEMO_EMAIL, password: CODE_DEMO_PASSWORD, organizationName: "Code Demo" });
  const ctx = await orgContextFor(db, user.id, organization.slug);
  const project = await createProject(db, ctx, { name: "Shop: PHP → Django", slug: "shop", fromStack: "PHP", toStack: "Python (Django)" });
  const scope = { organizationId: organization.id, projectId: project.id };
  const teamId = await createTeam(db, ctx, { name: "Team Web" });

  const legacy = await db.repository.create({
    data: { ...scope, role: "LEGACY", url: "/srv/code-demo/shop-php", branch: "main", lastCommit: CODE_DEMO_LEGACY_COMMIT, lastScannedAt: now, status: "ok" },
  });
  const fresh = await db.repository.create({
    data: { ...scope, role: "NEW", url: "/srv/code-demo/shop-django", branch: "main", lastCommit: CODE_DEMO_NEW_COMMIT, lastScannedAt: now, status: "ok" },
  });
  for (const r of ROUTES) {
    const item = await createItem(db, ctx, project.id, "ROUTE", { method: "GET", path: r.path, status: r.status, trafficPerDay: r.traffic });
    const since = r.fresh ? new Date(now.getTime() - r.fresh.days * DAY) : null;
    if (r.legacy)
      await db.codeRoute.create({
        data: {
          ...scope,
          repositoryId: legacy.id,
          method: "GET",
          path: r.path,
          file: r.legacy.file,
          line: r.legacy.line,
          framework: "php",
          firstSeenAt: now,
          firstCommit: CODE_DEMO_LEGACY_COMMIT,
        },
      });
    if (r.fresh)
      await db.codeRoute.create({
        data: {
          ...scope,
          repositoryId: fresh.id,
          method: "GET",
          path: r.fresh.path,
          file: r.fresh.file,
          line: r.fresh.line,
          framework: "django",
          firstSeenAt: since!,
          firstCommit: CODE_DEMO_NEW_COMMIT,
        },
      });
    await db.itemCode.create({
      data: {
        ...scope,
        itemId: item.id,
        legacyFile: r.legacy?.file ?? null,
        legacyLine: r.legacy?.line ?? null,
        legacyCommit: r.legacy ? CODE_DEMO_LEGACY_COMMIT : null,
        newMethod: r.fresh ? "GET" : null,
        newPath: r.fresh?.path ?? null,
        newFile: r.fresh?.file ?? null,
        newLine: r.fresh?.line ?? null,
        newCommit: r.fresh ? CODE_DEMO_NEW_COMMIT : null,
        newSince: since,
        matchVia: r.fresh ? "pattern" : null,
        suggestedOwnerTeamId: r.legacy?.file.startsWith("pages/") ? teamId : null,
        codeOwners: r.legacy?.file.startsWith("pages/") ? ["@code-demo/web"] : [],
        codeComplexity: r.legacy ? 2 : null,
        codeTestCoverage: r.path === "/checkout" ? 40 : r.legacy ? 0 : null,
        drift: r.drift ?? null,
        driftSince: r.drift ? new Date(now.getTime() - 2 * DAY) : null,
      },
    });
  }
  return { created: true };
}
