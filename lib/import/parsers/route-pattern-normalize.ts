/**
 * Brings a route path typed by a person (an inventory table, a spreadsheet export, `rails routes`
 * output) to the CANONICAL ROUTE PATTERN of ../types.ts:
 *
 *   users/:id/          → /users/<id>             (Express, Rails)
 *   /users/{id}         → /users/<id>             (FastAPI, Laravel; `{id?}` too)
 *   /files/{p:path}     → /files/<path:p>         (Starlette converters; `str` is `string`)
 *   /items/:id(\d+)     → /items/<int:id>         (Express regex parameter for digits)
 *   /posts/*rest        → /posts/<path:rest>      (Rails glob)
 *   /users/:id(.:format)→ /users/<id>             (Rails format suffix dropped)
 *   https://x.org/a?b=1 → /a                      (origin, query and fragment dropped)
 *   ^archive/(\d+)/$    → ^/archive/(\d+)/$       (a regular expression stays one)
 *
 * Framework parsers know more (Laravel `->where`, Django `re_path`); this covers what people type.
 */

const CONVERTERS = new Set(["int", "float", "slug", "uuid", "path", "string"]);
const CONVERTER_ALIASES: Record<string, string> = { str: "string", guid: "uuid", integer: "int" };
const DIGITS = /^(?:\\d\+|\[0-9\]\+)$/;

/**
 * One alternation so a parameter is converted exactly once:
 *   1,2  <converter:name> or <name>
 *   3,4  {name}, {name?}, {name:converter-or-regex}
 *   5,6  :name, :name?, :name(regex) — only at the start of a segment or after "." or "-"
 *   7    *name — a whole-segment glob
 */
const PARAMETER =
  /<(?:([^<>]+):)?([A-Za-z_][A-Za-z0-9_]*)>|\{([A-Za-z_][A-Za-z0-9_]*)\??(?::([^{}]+))?\}|(?<=^|[/.-]):([A-Za-z_][A-Za-z0-9_]*)(?:\(((?:[^()]|\([^()]*\))*)\))?\??|(?<=^|\/)\*([A-Za-z_][A-Za-z0-9_]*)/g;

export function normalizeRoutePattern(input: string): string {
  let path = input.trim();
  if (path.startsWith("^")) return path.startsWith("^/") ? path : "^/" + path.slice(1);

  path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  // A query string starts at a "?" followed by something; "?" before "/", ")", "}" or at the end
  // marks an optional parameter (`:id?`, `{id?}`) and is dealt with below.
  path = path.replace(/\?(?!$|[/)}]).*$/, "").replace(/#.*$/, "");
  path = path.replace(/\(\.:format\)/g, "");
  path = path.replace(PARAMETER, (_, conv, name, braceName, braceConv, colonName, colonRegex, globName) => {
    if (name) return param(converterOf(conv), name);
    if (braceName) return param(converterOf(braceConv), braceName);
    if (colonName) return param(colonRegex && DIGITS.test(colonRegex) ? "int" : undefined, colonName);
    return param("path", globName);
  });
  // A "?" left over ends the path: an empty query string ("/search?").
  path = path.replace(/\?.*$/, "");
  // What is left of Rails optional groups, "(/:locale)", is just the brackets.
  path = path.replace(/[()]/g, "");

  const segments = path.split("/").filter((s) => s !== "");
  return "/" + segments.join("/");
}

function converterOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const name = CONVERTER_ALIASES[raw] ?? raw;
  if (CONVERTERS.has(name)) return name;
  return DIGITS.test(raw) ? "int" : undefined; // `{id:\d+}`; any other regex or converter: a plain parameter
}

function param(converter: string | undefined, name: string): string {
  return converter ? `<${converter}:${name}>` : `<${name}>`;
}
