/**
 * Refreshes the planner's statistics of the inventory tables. A real PostgreSQL does this by
 * itself (autovacuum); PGlite never does, and without statistics the planner takes a 50,000-row
 * project for an empty one and sorts it whole instead of walking an index. Run it after bulk
 * writes and when the embedded database opens.
 */
export async function refreshStatistics(db: { $executeRawUnsafe(sql: string): Promise<number> }) {
  for (const table of ["Item", "ItemRelation", "ItemChange", "ProgressDay", "ProgressRouteDay", "Team", "Membership"]) {
    await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  }
}

/** Below this many written rows, the existing statistics are still good enough. */
export const BULK_WRITE_ROWS = 500;
