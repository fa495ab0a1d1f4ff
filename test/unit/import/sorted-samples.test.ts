import { expect, test } from "vitest";
import { sortedSamples } from "@/lib/import/request-samples";

test.each([
  ["nothing stored", null, 20, []],
  ["not a list", { "/a": 1 }, 20, []],
  [
    "most requested first, then by target",
    [
      ["/b", 2],
      ["/a", 2],
      ["/c", 9],
    ],
    20,
    [
      { path: "/c", count: 9 },
      { path: "/a", count: 2 },
      { path: "/b", count: 2 },
    ],
  ],
  ["malformed pairs left out", [["/a", "3"], ["/b"], [4, 4], ["/c", 1.5], ["/d", 1]], 20, [{ path: "/d", count: 1 }]],
  [
    "cut at the limit",
    [
      ["/a", 1],
      ["/b", 3],
      ["/c", 2],
    ],
    2,
    [
      { path: "/b", count: 3 },
      { path: "/c", count: 2 },
    ],
  ],
])("%s", (_, stored, limit, expected) => {
  expect(sortedSamples(stored, limit)).toEqual(expected);
});
