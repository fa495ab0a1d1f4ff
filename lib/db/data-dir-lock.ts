import * as clock from "@/lib/time/clock";
import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock across processes: two processes writing one data folder silently lose
 * rows (../shared/STACK.md). Whoever opens the folder first writes its pid here; any other
 * process stops with a clear message instead of opening it too.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly ownerCommand: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Waypoint process ` +
        `(pid ${ownerPid}: ${ownerCommand}). Only one process may open it at a time. ` +
        `Stop that process first, or point this one at a PostgreSQL server with DATABASE_URL ` +
        `(or at another folder with WAYPOINT_DATA_DIR).`,
    );
    this.name = "DataDirBusyError";
  }
}

const LOCK_FILE = "waypoint.lock";

type LockInfo = { pid: number; command: string; since: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** Takes the folder for this process, or throws DataDirBusyError. Returns a release function. */
export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1).join(" ")): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, command: command.slice(0, 200), since: clock.now().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // "wx" fails if the file exists: creation is the atomic test-and-set.
      fs.writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      return () => releaseLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readLock(file);
    if (owner && owner.pid === process.pid) return () => releaseLock(file);
    if (owner && isAlive(owner.pid)) throw new DataDirBusyError(dataDir, owner.pid, owner.command);
    // The owner died without cleaning up (or the file is half-written): take it over.
    // Renaming a stale file aside is atomic, so two processes cannot both take it over.
    const stale = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, stale);
      fs.rmSync(stale, { force: true });
    } catch {
      // another process moved it first; try again
    }
  }
  const owner = readLock(file);
  throw new DataDirBusyError(dataDir, owner?.pid ?? -1, owner?.command ?? "unknown");
}

function releaseLock(file: string) {
  const owner = readLock(file);
  if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
}
