import { describe, expect, test } from "vitest";
import { filterOptions } from "@/components/forms/combobox";

const zones = ["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "America/New_York", "Asia/Kolkata", "Australia/Perth"].map((z) => ({
  value: z,
  label: z,
}));
const labels = (text: string, max = 10) => filterOptions(zones, text, max).map((o) => o.label);

describe("filterOptions (the time-zone combobox)", () => {
  test.each([
    ["", ["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "America/New_York", "Asia/Kolkata", "Australia/Perth"]],
    ["berl", ["Europe/Berlin"]],
    ["BERLIN", ["Europe/Berlin"]],
    ["new york", ["America/New_York"]],
    ["a", ["America/Argentina/Buenos_Aires", "America/New_York", "Asia/Kolkata", "Australia/Perth"]],
    ["buenos", ["America/Argentina/Buenos_Aires"]],
    ["erth", ["Australia/Perth"]],
    ["york", ["America/New_York"]],
    ["ork", ["America/New_York"]],
    ["nowhere", []],
  ])("%j → %j", (text, expected) => {
    expect(labels(text)).toEqual(expected);
  });

  test("at most max options", () => {
    expect(labels("", 2)).toEqual(["UTC", "Europe/Berlin"]);
  });
});
