import { describe, expect, test } from "vitest";
import { ownerRows, type BreakdownCount } from "@/lib/progress/breakdown";
import type { ItemKind, PortStatus } from "@/lib/generated/prisma/enums";

const count = (owner: string, name: string | null, kind: ItemKind, status: PortStatus, n: number, traffic = 0): BreakdownCount => ({
  owner,
  name,
  kind,
  status,
  count: n,
  traffic,
});

// Payments: 3 open routes (900/day), 2 ported routes, 4 open modules, 1 won't-port dependency.
// Search: 1 open route (4,000/day). Nobody: 2 open modules. A removed team: 1 verified route.
const COUNTS: BreakdownCount[] = [
  count("team:p", "Payments", "ROUTE", "NOT_STARTED", 2, 600),
  count("team:p", "Payments", "ROUTE", "IN_PROGRESS", 1, 300),
  count("team:p", "Payments", "ROUTE", "PORTED", 2, 5000),
  count("team:p", "Payments", "MODULE", "NOT_STARTED", 4, 0),
  count("team:p", "Payments", "DEPENDENCY", "WONT_PORT", 1, 0),
  count("team:s", "Search", "ROUTE", "IN_PROGRESS", 1, 4000),
  count("none", null, "MODULE", "NOT_STARTED", 2, 0),
  count("team:gone", null, "ROUTE", "VERIFIED", 1, 70),
];

describe("ownerRows: one owner breakdown from the counts by owner, kind and status", () => {
  test.each([
    {
      case: "routes only (the owner bars)",
      kind: "ROUTE" as const,
      rows: [
        { owner: "team:p", name: "Payments", total: 5, remaining: 3, remainingTraffic: 900 },
        { owner: "team:s", name: "Search", total: 1, remaining: 1, remainingTraffic: 4000 },
        { owner: "team:gone", name: "(removed)", total: 1, remaining: 0, remainingTraffic: 0 },
      ],
    },
    {
      case: "every kind (the Teams table): traffic is still the routes'",
      kind: undefined,
      rows: [
        { owner: "team:p", name: "Payments", total: 10, remaining: 7, remainingTraffic: 900 },
        { owner: "none", name: "Nobody", total: 2, remaining: 2, remainingTraffic: 0 },
        { owner: "team:s", name: "Search", total: 1, remaining: 1, remainingTraffic: 4000 },
        { owner: "team:gone", name: "(removed)", total: 1, remaining: 0, remainingTraffic: 0 },
      ],
    },
    {
      case: "modules only: owners without modules are left out",
      kind: "MODULE" as const,
      rows: [
        { owner: "team:p", name: "Payments", total: 4, remaining: 4, remainingTraffic: 0 },
        { owner: "none", name: "Nobody", total: 2, remaining: 2, remainingTraffic: 0 },
      ],
    },
    { case: "a kind nobody has", kind: "DEPENDENCY" as const, rows: [{ owner: "team:p", name: "Payments", total: 1, remaining: 0, remainingTraffic: 0 }] },
  ])("$case", ({ kind, rows }) => {
    const result = ownerRows({ counts: COUNTS, staleOwners: [] }, kind);
    expect(result.map(({ owner, name, total, remaining, remainingTraffic }) => ({ owner, name, total, remaining, remainingTraffic }))).toEqual(rows);
  });

  test("counts by status add up per owner, across kinds when no kind is chosen", () => {
    const [payments] = ownerRows({ counts: COUNTS, staleOwners: [] });
    expect(payments.counts).toEqual({ NOT_STARTED: 6, IN_PROGRESS: 1, PORTED: 2, VERIFIED: 0, RETIRED: 0, WONT_PORT: 1 });
  });

  test.each([
    { case: "no stale claims", staleOwners: [], stale: { "team:p": 0, "team:s": 0 } },
    { case: "one per stale item, whatever the kind shown", staleOwners: ["team:p", "team:p", "team:s"], stale: { "team:p": 2, "team:s": 1 } },
    { case: "an owner not in the breakdown is ignored", staleOwners: ["user:x", "none"], stale: { "team:p": 0, "team:s": 0 } },
  ])("stale claims: $case", ({ staleOwners, stale }) => {
    const rows = ownerRows({ counts: COUNTS, staleOwners }, "ROUTE");
    expect(Object.fromEntries(rows.filter((r) => r.owner in stale).map((r) => [r.owner, r.staleClaims]))).toEqual(stale);
  });

  test("ties on what remains: more remaining traffic first, then by name", () => {
    const tied = [
      count("team:b", "Beta", "ROUTE", "NOT_STARTED", 1, 10),
      count("team:a", "Alpha", "ROUTE", "NOT_STARTED", 1, 10),
      count("team:c", "Cee", "ROUTE", "NOT_STARTED", 1, 50),
    ];
    expect(ownerRows({ counts: tied, staleOwners: [] }).map((r) => r.name)).toEqual(["Cee", "Alpha", "Beta"]);
  });

  test("no items, no rows", () => {
    expect(ownerRows({ counts: [], staleOwners: ["team:p"] })).toEqual([]);
  });
});
