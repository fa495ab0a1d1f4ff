/**
 * How meeting notes (Markdown) are rendered safely: no script runs from a note. The rendering
 * itself is react-markdown (components/stewardship/markdown-note.tsx), which builds React elements
 * — never innerHTML — so text is escaped by React. On top of that, the options here:
 *
 * - raw HTML in a note is dropped (`skipHtml`), not escaped into view: `<script>` and
 *   `<img onerror>` disappear instead of showing as tag soup;
 * - only the elements plain Markdown needs are kept (NOTE_ELEMENTS); GFM is not enabled, so no
 *   tables or task lists;
 * - a URL (link href, image src) is kept only if absolute http(s) or mailto (safeNoteUrl):
 *   javascript:, data:, vbscript: and relative links go, and the link shows as plain text.
 */

/** The elements a note renders; anything else is unwrapped to its text. */
export const NOTE_ELEMENTS = [
  "p", "br", "strong", "em", "a", "img", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
  "h1", "h2", "h3", "h4", "h5", "h6",
] as const;

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL if it is absolute http, https or mailto; otherwise undefined (react-markdown then drops
 * the attribute). Parsed with the WHATWG URL parser — the browser's own — so tricks such as
 * "java\tscript:", " JAVASCRIPT:" or entity-encoded schemes (decoded by the Markdown parser
 * before this) are judged as the browser would read them. Relative URLs have no base to resolve
 * against in a note and are refused too.
 */
export function safeNoteUrl(url: string): string | undefined {
  const value = url.trim();
  if (!value) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  return SAFE_PROTOCOLS.has(parsed.protocol) ? value : undefined;
}

/** rel of every link in a note: no window.opener, no referrer, and no ranking credit for spam. */
export const NOTE_LINK_REL = "noopener noreferrer nofollow";
