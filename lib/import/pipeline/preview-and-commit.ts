import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan, can } from "@/lib/auth/permissions";
import { AppError, conflict, notFound } from "@/lib/errors";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { ItemKindName, ParseIssue } from "../types";
import { IMPORT_FORMATS, type ImportFormat } from "./formats";
import { hasErrors, type ImportPlan } from "./plan";
import { diffPlan, type DiffResult, type ItemChangeKind } from "./diff-plan";
import { applyDiff } from "./apply-diff";
import { replaceRequestSamples, storeBatchSamples } from "../request-samples";
import type { SamplesByKey } from "../access-log/samples";
import * as clock from "@/lib/time/clock";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { projectPath } from "@/lib/projects/paths";
import { yieldToEventLoop } from "@/lib/event-loop";

/** How many issues a preview keeps: enough to fix a file, not a copy of a broken one. */
const MAX_ISSUES = 500;
const SAMPLE = 25;
/**
 * A preview left uncommitted this long has expired: committing it is refused (upload the file
 * again: the inventory has likely moved on), and it is deleted — with its payload, which can be
 * tens of MB — the next time anyone previews an import in the project.
 */
export const PREVIEW_TTL_MS = 24 * 60 * 60 * 1000;
const previewExpired = (b: { status: string; createdAt: Date }, now = clock.now()) =>
  b.status === "PREVIEW" && now.getTime() - b.createdAt.getTime() > PREVIEW_TTL_MS;

export type ImportSummary = {
  new: number;
  changed: number;
  unchanged: number;
  restored: number;
  errors: number;
  warnings: number;
  byKind: DiffResult["counts"];
  relations: number;
  teamsToCreate: string[];
  files: number;
  traffic?: { days: number; requests: number; matched: number; unmatched: { method: string; path: string; count: number }[] };
  /** Source code: the framework(s) that gave routes, per folder. */
  frameworks?: ImportPlan["frameworks"];
  /** Source code: files not read because they are never served (tests, docs…). */
  skipped?: ImportPlan["skipped"];
  /** Source code in a folder: the manifests read with it. */
  manifests?: ImportPlan["manifests"];
};

/** One planned item and what the import does to it (the CLI's --list and --json). */
export type PreviewItem = {
  kind: ItemKindName;
  change: ItemChangeKind;
  key: string;
  method?: string;
  path?: string;
  handler?: string;
  file: string;
  line: number;
};

export type PreviewOptions = {
  /** Return every planned item with its change (not stored; a CLI dry run lists them). */
  listItems?: boolean;
};

function summarize(plan: ImportPlan, diff: DiffResult, issues: ParseIssue[]): ImportSummary {
  const sum = (k: "new" | "changed" | "restored") => Object.values(diff.counts).reduce((n, c) => n + c[k], 0);
  return {
    new: sum("new"),
    changed: sum("changed"),
    restored: sum("restored"),
    unchanged: diff.unchanged,
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    byKind: diff.counts,
    relations: diff.relations.length,
    teamsToCreate: diff.teamsToCreate,
    files: plan.files,
    ...(plan.traffic
      ? { traffic: { days: plan.traffic.days, requests: plan.traffic.requests, matched: plan.traffic.matched, unmatched: plan.traffic.unmatched } }
      : {}),
    ...(plan.frameworks ? { frameworks: plan.frameworks } : {}),
    ...(plan.skipped ? { skipped: plan.skipped } : {}),
    ...(plan.manifests ? { manifests: plan.manifests } : {}),
  };
}

function previewItems(plan: ImportPlan, diff: DiffResult): PreviewItem[] {
  const seen = new Set<string>();
  const items: PreviewItem[] = [];
  for (const u of plan.upserts) {
    const id = `${u.kind} ${u.key}`;
    const change = diff.changeOf.get(id);
    if (!change || seen.has(id)) continue;
    seen.add(id);
    const { method, path, handler } = u.fields;
    items.push({
      kind: u.kind,
      change,
      key: u.key,
      ...(method ? { method } : {}),
      ...(path ? { path } : {}),
      ...(handler ? { handler } : {}),
      file: u.file,
      line: u.line,
    });
  }
  return items;
}

function samples(diff: DiffResult) {
  return diff.operations.slice(0, SAMPLE * 4).map((o) => ({
    type: o.type,
    kind: o.kind,
    key: o.key,
    changes: o.type === "create" ? [] : o.changes,
    file: o.file,
    line: o.line,
  }));
}

type PreviewInput = { format: ImportFormat; kind?: ItemKindName; fileName: string; plan: ImportPlan };

/** The preview of a plan (its diff with the inventory); an upload with errors is refused here. */
async function buildPreview(db: Db, ctx: OrgContext, projectId: string, input: PreviewInput, options: PreviewOptions) {
  assertCan(ctx.role, "inventory:import");
  const project = await projectInScope(db, ctx, projectId);
  // maxWait as the commit's: with many instances on one pool (PgBouncer), Prisma's 2 s default for
  // getting a connection answered busy previews with a 500 (npm run scale:demo, docs/DEPLOY.md).
  const diff = await db.$transaction(
    (tx) => diffPlan(tx, { organizationId: project.organizationId, projectId, mayCreateTeams: can(ctx.role, "teams:manage") }, input.plan),
    { timeout: 120_000, maxWait: 30_000 },
  );
  const issues = [...input.plan.issues, ...diff.issues];
  const summary = summarize(input.plan, diff, issues);
  const items = options.listItems ? { items: previewItems(input.plan, diff) } : {};
  if (hasErrors(issues)) {
    // errors first, so a long list of warnings can never hide the reason for the refusal
    const ordered = [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity !== "error")];
    throw new AppError("invalid_input", `${input.fileName}: ${summary.errors} error(s); nothing was imported. Fix them and upload again.`, {
      issues: options.listItems ? ordered : ordered.slice(0, MAX_ISSUES),
      summary,
      ...items,
    });
  }
  return { project, diff, issues: options.listItems ? issues : issues.slice(0, MAX_ISSUES), summary, items };
}

/** The preview of an upload, stored for commit. An upload with errors is refused and nothing is stored. */
export async function createImportPreview(db: Db, ctx: OrgContext, projectId: string, input: PreviewInput, options: PreviewOptions = {}) {
  const { project, diff, issues, summary, items } = await buildPreview(db, ctx, projectId, input, options);
  const { plan: stored, samples: requestSamples } = withoutSamples(input.plan);
  const payload = await payloadJson(input.kind ?? null, stored);
  const batch = await db.$transaction(
    async (tx) => {
      // Abandoned previews of the project go now (lazily: no scheduler needed).
      await tx.importBatch.deleteMany({
        where: { organizationId: project.organizationId, projectId, status: "PREVIEW", createdAt: { lt: new Date(clock.nowMs() - PREVIEW_TTL_MS) } },
      });
      const created = await tx.importBatch.create({
        data: {
          organizationId: project.organizationId,
          projectId,
          format: input.format,
          fileName: input.fileName.slice(0, 300),
          summary: summary as unknown as Prisma.InputJsonValue,
          payload: {},
          issues: issues.slice(0, MAX_ISSUES) as unknown as Prisma.InputJsonValue,
          createdById: ctx.userId,
        },
        select: { id: true, createdAt: true },
      });
      // The plan as JSON text made beforehand: handing 100,000 rows to the client as a Json value
      // held the event loop for 6 s while it was serialised.
      await tx.$executeRaw`UPDATE "ImportBatch" SET payload = ${payload}::jsonb WHERE id = ${created.id} AND "organizationId" = ${project.organizationId}`;
      if (requestSamples) await storeBatchSamples(tx, { organizationId: project.organizationId }, created.id, requestSamples);
      return created;
    },
    { timeout: 120_000 },
  ); // tens of MB of JSON for the database to parse: more than the default 5 s
  return { id: batch.id, format: input.format, fileName: input.fileName, status: "PREVIEW" as const, summary, issues, samples: samples(diff), ...items };
}

/**
 * The same preview for a dry run that will never be committed: nothing is stored (a repository's
 * plan is megabytes of JSON, and writing it was a good part of a dry run's time).
 */
export async function dryRunPreview(db: Db, ctx: OrgContext, projectId: string, input: PreviewInput, options: PreviewOptions = {}) {
  const { diff, issues, summary, items } = await buildPreview(db, ctx, projectId, input, options);
  return { id: null, format: input.format, fileName: input.fileName, status: "DRY_RUN" as const, summary, issues, samples: samples(diff), ...items };
}

/** The plan to store, its request samples apart (they are written beside it, a slice at a time). */
function withoutSamples(plan: ImportPlan): { plan: ImportPlan; samples?: SamplesByKey } {
  if (!plan.traffic?.samples) return { plan };
  const { samples, ...traffic } = plan.traffic;
  return { plan: { ...plan, traffic: { ...traffic, sampled: true } }, samples };
}

/** `{ kind, plan }` as JSON text, the upserts serialised 2,000 at a time between turns of the event loop. */
async function payloadJson(kind: ItemKindName | null, plan: ImportPlan): Promise<string> {
  const { upserts, ...rest } = plan;
  const slices: string[] = [];
  for (let i = 0; i < upserts.length; i += 2000) {
    slices.push(
      upserts
        .slice(i, i + 2000)
        .map((u) => JSON.stringify(u))
        .join(","),
    );
    await yieldToEventLoop();
  }
  const others = JSON.stringify(rest).slice(1, -1);
  return `{"kind":${JSON.stringify(kind)},"plan":{${others}${others ? "," : ""}"upserts":[${slices.join(",")}]}}`;
}

async function batchInScope(db: Db | Prisma.TransactionClient, ctx: OrgContext, projectId: string, importId: string) {
  await projectInScope(db, ctx, projectId);
  // Never the payload here: it can be tens of MB, and only the commit reads it.
  const batch = await db.importBatch.findFirst({ where: { id: importId, projectId, organizationId: ctx.organizationId }, omit: { payload: true } });
  if (!batch) throw notFound("No such import.");
  return batch;
}

/**
 * Applies a previewed import in one transaction: compared again with the inventory as it is now
 * (it may have changed since the preview), so committing the same file twice changes nothing.
 */
export async function commitImport(db: Db, ctx: OrgContext, projectId: string, importId: string) {
  assertCan(ctx.role, "inventory:import");
  return db.$transaction(
    async (tx) => {
      const batch = await batchInScope(tx, ctx, projectId, importId);
      // Lock the batch row: two commits of one preview must not both apply it.
      await tx.$queryRaw`SELECT id FROM "ImportBatch" WHERE id = ${batch.id} FOR UPDATE`;
      const fresh = await tx.importBatch.findUniqueOrThrow({ where: { id: batch.id }, omit: { payload: true } });
      if (fresh.status !== "PREVIEW") throw conflict(`This import was already ${fresh.status === "COMMITTED" ? "committed" : "discarded"}.`);
      if (previewExpired(fresh))
        throw new AppError(
          "conflict",
          "This preview is more than 24 hours old and has expired; nothing was imported. Upload the file again for a fresh preview.",
          { expired: true },
        );
      const { payload } = await tx.importBatch.findFirstOrThrow({ where: { id: batch.id, organizationId: batch.organizationId }, select: { payload: true } });
      const { plan } = payload as unknown as { plan: ImportPlan };
      const scope = { organizationId: batch.organizationId, projectId };
      const diff = await diffPlan(tx, { ...scope, mayCreateTeams: can(ctx.role, "teams:manage") }, plan);
      if (hasErrors(diff.issues)) {
        throw new AppError("conflict", "The inventory changed since the preview and the import no longer applies; upload it again.", {
          issues: diff.issues.slice(0, MAX_ISSUES),
        });
      }
      await applyDiff(tx, { ...scope, actorId: ctx.userId }, diff);
      if (plan.traffic?.sampled) await replaceRequestSamples(tx, scope, batch.id);
      const summary = summarize(plan, diff, plan.issues);
      await tx.importBatch.update({
        where: { id: batch.id },
        // The payload is only needed until the commit; keep the summary, drop the bulk.
        data: { status: "COMMITTED", committedAt: clock.now(), summary: summary as unknown as Prisma.InputJsonValue, payload: {} },
      });
      // Whoever uploaded it hears it was applied (not the person committing it: they see it); Slack and webhooks too.
      const names = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { slug: true, organization: { select: { slug: true } } } });
      await notifyEvent(tx, {
        ...scope,
        event: "import.finished",
        subjectId: batch.id,
        recipients: fresh.createdById && fresh.createdById !== ctx.userId ? [fresh.createdById] : [],
        title: `Import of ${fresh.fileName} finished: ${summary.new} new, ${summary.changed} changed, ${summary.restored} restored`,
        link: `${projectPath(names.organization.slug, names.slug)}/import`,
      });
      return { id: batch.id, status: "COMMITTED" as const, summary };
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

export async function discardImport(db: Db, ctx: OrgContext, projectId: string, importId: string) {
  assertCan(ctx.role, "inventory:import");
  const batch = await batchInScope(db, ctx, projectId, importId);
  if (batch.status !== "PREVIEW") throw conflict("Only an import that is still a preview can be discarded.");
  await db.$transaction([
    db.importBatch.update({ where: { id: batch.id }, data: { status: "DISCARDED", payload: {} } }),
    db.importBatchSample.deleteMany({ where: { batchId: batch.id, organizationId: batch.organizationId } }),
  ]);
}

export async function getImport(db: Db, ctx: OrgContext, projectId: string, importId: string) {
  assertCan(ctx.role, "project:view");
  const batch = await batchInScope(db, ctx, projectId, importId);
  return {
    id: batch.id,
    format: batch.format,
    formatLabel: IMPORT_FORMATS[batch.format as ImportFormat]?.label ?? batch.format,
    fileName: batch.fileName,
    status: batch.status,
    summary: batch.summary as unknown as ImportSummary,
    issues: batch.issues as unknown as ParseIssue[],
    createdAt: batch.createdAt,
    committedAt: batch.committedAt,
    /** A preview older than PREVIEW_TTL_MS: it can no longer be committed. */
    expired: previewExpired(batch),
  };
}

export async function listImports(db: Db, ctx: OrgContext, projectId: string) {
  assertCan(ctx.role, "project:view");
  await projectInScope(db, ctx, projectId);
  const rows = await db.importBatch.findMany({
    where: { projectId, organizationId: ctx.organizationId },
    select: { id: true, format: true, fileName: true, status: true, summary: true, createdAt: true, committedAt: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  const now = clock.now();
  return rows.map((r) => ({
    ...r,
    summary: r.summary as unknown as ImportSummary,
    formatLabel: IMPORT_FORMATS[r.format as ImportFormat]?.label ?? r.format,
    expired: previewExpired(r, now),
  }));
}
