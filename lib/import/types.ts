/**
 * The contract between the import parsers (pure functions, no I/O, no database) and the import
 * pipeline (preview → commit). Every parser returns records plus issues; an issue names the file,
 * the line (1-based) and, for tables, the field, so the user can find and fix it.
 *
 * ROUTE PATTERNS have one canonical form, whatever the framework wrote:
 *   - always starts with "/", no trailing slash except the root "/" itself, no query string;
 *   - literal segments as written ("/user/settings");
 *   - parameters as `<name>` or `<converter:name>`, converter one of
 *     int | float | slug | uuid | path | string   (path matches the rest of the URL, slashes included);
 *     Express/Rails `:id` → `<id>`, Rails `*rest` → `<path:rest>`, FastAPI/Laravel `{id}` → `<id>`,
 *     `{id?}` (optional) → `<id>` (and the parser may also emit the route without it),
 *     Laravel `{id}` with `->where('id', '[0-9]+')` → `<int:id>`;
 *   - a pattern that cannot be expressed so (a Django `re_path` with a complex regex) is kept as a
 *     regular expression source that starts with "^/" (e.g. `^/archive/(?P<year>[0-9]{4})/$`);
 *     the matcher compiles those as regular expressions against the path.
 * METHODS are upper case: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, or "ANY" for a route that
 * accepts every method (Flask without `methods=`, is GET — not ANY; Django has no methods: ANY).
 */

export type SourceFile = { path: string; text: string };

export type ParseIssue = {
  file: string;
  /** 1-based line, when the issue is about one line. */
  line?: number;
  /** The column or field name, for tables. */
  field?: string;
  message: string;
  /** "error" rejects the import; "warning" is reported but does not block it. */
  severity: "error" | "warning";
};

export type ParseResult<T> = { records: T[]; issues: ParseIssue[] };

export type RouteRecord = {
  method: string;
  path: string;
  /** "module.function", "Controller@action", "controller#action" — as the framework names it. */
  handler?: string;
  /** The source module the handler lives in, when known (a Python module path, a file path). */
  module?: string;
  file: string;
  line: number;
};

export type Ecosystem = "pypi" | "npm" | "composer" | "rubygems";

export type DependencyRecord = {
  name: string;
  /** The version the legacy system uses now, exact when the manifest pins it, else the constraint text. */
  currentVersion?: string;
  ecosystem: Ecosystem;
  /** Development-only dependency (devDependencies, require-dev, a test group). */
  dev?: boolean;
  file: string;
  line: number;
};

export type ItemKindName = "ROUTE" | "MODULE" | "DEPENDENCY";
export type PortStatusName = "NOT_STARTED" | "IN_PROGRESS" | "PORTED" | "VERIFIED" | "RETIRED" | "WONT_PORT";
export type ServedByName = "LEGACY" | "NEW" | "SHADOW";
export type ReadinessName = "UNKNOWN" | "COMPATIBLE" | "UPGRADE_NEEDED" | "REPLACE" | "REMOVE";

/**
 * One row of a CSV or JSON inventory table, validated and normalised. Only the columns present
 * in the file are set: an absent column never overwrites what the inventory already holds.
 * The documented columns (CSV header names; JSON uses the same names as keys, or camelCase):
 *   routes:        method, path, handler, module, traffic_per_day, complexity, size, test_coverage,
 *                  owner, status, status_reason, served_by, notes, links, modules
 *   modules:       path, size, complexity, test_coverage, owner, status, status_reason, notes, links, dependencies
 *   dependencies:  name, current_version, target_version, readiness, replacement, owner, notes, links
 * `modules` and `dependencies` (and `links`) are lists separated by ";" (CSV) or arrays (JSON):
 * they are the relations "route uses module" and "module needs dependency".
 * `test_coverage` is none | some | good, or a percentage 0–100 ("85" or "85%"); stored as a
 * percentage: none = 0, some = 40, good = 80.
 */
export type TableRecord = {
  kind: ItemKindName;
  file: string;
  line: number;
  /** The identity: routes "METHOD /canonical/path", modules their path, dependencies their name. */
  key: string;
  fields: {
    method?: string;
    path?: string;
    name?: string;
    handler?: string;
    module?: string;
    trafficPerDay?: number;
    complexity?: number;
    size?: number;
    testCoverage?: number;
    owner?: string;
    status?: PortStatusName;
    statusReason?: string;
    servedBy?: ServedByName;
    notes?: string;
    links?: string[];
    currentVersion?: string;
    targetVersion?: string;
    readiness?: ReadinessName;
    replacement?: string;
  };
  /** Keys of related items: modules a route uses, dependencies a module needs. */
  uses?: string[];
};
