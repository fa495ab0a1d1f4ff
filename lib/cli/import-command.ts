import fs from "node:fs";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { kindFromSegment } from "@/lib/inventory/labels";
import { IMPORT_FORMAT_NAMES, MAX_UPLOAD_BYTES, type ImportFormat } from "@/lib/import/pipeline/formats";
import { previewUpload } from "@/lib/import/pipeline/preview-upload";
import { commitImport, type ImportSummary } from "@/lib/import/pipeline/import-batches";
import { describeIssue } from "@/lib/import/pipeline/plan";
import type { UploadedFile } from "@/lib/import/pipeline/parse-upload";
import type { ItemKindName, ParseIssue } from "@/lib/import/types";
import { parseOptions } from "./args";
import { operatorProject } from "./operator-project";
import { CliError } from "./cli-error";

const SKIP_DIRS = new Set(["node_modules", ".git", "vendor", "__pycache__", ".venv", "venv", "dist", "build", ".next"]);

/** A folder is read recursively (skipping dependencies and build output); a file as it is. */
function readUploads(target: string): UploadedFile[] {
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
        total += fs.statSync(full).size;
        if (total > MAX_UPLOAD_BYTES) throw new CliError(`${target} holds more than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB of files; point at the source folder itself.`);
        files.push({ name: path.relative(target, full).split(path.sep).join("/"), bytes: fs.readFileSync(full) });
      }
    }
  };
  walk(target);
  return files;
}

function printIssues(issues: ParseIssue[]) {
  for (const issue of issues.slice(0, 50)) console.error(`  ${issue.severity === "error" ? "error" : "warning"}  ${describeIssue(issue)}`);
  if (issues.length > 50) console.error(`  … and ${issues.length - 50} more`);
}

function printSummary(s: ImportSummary) {
  console.log(`  new ${s.new} · changed ${s.changed} · unchanged ${s.unchanged}${s.restored ? ` · restored ${s.restored}` : ""}${s.relations ? ` · relations ${s.relations}` : ""}${s.warnings ? ` · warnings ${s.warnings}` : ""}`);
  if (s.teamsToCreate.length) console.log(`  teams to create: ${s.teamsToCreate.join(", ")}`);
  if (s.traffic) {
    console.log(`  ${s.traffic.requests.toLocaleString("en")} requests over ${s.traffic.days} day(s); ${s.traffic.matched.toLocaleString("en")} matched a route`);
    for (const u of s.traffic.unmatched.slice(0, 10)) console.log(`    unmatched: ${u.count.toLocaleString("en")} × ${u.method} ${u.path}`);
  }
}

/** `waypoint import --project <slug> --format <f> [--kind routes|modules|dependencies] [--org <slug>] [--dry-run] <file|folder>` */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    project: { type: "string" },
    org: { type: "string" },
    format: { type: "string" },
    kind: { type: "string" },
    "dry-run": { type: "boolean" },
  });
  const target = positionals[0];
  if (!values.project || !values.format || !target) {
    throw new CliError(`import needs --project <slug>, --format <${IMPORT_FORMAT_NAMES.join("|")}> and a file or folder.`);
  }
  if (!IMPORT_FORMAT_NAMES.includes(values.format as ImportFormat)) throw new CliError(`Unknown format "${values.format}". Use one of: ${IMPORT_FORMAT_NAMES.join(", ")}.`);
  const format = values.format as ImportFormat;
  const kind = values.kind ? (kindFromSegment(values.kind) as ItemKindName | null) : undefined;
  if (kind === null) throw new CliError("--kind is routes, modules or dependencies.");

  const db = await getDb();
  const { projectId, ctx } = await operatorProject(db, values.project, values.org);
  const source = format === "access-log" && fs.statSync(target, { throwIfNoEntry: false })?.isFile()
    ? { path: target }
    : { files: readUploads(target) };

  let preview;
  try {
    preview = await previewUpload(db, ctx, projectId, { format, kind, fileName: path.basename(target), source });
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_input" && error.details?.issues) {
      console.error(`waypoint import: ${error.message}`);
      printIssues(error.details.issues as ParseIssue[]);
      return 1;
    }
    throw error;
  }
  console.log(`Preview of ${path.basename(target)} (${format}):`);
  printSummary(preview.summary);
  printIssues(preview.issues);
  if (values["dry-run"]) {
    console.log("Dry run: nothing was written.");
    return 0;
  }
  const committed = await commitImport(db, ctx, projectId, preview.id);
  console.log(`Committed: ${committed.summary.new} new, ${committed.summary.changed} changed, ${committed.summary.unchanged} unchanged.`);
  return 0;
}
