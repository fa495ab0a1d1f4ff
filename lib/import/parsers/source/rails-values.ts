/**
 * Values of the Rails routing DSL as the interpreter reads them: literal strings and symbols,
 * option lists (`only: %i[index show]`), controller modules, digit constraints, and a Rails path
 * turned into the canonical form with every optional-group variant.
 */
import { canonicalPath, expandOptional, OPT_CLOSE, OPT_OPEN } from "./common";
import type { RbArgs, RbValue } from "./ruby-support";

/** Parameters constrained to digits (`constraints: { id: /\d+/ }`) → `<int:id>`; carried by the scope. */
export type IntParams = Set<string>;

/** A static string or symbol value. */
export function literal(v: RbValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === "str") return v.dynamic ? undefined : v.value;
  if (v.kind === "sym") return v.value;
  if (v.kind === "name" && (v.value === "true" || v.value === "false")) return v.value;
  return undefined;
}

/** `:index`, `[:index, :show]`, `%i[index show]` → names. */
export function valueList(v: RbValue): string[] {
  return valueListValues(v)
    .map(literal)
    .filter((s): s is string => s !== undefined);
}

export function valueListValues(v: RbValue): RbValue[] {
  return v.kind === "list" ? v.items : [v];
}

export function joinModule(a: string, b: string): string {
  return [a, b].filter(Boolean).join("/");
}

export function qualify(module: string, controller: string): string {
  if (controller.startsWith("/")) return controller.slice(1); // an absolute controller ignores namespaces
  return joinModule(module, controller);
}

/** Adds digit-only parameter constraints (`id: /\d+/`) from a constraints hash or segment options. */
export function withConstraints<S extends { intParams: IntParams }>(scope: S, constraints: RbValue | undefined, args: RbArgs): S {
  const found = new Set(scope.intParams);
  const scan = (options: Map<string, RbValue>) => {
    for (const [key, value] of options) {
      if (value.kind === "regex" && /^(?:\\d\+|\[0-9\]\+)$/.test(value.value)) found.add(key);
    }
  };
  if (constraints?.kind === "hash") scan(constraints.args.options);
  scan(args.options);
  return found.size === scope.intParams.size ? scope : { ...scope, intParams: found };
}

/**
 * A Rails path in canonical form, one entry per variant: `:id` → `<id>` (`<int:id>` when
 * constrained to digits), `*rest` → `<path:rest>`, `(...)` optional groups → with and without,
 * `(.:format)` dropped.
 */
export function railsPathVariants(path: string, intParams: Set<string> = new Set()): string[] {
  const p = path.replace(/\(\.:format\)/g, "").replace(/\.:format$/, "");
  let out = "";
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if ((c === ":" || c === "*") && /[A-Za-z_]/.test(p[i + 1] ?? "")) {
      let j = i + 1;
      while (j < p.length && /\w/.test(p[j])) j++;
      const name = p.slice(i + 1, j);
      out += c === "*" ? `<path:${name}>` : intParams.has(name) ? `<int:${name}>` : `<${name}>`;
      i = j;
    } else {
      out += c === "(" ? OPT_OPEN : c === ")" ? OPT_CLOSE : c;
      i++;
    }
  }
  return [...new Set(expandOptional(out).map(canonicalPath))];
}
