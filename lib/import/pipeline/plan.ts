import type { ItemKindName, ParseIssue, TableRecord } from "../types";
import type { FrameworkFinding } from "../parsers/source/routes-from-source";
import type { SamplesByKey } from "../access-log/samples";

/** One item the import wants to exist with these fields (only the fields it knows). */
export type Upsert = {
  kind: ItemKindName;
  key: string;
  fields: TableRecord["fields"];
  /** Keys of items of the next kind down it uses (route → modules, module → dependencies). */
  uses?: string[];
  file: string;
  line: number;
};

/** Source files not read because the app never serves them (tests, docs…), per folder. */
export type SkippedFiles = { folder: string; reason: string; files: number };

/** What a parsed upload asks for, before it is compared with the inventory. */
export type ImportPlan = {
  upserts: Upsert[];
  /** Source code: which framework gave routes in which folder. */
  frameworks?: FrameworkFinding[];
  skipped?: SkippedFiles[];
  /** Source code in a folder: the dependency manifests read with it, and how many dependencies each gave. */
  manifests?: { file: string; format: string; dependencies: number }[];
  /** For access logs: requests per day per route key. */
  traffic?: {
    byKey: Record<string, number>;
    days: number;
    requests: number;
    matched: number;
    unmatched: { method: string; path: string; count: number }[];
    /**
     * Up to 20 distinct logged requests per route key, [target, count]: the brief's samples
     * (ItemRequestSample). In memory only: a stored plan has `sampled` instead and its samples
     * beside it (lib/import/request-samples.ts).
     */
    samples?: SamplesByKey;
    sampled?: boolean;
  };
  issues: ParseIssue[];
  files: number;
};

export const hasErrors = (issues: ParseIssue[]) => issues.some((i) => i.severity === "error");

/** "file:line: message" — how an issue reads in the CLI and in error messages. */
export const describeIssue = (i: ParseIssue) => `${i.file}${i.line ? `:${i.line}` : ""}${i.field ? ` [${i.field}]` : ""}: ${i.message}`;
