/**
 * Code in a repository that an application never serves: dependencies, build output, tests,
 * fixtures, documentation, examples and static assets (a snippet folder such as
 * `data/static/codefixes/*.ts` holds code shown to users, not routes). An import of a whole
 * repository skips these by default and lists what it skipped; the user can ask for everything.
 */

export type NeverServed = { folder: string; reason: string };

/** [folder name, reason, deepest position where the name means that (undefined: anywhere)] */
const FOLDERS: Array<[RegExp, string, number?]> = [
  [/^(?:node_modules|vendor|bower_components|site-packages|venv|\.venv|__pycache__|jspm_packages)$/, "dependencies"],
  [/^(?:dist|build|coverage|\.next|\.nuxt|htmlcov)$/, "build output"],
  [/^(?:tests?|__tests__|specs?|e2e|cypress|playwright|testing)$/i, "tests"],
  [/^(?:fixtures|__fixtures__|testdata|test_data|__mocks__|mocks)$/i, "test fixtures"],
  // only near the top: deeper, `docs` is as likely a package (a Google Docs plugin) as documentation
  [/^(?:docs?|documentation)$/i, "documentation", 1],
  [/^(?:examples?|samples?)$/i, "examples", 1],
  [/^(?:static|public|assets|codefixes)$/i, "static files"],
  [/^\./, "hidden folder"],
];

/** Test files by name, wherever they are: `users.test.ts`, `test_users.py`, `users_test.py`, `users_spec.rb`. */
const TEST_FILE = /(\.(test|spec)\.[cm]?[jt]sx?$)|((^|\/)test_[^/]*\.py$)|(_test\.py$)|(_spec\.rb$)|((^|\/)conftest\.py$)/;

/**
 * Why a file (a forward-slash path relative to the upload) is never served, naming the outermost
 * folder that says so ("" for test files found by their name); undefined for a file that may be served.
 */
export function neverServed(path: string): NeverServed | undefined {
  const segments = path.split("/");
  for (let i = 0; i < segments.length - 1; i++) {
    for (const [pattern, reason, deepest] of FOLDERS) {
      if ((deepest === undefined || i <= deepest) && pattern.test(segments[i])) return { folder: segments.slice(0, i + 1).join("/"), reason };
    }
  }
  if (TEST_FILE.test(path)) return { folder: "", reason: "test files (by name)" };
  return undefined;
}
