import { describe, expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { callRoute as call } from "../helpers/route";
import { createItem, updateItem } from "@/lib/inventory/items";
import { createTeam } from "@/lib/teams/teams";
import { CHARTS } from "@/lib/progress/csv";

const chart = await import("@/app/api/v1/projects/[projectId]/progress/[chart]/route");

/** What a spreadsheet reads as a formula at the start of a cell. */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/** The cells of a CSV as a spreadsheet splits them, with whether each was written quoted (text) or bare. */
function cellsOf(csv: string): { value: string; bare: boolean }[] {
  const records = parse(csv, { relax_column_count: true, raw: true }) as unknown as { record: string[]; raw: string }[];
  return records.flatMap(({ record, raw }) => {
    const pieces = raw.replace(/\r?\n$/, "").split(",");
    // A bare cell has no quotes or commas, so the first raw pieces line up with the first cells.
    return record.map((value, i) => ({ value, bare: pieces[i] === value }));
  });
}

describe("CSV exports", () => {
  test("21.9 CSV exports are open to formula injection: a change to -2+3+cmd|'/c calc'!A0 (activity CSV) and a team named -1+cmd|' /C calc'!A0 (owners CSV) are escaped, numbers stay numbers", async () => {
    const db = await testDb();
    const a = await newAdmin(db, "A");
    const project = await newProject(db, a.ctx, { name: "Billing port" });
    const pid = project.id;
    const teamId = await createTeam(db, a.ctx, { name: "-1+cmd|' /C calc'!A0" });
    await createItem(db, a.ctx, pid, "ROUTE", { method: "GET", path: "/a", trafficPerDay: 300, owner: `team:${teamId}` });
    const dep = await createItem(db, a.ctx, pid, "DEPENDENCY", {
      name: "requests",
      currentVersion: "2.31",
      readiness: "REPLACE",
      replacement: '=HYPERLINK("http://evil.example","x")',
    });
    await updateItem(db, a.ctx, pid, "DEPENDENCY", dep.id, { currentVersion: "-2+3+cmd|'/c calc'!A0" });
    const headers = await tokenHeaders(db, a.ctx, pid, "VIEWER");
    const csvOf = async (name: string) => (await call(chart.GET, { projectId: pid, chart: name }, { headers, query: "?format=csv" })).text();

    const activity = cellsOf(await csvOf("activity"));
    expect(activity.map((c) => c.value)).toContain("'-2+3+cmd|'/c calc'!A0");
    expect(activity.map((c) => c.value)).not.toContain("-2+3+cmd|'/c calc'!A0");

    const owners = await csvOf("owners");
    const ownerRow = cellsOf(owners).filter((_, i, all) => i >= all.findIndex((c) => c.value.includes("calc")));
    expect(ownerRow[0]).toEqual({ value: "'-1+cmd|' /C calc'!A0", bare: false });
    // The counts after the name are numbers, written bare so that a spreadsheet sums them.
    expect(ownerRow.slice(1, 7).every((c) => c.bare && /^\d+$/.test(c.value))).toBe(true);

    // Every chart: no text cell a spreadsheet would run; the bare cells are plain numbers.
    for (const name of CHARTS) {
      for (const cell of cellsOf(await csvOf(name))) {
        if (cell.bare) expect(cell.value, `${name}: ${cell.value}`).toMatch(/^(-?\d+(\.\d+)?)?$/);
        else expect(cell.value, `${name}: ${cell.value}`).not.toMatch(FORMULA_START);
      }
    }
  });
});
