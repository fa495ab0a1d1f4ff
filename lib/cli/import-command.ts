import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { kindFromSegment } from "@/lib/inventory/labels";
import { IMPORT_FORMAT_NAMES, MAX_UPLOAD_BYTES, type ImportFormat } from "@/lib/import/pipeline/formats";
import { dryRunUpload, previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport, type ImportSummary, type PreviewItem } from "@/lib/import/pipeline/preview-and-commit";
import { relevantTo, type UploadedFile } from "@/lib/import/pipeline/parse-upload";
import type { ItemKindName, ParseIssue } from "@/lib/import/types";
import { parseOptions } from "./args";
import { operatorProject } from "./operator-project";
import { CliError } from "./cli-error";
import { collectGarbage } from "./collect-garbage";
import { issueLines, itemLines, jsonReport, summaryLines } from "./import-report";

const SKIP_DIRS = new Set(["node_modules", ".git", "vendor", "__pycache__", ".venv", "venv", "dist", "build", ".next"]);

/**
 * A folder is read recursively (skipping dependencies and build output), and only the files the
 * format can use (plus zips, which may hold them); a file is read as it is.
 */
function readUploads(target: string, wanted: (name: string) => boolean): UploadedFile[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new CliError(`No such file or folder: ${target}`);
  if (stat.isFile()) return [{ name: path.basename(target), bytes: fs.readFileSync(target) }];
  const files: UploadedFile[] = [];
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile()) {
        const name = path.relative(target, full).split(path.sep).join("/");
        if (!wanted(name) && !/\.zip$/i.test(name)) continue;
        total += fs.statSync(full).size;
        if (total > MAX_UPLOAD_BYTES)
          throw new CliError(`${target} holds more than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB of files; point at the source folder itself.`);
        files.push({ name, bytes: fs.readFileSync(full) });
      }
    }
  };
  walk(target);
  return files;
}

/**
 * `waypoint import --project <slug> --format <f> [--kind routes|modules|dependencies] [--org <slug>]
 * [--dry-run] [--list] [--json] [--include-skipped] <file|folder>`
 */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    format: { type: "string" },
    kind: { type: "string" },
    "dry-run": { type: "boolean" },
    list: { type: "boolean" },
    json: { type: "boolean" },
    "include-skipped": { type: "boolean" },
  });
  const target = positionals[0];
  if (!values.project || !values.format || !target) {
    throw new CliError(`import needs --project <slug>, --format <${IMPORT_FORMAT_NAMES.join("|")}> and a file or folder.`);
  }
  if (!IMPORT_FORMAT_NAMES.includes(values.format as ImportFormat))
    throw new CliError(`Unknown format "${values.format}". Use one of: ${IMPORT_FORMAT_NAMES.join(", ")}.`);
  const format = values.format as ImportFormat;
  const kind = values.kind ? (kindFromSegment(values.kind) as ItemKindName | null) : undefined;
  if (kind === null) throw new CliError("--kind is routes, modules or dependencies.");
  const json = values.json === true;
  const list = values.list === true;
  // With --json, stdout holds the JSON document alone.
  const say = (line: string) => (json ? undefined : console.log(line));

  const db = await getDb();
  const { projectId, ctx } = await operatorProject(db, values.project, values.org);
  const source =
    format === "access-log" && fs.statSync(target, { throwIfNoEntry: false })?.isFile()
      ? { path: target }
      : { files: readUploads(target, format === "access-log" ? () => true : relevantTo(format)) };

  let preview;
  const upload = { format, kind, fileName: path.basename(path.resolve(target)), source, includeSkipped: values["include-skipped"] === true };
  try {
    // a dry run is never committed: its preview is computed and shown, not stored
    preview = values["dry-run"]
      ? await dryRunUpload(db, ctx, projectId, upload, { listItems: json || list, afterReading: collectGarbage })
      : await previewUpload(db, ctx, projectId, upload, { listItems: json || list, afterReading: collectGarbage });
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_input" && error.details?.issues) {
      const details = error.details as { issues: ParseIssue[]; summary?: ImportSummary; items?: PreviewItem[] };
      if (json) {
        console.log(JSON.stringify(jsonReport(details.summary, details.items ?? [], details.issues, true), null, 2));
        return 1;
      }
      console.error(`waypoint import: ${error.message}`);
      if (details.summary) summaryLines(details.summary).forEach((l) => console.error(l));
      if (list && details.items) itemLines(details.items).forEach((l) => console.error(l));
      issueLines(details.issues, { all: list }).forEach((l) => console.error(l));
      return 1;
    }
    throw error;
  }
  if (json) {
    console.log(JSON.stringify(jsonReport(preview.summary, preview.items ?? [], preview.issues, false), null, 2));
  } else {
    say(`Preview of ${path.basename(path.resolve(target))} (${format}):`);
    summaryLines(preview.summary).forEach(say);
    if (list) itemLines(preview.items ?? []).forEach(say);
    issueLines(preview.issues, { all: list }).forEach((l) => console.error(l));
  }
  if (preview.id === null) {
    say("Dry run: nothing was written.");
    return 0;
  }
  collectGarbage();
  const committed = await commitImport(db, ctx, projectId, preview.id);
  say(`Committed: ${committed.summary.new} new, ${committed.summary.changed} changed, ${committed.summary.unchanged} unchanged.`);
  return 0;
}
