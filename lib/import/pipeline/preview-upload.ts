import { readFile } from "node:fs/promises";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { projectInScope } from "@/lib/projects/project-in-scope";
import type { ItemKindName } from "../types";
import type { ImportFormat } from "./formats";
import { parseAccessLogUpload, parseUpload, type UploadedFile } from "./parse-upload";
import { createImportPreview, dryRunPreview, type PreviewOptions } from "./preview-and-commit";

/** Whole files (the UI's form, a folder), a stream (the API's body), or a file on disk (the CLI). */
export type UploadSource = { files: UploadedFile[] } | { stream: AsyncIterable<Uint8Array> } | { path: string };

/**
 * Parses an upload and stores its preview: the one entry point of the UI, the API and the CLI.
 * An access log is streamed (never held in memory); other formats are read whole.
 */
export async function previewUpload(db: Db, ctx: OrgContext, projectId: string, input: UploadInput, options: UploadOptions = {}) {
  const plan = await planUpload(db, ctx, projectId, input);
  options.afterReading?.();
  return createImportPreview(db, ctx, projectId, { format: input.format, kind: input.kind, fileName: input.fileName, plan }, options);
}

/** The same preview, stored nowhere: what `waypoint import --dry-run` shows. */
export async function dryRunUpload(db: Db, ctx: OrgContext, projectId: string, input: UploadInput, options: UploadOptions = {}) {
  const plan = await planUpload(db, ctx, projectId, input);
  options.afterReading?.();
  return dryRunPreview(db, ctx, projectId, { format: input.format, kind: input.kind, fileName: input.fileName, plan }, options);
}

/** `afterReading` runs once the upload is read and before its preview is made (the CLI collects the reading's garbage there). */
type UploadOptions = PreviewOptions & { afterReading?: () => void };

type UploadInput = { format: ImportFormat; kind?: ItemKindName; fileName: string; source: UploadSource; includeSkipped?: boolean };

async function planUpload(db: Db, ctx: OrgContext, projectId: string, input: UploadInput) {
  assertCan(ctx.role, "inventory:import");
  await projectInScope(db, ctx, projectId);
  let plan;
  if (input.format === "access-log") {
    const routes = await db.item.findMany({
      where: { projectId, organizationId: ctx.organizationId, kind: "ROUTE", deletedAt: null },
      select: { key: true, method: true, path: true },
    });
    const source = "files" in input.source ? { stream: bytesAsStream(input.source.files) } : input.source;
    plan = await parseAccessLogUpload(
      source,
      input.fileName,
      routes.map((r) => ({ key: r.key, method: r.method ?? "ANY", path: r.path ?? "/" })),
    );
  } else {
    const files =
      "files" in input.source
        ? input.source.files
        : [{ name: input.fileName, bytes: "path" in input.source ? await readFile(input.source.path) : await collect(input.source.stream) }];
    plan = await parseUpload(input.format, files, { kind: input.kind, fileName: input.fileName, includeSkipped: input.includeSkipped });
  }
  return plan;
}

async function* bytesAsStream(files: UploadedFile[]) {
  for (const f of files) yield f.bytes;
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}
