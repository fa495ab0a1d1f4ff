import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Real git repositories in a temporary folder, for the repository scan's tests: write files,
 * commit, rewrite history (a force-push). Each is served to the code under test as a `file://`
 * remote, so no network is needed. Commit dates are fixed (the tests never depend on the clock).
 */
export class TestRepo {
  private commits = 0;

  private constructor(readonly dir: string) {}

  static create(root: string, name: string, branch = "main"): TestRepo {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    const repo = new TestRepo(dir);
    repo.git("init", "--quiet", "--initial-branch", branch);
    return repo;
  }

  get url(): string {
    return `file://${this.dir}`;
  }

  /** Writes files (a string or bytes), or deletes those given `null`. */
  write(files: Record<string, string | Buffer | null>): this {
    for (const [file, content] of Object.entries(files)) {
      const p = path.join(this.dir, file);
      if (content === null) fs.rmSync(p, { force: true });
      else {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, content);
      }
    }
    return this;
  }

  symlink(file: string, target: string): this {
    const p = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.symlinkSync(target, p);
    return this;
  }

  /** Stages everything and commits; returns the new commit's id. */
  commit(message: string): string {
    this.git("add", "--all");
    this.commits++;
    const date = `2026-06-01T10:${String(this.commits % 60).padStart(2, "0")}:00Z`;
    execFileSync("git", ["commit", "--quiet", "--allow-empty", "-m", message], { cwd: this.dir, env: this.env(date) });
    return this.head();
  }

  head(): string {
    return this.git("rev-parse", "HEAD").trim();
  }

  /** Rewrites the last commit (as `git commit --amend` then `git push --force` would leave the remote). */
  amend(message: string): string {
    this.git("add", "--all");
    this.commits++;
    const date = `2026-06-01T11:${String(this.commits % 60).padStart(2, "0")}:00Z`;
    execFileSync("git", ["commit", "--quiet", "--amend", "-m", message], { cwd: this.dir, env: this.env(date) });
    return this.head();
  }

  /** Moves the branch back (a force-push of an older commit). */
  resetHard(commit: string): void {
    this.git("reset", "--quiet", "--hard", commit);
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, env: this.env("2026-06-01T10:00:00Z"), encoding: "utf8" });
  }

  private env(date: string): NodeJS.ProcessEnv {
    return {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
  }
}

/** A temporary folder for one test file; `remove()` in afterAll. */
export function tempRoot(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `waypoint-${prefix}-`)));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
