/**
 * Values of Laravel's routing as the reader uses them: parameter constraints (`where`,
 * `Route::pattern`), resource options (`only`, `except`), relative file paths, and a URI turned
 * into the canonical form — optional parameters expanded only where Laravel can leave them out.
 */
import { canonicalPath, expandOptional, OPT_CLOSE, OPT_OPEN } from "./common";
import { staticString, type PhpExpr } from "./php-support";

/** `where('id', '[0-9]+')` / `where(['id' => '[0-9]+'])` / `pattern('id', …)` into a map. */
export function addWhere(where: Map<string, string>, args: PhpExpr[]): void {
  if (args[0]?.kind === "array") {
    for (const { key, value } of args[0].items) {
      const k = staticString(key);
      const v = staticString(value);
      if (k !== undefined && v !== undefined) where.set(k, v);
    }
    return;
  }
  const k = staticString(args[0]);
  const v = staticString(args[1]);
  if (k !== undefined && v !== undefined) where.set(k, v);
}

export function listOption(options: PhpExpr | undefined, key: string): string[] | undefined {
  if (options?.kind !== "array") return undefined;
  const item = options.items.find((i) => staticString(i.key) === key);
  return item ? stringList([item.value]) : undefined;
}

export function stringList(args: PhpExpr[]): string[] {
  const source = args[0]?.kind === "array" ? args[0].items.map((i) => i.value) : args;
  return source.map(staticString).filter((s): s is string => s !== undefined);
}

export function normalizeDots(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/**
 * A Laravel URI in canonical form, one entry per variant: `{id}` → `<id>` (`<int:id>` with a
 * digits constraint, `<uuid:id>` with whereUuid), `{post:slug}` (a binding field) → `<post>`,
 * `{id?}` at the end → with and without the segment. An optional parameter with more path after it
 * (`genres/{genre?}/songs`) cannot be left out — the URL without it does not exist — so it is required.
 */
export function laravelPathVariants(uri: string, where: Map<string, string> = new Map()): string[] {
  let opened = 0;
  const PARAM = /(\/?)\{([A-Za-z_][A-Za-z0-9_]*)(?::[A-Za-z_][A-Za-z0-9_]*)?(\?)?\}/g;
  const withParams = uri.replace(PARAM, (m, slash: string, name: string, optional: string | undefined, offset: number) => {
    const constraint = where.get(name);
    const converter = constraint === "uuid" ? "uuid:" : constraint !== undefined && /^(?:\[0-9\]\+|\\d\+)$/.test(constraint) ? "int:" : "";
    const param = `${slash}<${converter}${name}>`;
    const rest = uri.slice(offset + m.length).replace(/\/?\{[A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_][A-Za-z0-9_]*)?\?\}/g, "");
    if (!(optional && rest.replace(/\/+$/, "") === "")) return param;
    opened++; // trailing optional parameters nest: /a/{x?}/{y?} is /a, /a/<x>, /a/<x>/<y> — never /a/<y>
    return OPT_OPEN + param;
  });
  return [...new Set(expandOptional(withParams + OPT_CLOSE.repeat(opened)).map(canonicalPath))];
}
