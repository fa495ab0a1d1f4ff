import { describe, expect, test } from "vitest";
import { countsByModule, moduleScope } from "@/lib/repositories/module-counts";

describe("a module's files, from its key", () => {
  test.each([
    ["app/billing", { kind: "folder", path: "app/billing" }],
    ["./app/billing/", { kind: "folder", path: "app/billing" }],
    ["users/views.py", { kind: "file", path: "users/views.py" }],
    ["controllers/users.js", { kind: "file", path: "controllers/users.js" }],
    ["shop.views", { kind: "python", path: "shop/views" }],
    ["app.py", { kind: "file", path: "app.py" }],
    ["docs.v2", { kind: "python", path: "docs/v2" }],
    ["", null],
    [".", null],
  ])("%j → %j", (key, scope) => {
    expect(moduleScope(key)).toEqual(scope);
  });

  test("each file counts for its most specific module only; files outside every module for none", () => {
    const counts = {
      "shop/views.py": { six: [1, 2] },
      "shop/views/extra.py": { six: [3] },
      "shop/orders/api.py": { six: [1], print: [4] },
      "shop/models.py": { print: [2] },
      "users/views.py": { six: [1] },
      "other/x.py": { six: [1] },
    };
    const modules = [
      { id: "shop", key: "shop" },
      { id: "views", key: "shop.views" },
      { id: "orders", key: "shop/orders" },
      { id: "users-views", key: "users/views.py" },
      { id: "empty", key: "empty/folder" },
    ];
    expect(countsByModule(counts, modules)).toEqual({
      views: { six: 3 },
      orders: { six: 1, print: 1 },
      shop: { print: 1 },
      "users-views": { six: 1 },
    });
    expect(countsByModule(counts, [])).toEqual({});
  });
});
