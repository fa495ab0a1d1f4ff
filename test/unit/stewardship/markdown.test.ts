import { describe, expect, test } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MarkdownNote } from "@/components/stewardship/markdown-note";
import { safeNoteUrl } from "@/lib/stewardship/markdown";

const render = (source: string) => renderToStaticMarkup(createElement(MarkdownNote, { source }));
const LINK = 'rel="noopener noreferrer nofollow" class="break-words underline"';

describe("MarkdownNote", () => {
  const html = render(
    [
      "Agreed to **port checkout first**, see [the plan](https://example.com/plan?x=1).",
      "",
      "<script>alert(1)</script>",
      "",
      "<img src=x onerror=alert(1)>",
      "",
      "[x](javascript:alert(1))",
      "",
      "- one",
      "- two `code`",
    ].join("\n"),
  );

  test.each(["<script", "onerror", "javascript:", "alert(1)", "<img"])("drops %s", (bad) => {
    expect(html.toLowerCase()).not.toContain(bad);
  });

  test.each([
    `<p class="my-2 first:mt-0 last:mb-0">Agreed to <strong>port checkout first</strong>, see <a href="https://example.com/plan?x=1" ${LINK}>the plan</a>.</p>`,
    // The refused link keeps its text, without an href.
    `<p class="my-2 first:mt-0 last:mb-0"><span>x</span></p>`,
    `<ul class="my-2 list-disc space-y-1 pl-5">\n<li class="pl-1">one</li>\n<li class="pl-1">two <code class="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">code</code></li>\n</ul>`,
  ])("renders %s", (fragment) => {
    expect(html).toContain(fragment);
  });

  test.each([
    // Markdown, → an exact fragment of the output.
    ['Raw <b onclick="x()">inline</b> HTML', `<p class="my-2 first:mt-0 last:mb-0">Raw inline HTML</p>`],
    ["[t](java&#x09;script:alert(1)) [u](JAVASCRIPT:alert(1))", `<p class="my-2 first:mt-0 last:mb-0"><span>t</span> <span>u</span></p>`],
    ["[mail](mailto:team@example.com)", `<a href="mailto:team@example.com" ${LINK}>mail</a>`],
    ["[page](/orgs/acme)", `<span>page</span>`],
    ["![diagram](https://example.com/d.png)", `<a href="https://example.com/d.png" ${LINK}>diagram</a>`],
    ["![x](data:image/svg+xml;base64,PHN2Zz4=)", `<p class="my-2 first:mt-0 last:mb-0"><span>x</span></p>`],
    ["```\n<script>x</script>\n```", `<code class="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">&lt;script&gt;x&lt;/script&gt;\n</code>`],
    ["# Heading", `<h4 class="mt-4 mb-2 text-sm font-semibold text-slate-900 first:mt-0">Heading</h4>`],
  ])("%j → %s", (source, fragment) => {
    const out = render(source);
    expect(out).toContain(fragment);
    expect(out).not.toMatch(/<script|onerror|onclick|onload|href="(?!https?:|mailto:)/i);
  });

  test("an empty note renders an empty container", () => {
    expect(render("")).toBe('<div class="text-sm leading-6 text-slate-800 break-words"></div>');
  });
});

describe("safeNoteUrl", () => {
  test.each([
    ["https://example.com/a?b=1#c", "https://example.com/a?b=1#c"],
    ["http://example.com", "http://example.com"],
    ["  https://example.com  ", "https://example.com"],
    ["mailto:a@example.com", "mailto:a@example.com"],
    ["javascript:alert(1)", undefined],
    ["JavaScript:alert(1)", undefined],
    [" java\tscript:alert(1)", undefined],
    ["vbscript:msgbox(1)", undefined],
    ["data:text/html,<script>alert(1)</script>", undefined],
    ["/relative/path", undefined],
    ["#anchor", undefined],
    ["", undefined],
  ])("%j → %j", (url, expected) => {
    expect(safeNoteUrl(url)).toBe(expected);
  });
});
