import type { ItemKindName } from "../types";

/** Every import format, as chosen in the UI, the API (`format=`) and the CLI (`--format`). */
export const IMPORT_FORMATS = {
  csv: { label: "CSV table", produces: "table", needsKind: true },
  json: { label: "JSON table or inventory", produces: "table", needsKind: false },
  source: { label: "Routes from source code (detect the framework)", produces: "ROUTE", needsKind: false },
  flask: { label: "Routes: Flask", produces: "ROUTE", needsKind: false },
  fastapi: { label: "Routes: FastAPI", produces: "ROUTE", needsKind: false },
  django: { label: "Routes: Django urls.py", produces: "ROUTE", needsKind: false },
  express: { label: "Routes: Express", produces: "ROUTE", needsKind: false },
  rails: { label: "Routes: Rails config/routes.rb", produces: "ROUTE", needsKind: false },
  laravel: { label: "Routes: Laravel routes/*.php", produces: "ROUTE", needsKind: false },
  requirements: { label: "Dependencies: requirements.txt / pip freeze", produces: "DEPENDENCY", needsKind: false },
  "package-json": { label: "Dependencies: package.json", produces: "DEPENDENCY", needsKind: false },
  "composer-json": { label: "Dependencies: composer.json", produces: "DEPENDENCY", needsKind: false },
  "gemfile-lock": { label: "Dependencies: Gemfile.lock", produces: "DEPENDENCY", needsKind: false },
  "access-log": { label: "Traffic: access log (combined/common, plain or .gz)", produces: "traffic", needsKind: false },
} as const satisfies Record<string, { label: string; produces: ItemKindName | "table" | "traffic"; needsKind: boolean }>;

export type ImportFormat = keyof typeof IMPORT_FORMATS;
export const IMPORT_FORMAT_NAMES = Object.keys(IMPORT_FORMATS) as ImportFormat[];

/** Upload limits: an access log streams (any size); everything else is read whole. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Longest line accepted in a source file, manifest or table. */
export const MAX_LINE_LENGTH = 1024 * 1024;
