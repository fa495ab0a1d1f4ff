import path from "node:path";

/** Where the database lives: a real PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export type DbTarget = { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };

export function dbTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DbTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.slice(0, 20)}…")`);
    }
    return { kind: "postgres", url };
  }
  return { kind: "embedded", dataDir: path.resolve(env.WAYPOINT_DATA_DIR?.trim() || "./data") };
}

export function describeTarget(target: DbTarget): string {
  switch (target.kind) {
    case "postgres":
      return `PostgreSQL at ${redactUrl(target.url)}`;
    case "embedded":
      return `embedded PostgreSQL (PGlite) in ${target.dataDir}`;
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}
