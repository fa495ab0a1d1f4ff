/**
 * The demo's code review (issue 22): what a first scan of the legacy PHP app would propose — routes
 * it serves that the inventory does not list (the baseline) — so the review screen has something
 * to show before anyone links a repository.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

const COMMIT = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";

const BASELINE: { method: string; path: string; file: string; line: number; handler: string }[] = [
  { method: "GET", path: "/admin/export", file: "public/admin/export.php", line: 14, handler: "export_csv" },
  { method: "POST", path: "/admin/export", file: "public/admin/export.php", line: 41, handler: "export_start" },
  { method: "GET", path: "/legacy/feed.rss", file: "public/legacy/feed.php", line: 9, handler: "render_feed" },
];

export async function seedDemoCode(tx: Prisma.TransactionClient, scope: { organizationId: string; projectId: string }, at: Date) {
  await tx.codeProposal.createMany({
    data: BASELINE.map((r) => ({
      ...scope,
      kind: "ADDITION",
      method: r.method,
      path: r.path,
      handler: r.handler,
      file: r.file,
      line: r.line,
      value: "baseline",
      commit: COMMIT,
      openKey: `ADDITION:${r.method} ${r.path}`,
      createdAt: at,
    })),
  });
}
