/**
 * The check of a regular expression the Settings → Patterns form runs as one types: the same RE2
 * engine and refusals as the scan's (lib/repositories/patterns.ts, which also holds server-only
 * parts), so a bad pattern shows at its field before it is sent. The server checks again on save.
 */
import { RE2JS } from "re2js";

/** Why the scan would refuse this regular expression, in words; null when it is fine (or empty). */
export function regexProblem(source: string, ignoreCase: boolean): string | null {
  if (source === "") return null;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const why = /\(\?[=!<]|\\[1-9]/.test(source) ? " (look-around and back-references are not supported by the linear-time engine)" : "";
    return `Not a valid regular expression${why}: ${detail}`;
  }
  if (re.matcher("").find()) return "Matches empty text, so it would count every position: make it match at least one character.";
  return null;
}
