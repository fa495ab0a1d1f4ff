import { describe, expect, test } from "vitest";
import { addUnmatchedSchema, suggestPattern } from "@/lib/import/unmatched-paths";

describe("suggestPattern", () => {
  test.each([
    ["/wp-login.php", "/wp-login.php"],
    ["/users/42", "/users/<int:id>"],
    ["/users/42/orders/7", "/users/<int:id>/orders/<int:id2>"],
    ["/files/3f2a9c1e-8b7d-4e6f-a1b2-c3d4e5f60718", "/files/<uuid:id>"],
    ["/blobs/9f86d081884c7d659a2feaa0c55ad015", "/blobs/<id>"],
    ["/reports/annual", "/reports/annual"],
    ["/v2/items/", "/v2/items"],
    ["/search?q=1", "/search"],
    ["/", "/"],
  ])("%s → %s", (path, pattern) => {
    expect(suggestPattern(path)).toBe(pattern);
  });
});

describe("addUnmatchedSchema", () => {
  test("upper-cases methods and rejects unknown ones, empty lists and unknown fields", () => {
    expect(addUnmatchedSchema.parse({ routes: [{ method: "get", path: "/a", pattern: "/a" }] }).routes[0].method).toBe("GET");
    expect(addUnmatchedSchema.safeParse({ routes: [{ method: "FETCH", path: "/a", pattern: "/a" }] }).success).toBe(false);
    expect(addUnmatchedSchema.safeParse({ routes: [] }).success).toBe(false);
    expect(addUnmatchedSchema.safeParse({ routes: [{ method: "GET", path: "/a", pattern: "/a", traffic: 9 }] }).success).toBe(false);
  });
});
