/**
 * How meeting notes (Markdown) are rendered safely: no script runs from a note. The rendering
 * itself is react-markdown (components/stewardship/markdown-note.tsx), which builds React elements
 * — never innerHTML — so text is escaped by React. On top of that, the options here:
 *
 * - raw HTML in a note is dropped (`skipHtml`), not escaped into view: `<script>` and
 *   `<img onerror>` disappear instead of showing as tag soup;
 * - only the elements plain Markdown needs are kept (NOTE_ELEMENTS); GFM is not enabled, so no
 *   tables or task lists;
 * - a URL (link href, image src) is kept only if absolute http(s) or mailto (safeNoteUrl, the app's one link rule):
 *   javascript:, data:, vbscript: and relative links go, and the link shows as plain text.
 */

import { safeLink } from "@/lib/validation/links";

/** The elements a note renders; anything else is unwrapped to its text. */
export const NOTE_ELEMENTS = [
  "p",
  "br",
  "strong",
  "em",
  "a",
  "img",
  "ul",
  "ol",
  "li",
  "blockquote",
  "code",
  "pre",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
] as const;

/**
 * The URL if it is absolute http, https or mailto; otherwise undefined (react-markdown then drops
 * the attribute). The one link rule of the app (lib/validation/links.ts), applied after the
 * Markdown parser has decoded entities. Relative URLs have no base in a note and are refused too.
 */
export const safeNoteUrl = (url: string): string | undefined => safeLink(url);

/** rel of every link in a note: no window.opener, no referrer, and no ranking credit for spam. */
export const NOTE_LINK_REL = "noopener noreferrer nofollow";
