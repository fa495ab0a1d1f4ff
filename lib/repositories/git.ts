/**
 * A repository's clone on the server and what the scan reads from it. The clone is bare (no work
 * tree is ever checked out), so a file is read from git's object database by its path in the
 * commit's tree: a symbolic link is seen as a link (mode 120000) and reported, never followed, and
 * nothing the scan reads can resolve outside the tree. Only the configured branch is fetched
 * (`+refs/heads/B:refs/heads/B`, no tags, no submodules); the remote URL is given on each fetch
 * and never stored in the clone's config. See git-process.ts for how git itself is run.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { firstInvalidUtf8 } from "@/lib/import/text";
import { RepositoryError } from "./errors";
import { runGit, type GitCredentials, type GitSettings, type GitRunOptions, type RemoteAccess } from "./git-process";
import type { CheckedRemote } from "./remote-policy";

export type RepositorySource = { remote: CheckedRemote; branch: string; credentials?: GitCredentials };

export type TreeEntry = {
  path: string;
  /** "file" (regular or executable), "symlink", "submodule". */
  type: "file" | "symlink" | "submodule";
  blob: string;
  /** Bytes; 0 for submodules. */
  size: number;
};

/** One file as read at a commit: its text, or why there is none. */
export type FileRead =
  | { path: string; status: "text"; text: string }
  | { path: string; status: "binary" | "undecodable" | "symlink" | "submodule" | "too-large" | "missing"; message: string };

export type FileChange = { status: "added" | "modified" | "deleted"; path: string } | { status: "renamed"; path: string; previousPath: string };

/**
 * `changes`: what differs between two commits. `from-missing`: the recorded commit is not in the
 * clone (a new clone, or a force-push removed it before it was ever fetched here);
 * `history-rewritten`: it is no longer in the branch's history (a force-push). In both cases the
 * caller scans everything again.
 */
export type ChangeSet = { kind: "changes"; changes: FileChange[] } | { kind: "from-missing" | "history-rewritten"; message: string };

/** What the scan needs from a repository: git.ts's GitClone implements it over a real clone. */
export interface RepositoryReader {
  listFiles(commit: string, folders?: string[]): Promise<TreeEntry[]>;
  readFiles(commit: string, paths: string[]): Promise<FileRead[]>;
  changedFiles(from: string, to: string): Promise<ChangeSet>;
}

const MARKER = "waypoint-clone.json";
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export class GitClone implements RepositoryReader {
  private constructor(
    readonly dir: string,
    readonly settings: GitSettings,
  ) {}

  /**
   * Creates the clone under `dir` if it is not there (or was made for another remote), then
   * fetches the branch. Returns the branch's head commit. A first clone is built in a sibling
   * folder and moved into place only when complete: a failed one leaves nothing behind. A clone
   * that passes the size limit is removed.
   */
  static async sync(dir: string, source: RepositorySource, settings: GitSettings): Promise<{ clone: GitClone; head: string; created: boolean }> {
    checkBranch(source.branch);
    const existing = await readMarker(dir);
    if (existing === source.remote.url) {
      const clone = new GitClone(dir, settings);
      return { clone, head: await clone.fetch(source), created: false };
    }
    if (existing === undefined && (await exists(dir))) {
      throw new RepositoryError("misconfigured", `${dir} exists and is not a clone made by Waypoint; it is left alone.`);
    }
    await mkdir(path.dirname(dir), { recursive: true });
    const partial = `${dir}.partial-${randomBytes(4).toString("hex")}`;
    try {
      await runGit(["init", "--quiet", "--bare", partial], { timeoutMs: settings.timeoutMs });
      await writeFile(path.join(partial, MARKER), JSON.stringify({ remote: source.remote.url }) + "\n");
      const fresh = new GitClone(partial, settings);
      const head = await fresh.fetch(source);
      if (existing !== undefined) await rm(dir, { recursive: true, force: true }); // the remote changed: the old clone goes
      await rename(partial, dir);
      return { clone: new GitClone(dir, settings), head, created: true };
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw error;
    }
  }

  /** An existing clone (for reading only). */
  static async open(dir: string, settings: GitSettings): Promise<GitClone> {
    if ((await readMarker(dir)) === undefined) throw new RepositoryError("not_found", `There is no clone at ${dir}: fetch the repository first.`);
    return new GitClone(dir, settings);
  }

  /** Fetches the branch (force-pushes included); returns its head commit. */
  async fetch(source: RepositorySource): Promise<string> {
    checkBranch(source.branch);
    const ref = `refs/heads/${source.branch}`;
    const access: RemoteAccess = {
      remote: source.remote,
      knownHostsFile: path.join(this.dir, "waypoint-known_hosts"),
      ...(source.credentials ? { credentials: source.credentials } : {}),
      ...(this.settings.caFile ? { caFile: this.settings.caFile } : {}),
    };
    const overLimit = async () => {
      const size = await folderSize(this.dir);
      if (size > this.settings.maxBytes) {
        throw new RepositoryError(
          "too_large",
          `The repository is larger than the limit of ${formatBytes(this.settings.maxBytes)} (WAYPOINT_REPOSITORY_MAX_MB); its clone was removed.`,
        );
      }
    };
    try {
      await this.git(
        [
          "fetch",
          "--quiet",
          "--no-tags",
          "--no-recurse-submodules",
          "--no-write-fetch-head",
          "--no-progress",
          "--end-of-options",
          source.remote.url,
          `+${ref}:${ref}`,
        ],
        { remote: access, watch: overLimit },
      );
      await overLimit();
    } catch (error) {
      if (error instanceof RepositoryError && error.kind === "too_large") await rm(this.dir, { recursive: true, force: true });
      throw error;
    }
    const head = await this.branchHead(source.branch);
    if (!head) throw new RepositoryError("not_found", `The branch ${source.branch} does not exist on the remote.`);
    return head;
  }

  /** The commit the branch points at in the clone, or undefined. */
  async branchHead(branch: string): Promise<string | undefined> {
    checkBranch(branch);
    const r = await this.git(["rev-parse", "--verify", "--quiet", "--end-of-options", `refs/heads/${branch}^{commit}`], { okCodes: [1] });
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  async hasCommit(commit: string): Promise<boolean> {
    if (!OBJECT_ID.test(commit)) return false;
    const r = await this.git(["cat-file", "-e", `${commit}^{commit}`], { okCodes: [1, 128] });
    return r.code === 0;
  }

  async isAncestor(ancestor: string, commit: string): Promise<boolean> {
    checkCommit(ancestor);
    checkCommit(commit);
    const r = await this.git(["merge-base", "--is-ancestor", ancestor, commit], { okCodes: [1] });
    return r.code === 0;
  }

  /** Every file of the commit (under `folders`, when given), links and submodules included. */
  async listFiles(commit: string, folders: string[] = []): Promise<TreeEntry[]> {
    checkCommit(commit);
    const specs = folders.map(checkPath).filter((f) => f !== "");
    if (specs.length === 0) return this.lsTree(commit, []);
    return this.lsTree(commit, specs);
  }

  /**
   * Reads files by their path in the commit's tree. Never follows a symbolic link; reports binary,
   * non-UTF-8, oversized and missing files instead of failing. Paths are tree paths ("a/b.py"):
   * absolute paths and ".." are refused.
   */
  async readFiles(commit: string, paths: string[]): Promise<FileRead[]> {
    checkCommit(commit);
    const wanted = [...new Set(paths.map(checkPath))];
    const entries = new Map<string, TreeEntry>();
    for (let i = 0; i < wanted.length; i += 200) {
      for (const e of await this.lsTree(commit, wanted.slice(i, i + 200))) entries.set(e.path, e);
    }
    const reads = new Map<string, FileRead>();
    const blobs: TreeEntry[] = [];
    for (const p of wanted) {
      const e = entries.get(p);
      if (!e) reads.set(p, { path: p, status: "missing", message: "not in this commit" });
      else if (e.type === "symlink") reads.set(p, { path: p, status: "symlink", message: "a symbolic link: not followed" });
      else if (e.type === "submodule") reads.set(p, { path: p, status: "submodule", message: "a submodule: not read" });
      else if (e.size > this.settings.maxFileBytes) {
        reads.set(p, {
          path: p,
          status: "too-large",
          message: `${formatBytes(e.size)}, over the limit of ${formatBytes(this.settings.maxFileBytes)} per file: not read`,
        });
      } else blobs.push(e);
    }
    const contents = await this.catBlobs(blobs.map((b) => b.blob));
    for (const b of blobs) reads.set(b.path, decode(b.path, contents.get(b.blob) ?? Buffer.alloc(0)));
    return wanted.map((p) => reads.get(p)!);
  }

  async readFile(commit: string, filePath: string): Promise<FileRead> {
    return (await this.readFiles(commit, [filePath]))[0];
  }

  /** What changed from `from` to `to` (`git diff --name-status -M`), or why that cannot be said. */
  async changedFiles(from: string, to: string): Promise<ChangeSet> {
    checkCommit(to);
    if (!(await this.hasCommit(from))) {
      return { kind: "from-missing", message: `the recorded commit ${from.slice(0, 12)} is not in the clone (a new clone, or a force-push removed it)` };
    }
    if (!(await this.isAncestor(from, to))) {
      return { kind: "history-rewritten", message: `the recorded commit ${from.slice(0, 12)} is no longer in the branch's history (a force-push)` };
    }
    const r = await this.git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", from, to, "--"]);
    return { kind: "changes", changes: parseNameStatus(r.stdout.toString("utf8")) };
  }

  private async lsTree(commit: string, paths: string[]): Promise<TreeEntry[]> {
    const r = await this.git(["ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", ...paths]);
    const out: TreeEntry[] = [];
    for (const record of r.stdout.toString("utf8").split("\0")) {
      if (record === "") continue;
      const tab = record.indexOf("\t");
      const [mode, , blob, size] = record.slice(0, tab).split(/ +/);
      const type = mode === "120000" ? "symlink" : mode === "160000" ? "submodule" : "file";
      out.push({ path: record.slice(tab + 1), type, blob, size: size === "-" ? 0 : Number(size) });
    }
    return out;
  }

  /** Blob contents by id, all through one `git cat-file --batch`. */
  private async catBlobs(ids: string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, Buffer>();
    if (unique.length === 0) return out;
    const r = await this.git(["cat-file", "--batch"], { input: unique.join("\n") + "\n" });
    const buf = r.stdout;
    let at = 0;
    while (at < buf.length) {
      const nl = buf.indexOf(10, at);
      const header = buf.subarray(at, nl).toString("latin1");
      const [id, type, size] = header.split(" ");
      if (type === "missing" || size === undefined) {
        at = nl + 1;
        continue;
      }
      const start = nl + 1;
      const end = start + Number(size);
      out.set(id, buf.subarray(start, end));
      at = end + 1; // the newline after the content
    }
    return out;
  }

  private git(args: string[], options: Partial<GitRunOptions> = {}) {
    return runGit(args, { gitDir: this.dir, timeoutMs: this.settings.timeoutMs, ...options });
  }
}

function parseNameStatus(out: string): FileChange[] {
  const parts = out.split("\0");
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length - 1;) {
    const status = parts[i++];
    const code = status[0];
    if (code === "R") {
      const previousPath = parts[i++];
      const p = parts[i++];
      changes.push({ status: "renamed", path: p, previousPath });
    } else if (code === "C") {
      i++; // the source stays
      changes.push({ status: "added", path: parts[i++] });
    } else {
      const p = parts[i++];
      changes.push({ status: code === "A" ? "added" : code === "D" ? "deleted" : "modified", path: p });
    }
  }
  return changes;
}

const SNIFF = 8000;

function decode(filePath: string, bytes: Buffer): FileRead {
  if (bytes.subarray(0, SNIFF).includes(0)) return { path: filePath, status: "binary", message: "a binary file: not read" };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { path: filePath, status: "text", text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(body));
    let line = 1;
    for (let i = body.indexOf(10); i !== -1 && i < bad; i = body.indexOf(10, i + 1)) line++;
    return { path: filePath, status: "undecodable", message: `not valid UTF-8 (byte 0x${body[bad].toString(16).padStart(2, "0")} on line ${line}): not read` };
  }
}

function checkBranch(branch: string): void {
  if (
    !/^[A-Za-z0-9._/-]+$/.test(branch) ||
    branch.startsWith("-") ||
    branch.startsWith("/") ||
    branch.endsWith("/") ||
    branch.includes("..") ||
    branch.includes("//") ||
    branch.endsWith(".lock") ||
    branch.endsWith(".")
  ) {
    throw new RepositoryError("refused", `'${branch}' is not a branch name Waypoint accepts.`);
  }
}

function checkCommit(commit: string): void {
  if (!OBJECT_ID.test(commit)) throw new RepositoryError("refused", `'${commit.slice(0, 50)}' is not a commit id.`);
}

/** A path inside the tree: relative, forward slashes, no "." or ".." segments. Returned without a trailing slash. */
function checkPath(p: string): string {
  const clean = p.replace(/\/+$/, "");
  if (clean === "" && p !== "") return "";
  if (clean.startsWith("/") || clean.includes("\0") || clean.includes("\\") || clean.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw new RepositoryError("refused", `'${p.slice(0, 200)}' is not a path inside the repository.`);
  }
  return clean;
}

async function readMarker(dir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(path.join(dir, MARKER), "utf8")) as { remote: string }).remote;
  } catch {
    return undefined;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Bytes of every file below `dir` (links not followed). */
export async function folderSize(dir: string): Promise<number> {
  let total = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    try {
      const s = await lstat(p);
      total += s.isDirectory() ? await folderSize(p) : s.size;
    } catch {
      // removed while counting (git renames temporary files)
    }
  }
  return total;
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
