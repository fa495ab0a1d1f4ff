/**
 * A small YAML writer for the Traefik and Envoy exports: block style, two-space indent, every
 * string double-quoted in JSON's syntax (which YAML's double-quoted scalars share: `\"`, `\\`,
 * `\n`, `\uXXXX`), so no value can be read as another type, an anchor, a comment or a key. Keys
 * are written bare only when they are plain names. Deterministic: keys in insertion order.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const scalar = (value: string | number | boolean | null): string => (typeof value === "string" ? JSON.stringify(value) : String(value));
const key = (k: string): string => (PLAIN_KEY.test(k) ? k : JSON.stringify(k));

const isEmpty = (value: YamlValue): boolean => typeof value === "object" && value !== null && (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);

export function toYaml(value: YamlValue): string {
  const out: string[] = [];
  write(value, "", out);
  return out.join("\n") + "\n";
}

function write(value: YamlValue, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "object" && item !== null && !isEmpty(item)) {
        const inner: string[] = [];
        write(item, indent + "  ", inner);
        // The first line of the item goes after its "- ".
        out.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
      } else {
        out.push(`${indent}- ${inline(item)}`);
      }
    }
    return;
  }
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "object" && v !== null && !isEmpty(v)) {
        out.push(`${indent}${key(k)}:`);
        write(v, Array.isArray(v) ? indent : indent + "  ", out);
      } else {
        out.push(`${indent}${key(k)}: ${inline(v)}`);
      }
    }
    return;
  }
  out.push(indent + scalar(value));
}

function inline(value: YamlValue): string {
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object" && value !== null) return "{}";
  return scalar(value);
}
