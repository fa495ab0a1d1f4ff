import { describe, expect, test } from "vitest";
import { linksSchema, safeLink } from "@/lib/validation/links";
import { safeNoteUrl } from "@/lib/stewardship/markdown";
import { createItemSchemas } from "@/lib/inventory/schemas";

describe("the one link rule", () => {
  test.each([
    ["https://tracker.example.com/T-1", "https://tracker.example.com/T-1"],
    ["  http://wiki.example.com/a  ", "http://wiki.example.com/a"],
    ["mailto:platform@example.com", "mailto:platform@example.com"],
    ["HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM"],
    ["javascript:alert(1)", undefined],
    [" JavaScript:alert(1)", undefined],
    ["java\tscript:alert(1)", undefined],
    ["java\nscript:alert(1)", undefined],
    ["data:text/html,<script>alert(1)</script>", undefined],
    ["vbscript:msgbox(1)", undefined],
    ["file:///etc/passwd", undefined],
    ["ftp://files.example.com", undefined],
    ["http:evil.example.com", undefined],
    ["//evil.example.com", undefined],
    ["/relative", undefined],
    ["", undefined],
    [`https://example.com/${"a".repeat(2000)}`, undefined],
  ])("21.12 %j → %j, the same for item links and note links", (url, expected) => {
    expect(safeLink(url)).toBe(expected);
    expect(safeNoteUrl(url)).toBe(expected);
    expect(linksSchema.safeParse([url]).success).toBe(expected !== undefined);
    expect(createItemSchemas.MODULE.safeParse({ path: "app/a", links: [url] }).success).toBe(expected !== undefined);
  });
});
