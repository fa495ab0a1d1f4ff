import Markdown, { type Components } from "react-markdown";
import { NOTE_ELEMENTS, NOTE_LINK_REL, safeNoteUrl } from "@/lib/stewardship/markdown";

/**
 * Server-safe (no hooks, no "use client"): react-markdown renders synchronously to React
 * elements, so this works in a server component and in renderToStaticMarkup alike.
 * The safety rules live in lib/stewardship/markdown.ts.
 */

// Headings in a note sit under the page's own headings: all levels render as one small heading.
const heading: NonNullable<Components["h1"]> = ({ children }) => <h4 className="mt-4 mb-2 text-sm font-semibold text-slate-900 first:mt-0">{children}</h4>;

const components: Components = {
  p: ({ children }) => <p className="my-2 first:mt-0 last:mb-0">{children}</p>,
  // A link whose URL was refused (safeNoteUrl) has no href left: show its text only.
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel={NOTE_LINK_REL} className="break-words underline">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // An image is shown as a link to it: a note does not load third-party images (tracking, mixed content).
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} rel={NOTE_LINK_REL} className="break-words underline">
        {alt || src}
      </a>
    ) : alt ? (
      <span>{alt}</span>
    ) : null,
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 pl-5">{children}</ol>,
  li: ({ children }) => <li className="pl-1">{children}</li>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-4 border-slate-200 pl-3 text-slate-600">{children}</blockquote>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">{children}</code>,
  pre: ({ children }) => (
    <pre className="my-2 overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs [&>code]:bg-transparent [&>code]:p-0">{children}</pre>
  ),
  hr: () => <hr className="my-4 border-slate-200" />,
  h1: heading,
  h2: heading,
  h3: heading,
  h4: heading,
  h5: heading,
  h6: heading,
};

/** A meeting's (or any stewardship) note, Markdown rendered safely. */
export function MarkdownNote({ source, className }: { source: string; className?: string }) {
  return (
    <div className={`text-sm leading-6 text-slate-800 break-words ${className ?? ""}`.trim()}>
      <Markdown skipHtml allowedElements={NOTE_ELEMENTS} unwrapDisallowed urlTransform={safeNoteUrl} components={components}>
        {source}
      </Markdown>
    </div>
  );
}
