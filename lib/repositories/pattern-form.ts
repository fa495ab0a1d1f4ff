/** The Settings → Patterns form's fields as the input of createPattern / updatePattern. */
import { PATTERN_LANGUAGES } from "./patterns";

export const FORM_LANGUAGES = Object.keys(PATTERN_LANGUAGES);

const list = (text: string | undefined, separator: RegExp) =>
  (text ?? "")
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

/** The form's strings as the body createPattern / updatePattern take (a target that is not a number is left for the schema to refuse). */
export function patternFromForm(fields: Record<string, string>, options: { update?: boolean } = {}): Record<string, unknown> {
  const kind = fields.kind === "ast-grep" ? "ast-grep" : "regex";
  const target = (fields.target ?? "").trim();
  const out: Record<string, unknown> = {
    name: fields.name ?? "",
    kind,
    languages: FORM_LANGUAGES.filter((l) => fields[`language_${l}`] === "on"),
    extensions: list(fields.extensions, /[\s,]+/),
    folders: list(fields.folders, /\n/),
  };
  if (!options.update && (fields.slug ?? "").trim()) out.slug = fields.slug.trim();
  if (kind === "regex") Object.assign(out, { source: fields.source ?? "", flags: fields.ignoreCase === "on" ? "i" : "" });
  else Object.assign(out, { rule: fields.rule ?? "", language: fields.language || undefined });
  if (target !== "") out.target = /^\d+$/.test(target) ? Number(target) : target;
  return out;
}
