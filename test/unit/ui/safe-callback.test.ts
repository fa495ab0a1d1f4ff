import { describe, expect, test } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback";
import { pagePath } from "@/lib/pages/request-path";

describe("the page to come back to after signing in", () => {
  const origin = "https://waypoint.example.com";
  test.each([
    ["/orgs/demo/projects/web/items/abc", "/orgs/demo/projects/web/items/abc"],
    ["/orgs/demo/projects/web/inventory/routes?status=PORTED&q=%2Fuser", "/orgs/demo/projects/web/inventory/routes?status=PORTED&q=%2Fuser"],
    ["https://waypoint.example.com/orgs/demo/progress?kind=ROUTE#burn-up", "/orgs/demo/progress?kind=ROUTE#burn-up"],
    ["https://waypoint.example.com", "/"],
    ["https://evil.example.com/orgs/demo", "/fallback"],
    ["http://waypoint.example.com/orgs/demo", "/fallback"],
    ["//evil.example.com/orgs", "/fallback"],
    ["/\\evil.example.com", "/fallback"],
    ["javascript:alert(1)", "/fallback"],
    ["orgs/demo", "/fallback"],
    ["", "/fallback"],
    [undefined, "/fallback"],
  ])("%s → %s", (value, expected) => {
    expect(safeCallbackUrl(value, "/fallback", origin)).toBe(expected);
  });

  test("without a known origin, only paths are accepted", () => {
    expect(safeCallbackUrl("https://waypoint.example.com/orgs/demo", "/")).toBe("/");
    expect(safeCallbackUrl("/orgs/demo", "/")).toBe("/orgs/demo");
  });
});

describe("the path a signed-out visitor comes back to", () => {
  test.each([
    ["/orgs/demo/projects/web/items/abc", "", "/orgs/demo/projects/web/items/abc"],
    ["/orgs/demo/projects/web/inventory/routes", "?status=PORTED&q=%2Fuser", "/orgs/demo/projects/web/inventory/routes?status=PORTED&q=%2Fuser"],
    // The router's own cache-busting parameter of a client navigation is not part of the page.
    ["/orgs/demo/projects/web/progress", "?_rsc=1x2y3", "/orgs/demo/projects/web/progress"],
    ["/orgs/demo/projects/web/progress", "?kind=ROUTE&_rsc=1x2y3", "/orgs/demo/projects/web/progress?kind=ROUTE"],
  ])("%s%s → %s", (pathname, search, expected) => {
    expect(pagePath({ pathname, search })).toBe(expected);
  });
});
