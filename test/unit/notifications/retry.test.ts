import { describe, expect, test } from "vitest";
import { delayAfter, retrySchedule, STANDARD_SCHEDULE } from "@/lib/notifications/retry";
import { checkOutboundUrl } from "@/lib/notifications/outbound-url";

describe("the retry schedule (Standard Webhooks)", () => {
  test.each([
    [1, 5],
    [2, 300],
    [3, 1800],
    [4, 7200],
    [5, 18000],
    [6, 36000],
    [7, 36000],
    [8, null],
  ])("after try %i fails, the next comes %s s later", (number, delay) => {
    expect(delayAfter(number, STANDARD_SCHEDULE)).toBe(delay);
  });
  test("WAYPOINT_NOTIFY_RETRY_SECONDS replaces it; a malformed value keeps the standard one", () => {
    expect(retrySchedule({ WAYPOINT_NOTIFY_RETRY_SECONDS: "1, 2" })).toEqual([1, 2]);
    expect(retrySchedule({ WAYPOINT_NOTIFY_RETRY_SECONDS: "1,x" })).toEqual(STANDARD_SCHEDULE);
    expect(retrySchedule({})).toEqual(STANDARD_SCHEDULE);
  });
});

describe("outbound URLs", () => {
  test.each([
    ["https://hooks.slack.com/services/T/B/x", false, true],
    ["http://hooks.example.com/x", false, false],
    ["https://user:pw@hooks.example.com/x", false, false],
    ["https://10.0.0.5/x", false, false],
    ["https://localhost/x", false, false],
    ["https://[::1]/x", false, false],
    ["http://127.0.0.1:9000/x", true, true],
    ["ftp://example.com/x", true, false],
  ])("%s (private allowed: %s) → accepted: %s", (url, allowPrivate, ok) => {
    if (ok) expect(checkOutboundUrl(url, allowPrivate).toString()).toBe(url);
    else expect(() => checkOutboundUrl(url, allowPrivate)).toThrow();
  });
});
