import pg from "pg";

export const TEMPLATE_DB = "waypoint_test_template";

/** Runs statements on the maintenance database of TEST_DATABASE_URL's server. */
export async function adminQuery(url: string, statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
