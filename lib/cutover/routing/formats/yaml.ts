/**
 * A small YAML writer for the Traefik and Envoy exports: block style, two-space indent, every
 * string double-quoted in JSON's syntax (which YAML's double-quoted scalars share: `\"`, `\\`,
 * `\n`, `\uXXXX`), so no value can be read as another type, an anchor, a comment or a key. Keys
 * are written bare only when they are plain names. Deterministic: keys in insertion order.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | Flow | { [key: string]: YamlValue };

/**
 * A value written on one line in flow style — JSON, which YAML 1.2 reads as flow collections.
 * For the long lists (a route per line): a diff then shows one line per changed route, and a
 * 50,000-route file is written without a million line strings to collect.
 */
export class Flow {
  /** `json`: the value already serialized, e.g. assembled from cached parts by a generator. */
  constructor(readonly json: string) {}
}
export const flow = (value: unknown) => new Flow(JSON.stringify(value));

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const scalar = (value: string | number | boolean | null): string => (typeof value === "string" ? JSON.stringify(value) : String(value));
/** Keys repeat (every route has a "match" and a "route"): each is checked once. */
const keys = new Map<string, string>();
function key(k: string): string {
  let written = keys.get(k);
  if (written === undefined) {
    written = PLAIN_KEY.test(k) ? k : JSON.stringify(k);
    if (keys.size < 1000) keys.set(k, written);
  }
  return written;
}

function isEmpty(value: YamlValue): boolean {
  if (typeof value !== "object" || value === null || value instanceof Flow) return false;
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
}

export function toYaml(value: YamlValue): string {
  const out: string[] = [];
  write(value, "", "", out);
  return out.join("\n") + "\n";
}

/**
 * Writes `value` at `indent`, one line per element of `out`; the value's first line starts with
 * `lead` instead of `indent` (the "- " of a list item), so nothing is written twice or copied.
 */
function write(value: YamlValue, indent: string, lead: string, out: string[]): void {
  if (value instanceof Flow) {
    out.push(lead + value.json);
    return;
  }
  if (Array.isArray(value)) {
    let first = true;
    for (const item of value) {
      const prefix = first ? lead : indent;
      first = false;
      if (typeof item === "object" && item !== null && !(item instanceof Flow) && !isEmpty(item)) write(item, indent + "  ", `${prefix}- `, out);
      else out.push(`${prefix}- ${inline(item)}`);
    }
    return;
  }
  if (typeof value === "object" && value !== null) {
    let first = true;
    for (const k in value) {
      const v = value[k];
      const prefix = first ? lead : indent;
      first = false;
      if (v instanceof Flow) {
        out.push(`${prefix}${key(k)}: ${v.json}`);
      } else if (typeof v === "object" && v !== null && !isEmpty(v)) {
        out.push(`${prefix}${key(k)}:`);
        // A list under a key sits at the key's indentation; a mapping one level deeper.
        if (Array.isArray(v)) write(v, indent, indent, out);
        else write(v, indent + "  ", indent + "  ", out);
      } else {
        out.push(`${prefix}${key(k)}: ${inline(v)}`);
      }
    }
    return;
  }
  out.push(lead + scalar(value));
}

function inline(value: YamlValue): string {
  if (value instanceof Flow) return value.json;
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object" && value !== null) return "{}";
  return scalar(value);
}
