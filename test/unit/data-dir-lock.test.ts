import { describe, expect, test } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { acquireDataDirLock, DataDirBusyError } from "@/lib/db/data-dir-lock";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-lock-"));

describe("one process per embedded data folder", () => {
  test("a folder held by a live process is refused with a message naming it", async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(path.join(dir, "waypoint.lock"), JSON.stringify({ pid: holder.pid, command: "waypoint serve", since: "" }));
      expect(() => acquireDataDirLock(dir)).toThrowError(DataDirBusyError);
      expect(() => acquireDataDirLock(dir)).toThrowError(/in use by another Waypoint process \(pid \d+: waypoint serve\)/);
    } finally {
      holder.kill();
    }
  });

  test("a lock left by a dead process is taken over, and released", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid!;
    fs.writeFileSync(path.join(dir, "waypoint.lock"), JSON.stringify({ pid: dead, command: "crashed", since: "" }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "waypoint.lock"), "utf8")).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, "waypoint.lock"))).toBe(false);
  });

  test("the command line stops with a clear message while another process owns the folder", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, "test holder");
    try {
      const result = spawnSync(process.execPath, ["bin/waypoint.mjs", "migrate"], {
        env: { ...process.env, WAYPOINT_DATA_DIR: dir, DATABASE_URL: "" },
        encoding: "utf8",
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`in use by another Waypoint process (pid ${process.pid}: test holder)`);
      // It never opened the folder: no database files were created next to the lock.
      expect(fs.readdirSync(dir)).toEqual(["waypoint.lock"]);
    } finally {
      release();
    }
  });
});
