import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GitClone, type RepositorySource } from "@/lib/repositories/git";
import { DEFAULT_SETTINGS, type GitSettings } from "@/lib/repositories/git-process";
import { checkRemote, type RemotePolicy } from "@/lib/repositories/remote-policy";
import { RepositoryError } from "@/lib/repositories/errors";
import { TestRepo, tempRoot } from "../../helpers/git-repo";
import { startGitHttpsServer, TEST_CA_FILE } from "../../helpers/git-https-server";

const root = tempRoot("git");
afterAll(() => root.remove());

const remotes = path.join(root.dir, "remotes");
const clones = path.join(root.dir, "clones");
const policy: RemotePolicy = { repositoryRoot: remotes, allowPrivate: false };
const settings: GitSettings = { ...DEFAULT_SETTINGS, timeoutMs: 30_000 };

async function source(repo: TestRepo, branch = "main"): Promise<RepositorySource> {
  return { remote: await checkRemote(repo.url, policy), branch };
}

/** The kind of the RepositoryError a promise rejects with (or "ok"). */
async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (e) {
    if (e instanceof RepositoryError) return e.kind;
    throw e;
  }
}

async function errorOf(promise: Promise<unknown>): Promise<RepositoryError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof RepositoryError) return e;
    throw e;
  }
  throw new Error("expected a RepositoryError");
}

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]) : [];
}

describe("a clone of a file:// remote", () => {
  let repo: TestRepo;
  let first: string;
  let clone: GitClone;

  beforeAll(async () => {
    fs.mkdirSync(path.join(root.dir, "outside"), { recursive: true });
    fs.writeFileSync(path.join(root.dir, "outside", "secret.py"), "TOKEN = 'outside the repository'\n");
    repo = TestRepo.create(remotes, "app");
    repo
      .write({
        "app/views.py": "def index():\n    return 'hé'\n",
        "app/old.py": "# to be renamed\nimport six\n" + "x = 1\n".repeat(20),
        "app/latin1.py": Buffer.from("name = 'caf\xe9'\n", "latin1"),
        "static/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        "README.md": "\ufeffWith a byte-order mark\n",
      })
      .symlink("app/secret.py", "../../../outside/secret.py");
    first = repo.commit("first");
    const synced = await GitClone.sync(path.join(clones, "app"), await source(repo), settings);
    clone = synced.clone;
    expect(synced).toMatchObject({ head: first, created: true });
  });

  test("lists the commit's files, links and all, and reads text by path", async () => {
    const files = await clone.listFiles(first);
    expect(files.map((f) => [f.path, f.type])).toEqual([
      ["README.md", "file"],
      ["app/latin1.py", "file"],
      ["app/old.py", "file"],
      ["app/secret.py", "symlink"],
      ["app/views.py", "file"],
      ["static/logo.png", "file"],
    ]);
    expect((await clone.listFiles(first, ["app"])).map((f) => f.path)).toEqual(["app/latin1.py", "app/old.py", "app/secret.py", "app/views.py"]);
    expect(await clone.readFile(first, "app/views.py")).toEqual({ path: "app/views.py", status: "text", text: "def index():\n    return 'hé'\n" });
    expect(await clone.readFile(first, "README.md")).toMatchObject({ status: "text", text: "With a byte-order mark\n" });
  });

  test("never follows a symbolic link, and reports binary, undecodable and missing files instead of failing", async () => {
    const reads = await clone.readFiles(first, ["app/secret.py", "static/logo.png", "app/latin1.py", "app/nope.py"]);
    expect(reads.map((r) => [r.path, r.status])).toEqual([
      ["app/secret.py", "symlink"],
      ["static/logo.png", "binary"],
      ["app/latin1.py", "undecodable"],
      ["app/nope.py", "missing"],
    ]);
    expect(JSON.stringify(reads)).not.toContain("outside the repository");
    expect(reads[2]).toMatchObject({ message: "not valid UTF-8 (byte 0xe9 on line 1): not read" });
  });

  test("refuses paths that are not inside the tree", async () => {
    for (const bad of ["../outside/secret.py", "/etc/passwd", "app/../../x", "./app/views.py"]) {
      expect(await kindOf(clone.readFiles(first, [bad]))).toBe("refused");
    }
    expect(await kindOf(clone.readFiles("--output=/tmp/x", ["a"]))).toBe("refused");
  });

  test("names what a commit changed (added, modified, deleted, renamed), and says when the recorded commit is gone", async () => {
    repo.write({ "app/views.py": "def index():\n    return 'hello'\n", "app/new.py": "y = 2\n", "README.md": null });
    repo.git("mv", "app/old.py", "app/renamed.py");
    const second = repo.commit("second");
    expect(await clone.fetch(await source(repo))).toBe(second);
    const diff = await clone.changedFiles(first, second);
    expect(diff).toEqual({
      kind: "changes",
      changes: [
        { status: "deleted", path: "README.md" },
        { status: "added", path: "app/new.py" },
        { status: "renamed", path: "app/renamed.py", previousPath: "app/old.py" },
        { status: "modified", path: "app/views.py" },
      ],
    });
    expect(await clone.changedFiles(second, second)).toEqual({ kind: "changes", changes: [] });

    // a force-push: the branch is rewritten; the old commit is no longer in its history
    repo.write({ "app/views.py": "def index():\n    return 'rewritten'\n" });
    const rewritten = repo.amend("second, rewritten");
    expect(await clone.fetch(await source(repo))).toBe(rewritten);
    expect(await clone.changedFiles(second, rewritten)).toMatchObject({ kind: "history-rewritten" });
    expect(await clone.changedFiles("0".repeat(40), rewritten)).toMatchObject({ kind: "from-missing" });
    expect(await clone.branchHead("main")).toBe(rewritten);
  });

  test("never runs the clone's hooks, and keeps neither the remote's URL nor a credential in its config", async () => {
    const marker = path.join(root.dir, "hook-ran");
    for (const hook of ["reference-transaction", "post-checkout", "post-merge"]) {
      fs.writeFileSync(path.join(clone.dir, "hooks", hook), `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    }
    repo.write({ "app/hooked.py": "z = 3\n" });
    const head = repo.commit("third");
    expect(await clone.fetch(await source(repo))).toBe(head);
    expect(fs.existsSync(marker)).toBe(false);
    // the control: the same fetch by a plain git does run the hook
    repo.git("--git-dir", clone.dir, "fetch", "--quiet", repo.url, "+refs/heads/main:refs/heads/control");
    expect(fs.existsSync(marker)).toBe(true);
    const config = fs.readFileSync(path.join(clone.dir, "config"), "utf8");
    expect(config).not.toContain(repo.dir);
    expect(config).not.toMatch(/\[remote|\[http|extraheader/i);
  });

  test("a branch that does not exist is a clear error", async () => {
    const error = await errorOf(GitClone.sync(path.join(clones, "app-other"), await source(repo, "release"), settings));
    expect(error.kind).toBe("not_found");
    expect(error.message).toMatch(/^The branch does not exist on the remote/);
    expect(fs.existsSync(path.join(clones, "app-other"))).toBe(false);
  });
});

describe("limits and failures leave nothing half-written", () => {
  test("a repository over the size limit: a clear error, and no clone (nor a partial one) left", async () => {
    const big = TestRepo.create(remotes, "big");
    big.write({ "data.bin": randomBytes(300_000), "app.py": "print('hi')\n" });
    big.commit("big");
    const error = await errorOf(GitClone.sync(path.join(clones, "big"), await source(big), { ...settings, maxBytes: 100_000 }));
    expect(error.kind).toBe("too_large");
    expect(error.message).toMatch(/larger than the limit of 98 KB/);
    expect(fs.readdirSync(clones).filter((n) => n.startsWith("big"))).toEqual([]);

    // an existing clone that grows past the limit is removed as well
    const small = TestRepo.create(remotes, "grows");
    small.write({ "app.py": "print('hi')\n" });
    small.commit("small");
    const dir = path.join(clones, "grows");
    const { clone } = await GitClone.sync(dir, await source(small), { ...settings, maxBytes: 200_000 });
    small.write({ "data.bin": randomBytes(300_000) });
    small.commit("now big");
    expect(await kindOf(clone.fetch(await source(small)))).toBe("too_large");
    expect(fs.existsSync(dir)).toBe(false);
  });

  test("a file:// remote that does not exist, or is not a repository, is unreachable", async () => {
    expect(await kindOf(checkRemote(`file://${remotes}/missing`, policy))).toBe("unreachable");
    fs.mkdirSync(path.join(remotes, "not-a-repo"), { recursive: true });
    const remote = await checkRemote(`file://${remotes}/not-a-repo`, policy);
    const error = await errorOf(GitClone.sync(path.join(clones, "not-a-repo"), { remote, branch: "main" }, settings));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toMatch(/does not appear to be a git repository/);
    expect(fs.readdirSync(clones).filter((n) => n.startsWith("not-a-repo"))).toEqual([]);
  });

  test("a closed port is unreachable; a server that never answers is stopped at the time limit", async () => {
    const allow: RemotePolicy = { repositoryRoot: null, allowPrivate: true };
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const closed = await checkRemote(`https://127.0.0.1:${closedPort}/org/app.git`, allow);
    expect(await kindOf(GitClone.sync(path.join(clones, "closed"), { remote: closed, branch: "main" }, settings))).toBe("unreachable");

    const silent = net.createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const hung = await checkRemote(`https://127.0.0.1:${(silent.address() as net.AddressInfo).port}/org/app.git`, allow);
      const error = await errorOf(GitClone.sync(path.join(clones, "hung"), { remote: hung, branch: "main" }, { ...settings, timeoutMs: 1500 }));
      expect(error.kind).toBe("timeout");
      expect(error.message).toMatch(/^git fetch took longer than 2 s and was stopped/);
      expect(fs.readdirSync(clones).filter((n) => n.startsWith("hung"))).toEqual([]);
    } finally {
      silent.close();
    }
  });
});

describe("an https remote with a token", () => {
  const token = "ghs_" + "t0k3n".repeat(6);
  let server: Awaited<ReturnType<typeof startGitHttpsServer>>;
  let repo: TestRepo;
  const allow: RemotePolicy = { repositoryRoot: null, allowPrivate: true };
  const tls: GitSettings = { ...settings, caFile: TEST_CA_FILE };

  beforeAll(async () => {
    repo = TestRepo.create(path.join(root.dir, "served"), "shop");
    repo.write({ "shop/views.py": "def cart():\n    pass\n" });
    repo.commit("served");
    server = await startGitHttpsServer({ projectRoot: path.join(root.dir, "served"), username: "x-access-token", token });
  });
  afterAll(() => server.close());

  test("fetches with the right token, sent as a header — never written into the URL or the clone", async () => {
    const remote = await checkRemote(server.url("shop"), allow);
    const dir = path.join(clones, "https-shop");
    const { head, clone } = await GitClone.sync(dir, { remote, branch: "main", credentials: { kind: "https-token", token } }, tls);
    expect(head).toBe(repo.head());
    expect(await clone.readFile(head, "shop/views.py")).toMatchObject({ status: "text" });
    expect(server.authorizations).toContain(`Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`);
    for (const file of filesUnder(dir)) {
      const p = path.join(dir, file);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(token), file).toBe(false);
    }
  });

  test("a wrong token, or none, is an authentication error without the token in the message, and leaves no clone", async () => {
    const remote = await checkRemote(server.url("shop"), allow);
    const wrong = await errorOf(
      GitClone.sync(path.join(clones, "https-wrong"), { remote, branch: "main", credentials: { kind: "https-token", token: "ghs_wrong_token_value" } }, tls),
    );
    expect(wrong.kind).toBe("auth_failed");
    expect(wrong.message).not.toContain("ghs_wrong_token_value");
    expect(await kindOf(GitClone.sync(path.join(clones, "https-none"), { remote, branch: "main" }, tls))).toBe("auth_failed");
    expect(fs.readdirSync(clones).filter((n) => n.startsWith("https-wrong") || n.startsWith("https-none"))).toEqual([]);
  });

  test("a certificate the server does not trust is refused", async () => {
    const remote = await checkRemote(server.url("shop"), allow);
    expect(
      await kindOf(GitClone.sync(path.join(clones, "https-untrusted"), { remote, branch: "main", credentials: { kind: "https-token", token } }, settings)),
    ).toBe("unreachable");
  });
});

describe("an ssh remote with a deploy key", () => {
  test("the key is handed to ssh in a 0600 file with IdentitiesOnly and accept-new, pinned to the checked address, and removed afterwards", async () => {
    // a stand-in for ssh on the PATH: records what git gives it, then refuses the key as a server would
    const bin = path.join(root.dir, "fake-ssh");
    const log = path.join(root.dir, "fake-ssh-log");
    fs.mkdirSync(bin, { recursive: true });
    fs.mkdirSync(log, { recursive: true });
    fs.writeFileSync(
      path.join(bin, "ssh"),
      `#!/bin/sh
printf '%s\\n' "$@" > '${log}/args'
while [ $# -gt 0 ]; do
  if [ "$1" = "-i" ]; then stat -c '%a' "$2" > '${log}/mode'; cat "$2" > '${log}/key'; printf '%s' "$2" > '${log}/path'; fi
  shift
done
echo "git@github.com: Permission denied (publickey)." >&2
exit 255
`,
      { mode: 0o755 },
    );
    const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
    const remote = await checkRemote("git@github.com:acme/shop.git", { repositoryRoot: null, allowPrivate: false }, async () => ["140.82.121.4"]);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}:${savedPath}`;
    let error: RepositoryError;
    try {
      error = await errorOf(
        GitClone.sync(path.join(clones, "ssh-shop"), { remote, branch: "main", credentials: { kind: "ssh-key", privateKey: key } }, settings),
      );
    } finally {
      process.env.PATH = savedPath;
    }
    expect(error.kind).toBe("auth_failed");
    expect(error.message).toMatch(/^The remote refused the credentials/);
    const args = fs.readFileSync(path.join(log, "args"), "utf8").trim().split("\n");
    for (const option of [
      "BatchMode=yes",
      "IdentitiesOnly=yes",
      "IdentityAgent=none",
      "StrictHostKeyChecking=accept-new",
      "HostName=140.82.121.4",
      "HostKeyAlias=github.com",
    ]) {
      expect(args).toContain(option);
    }
    expect(args.slice(0, 2)).toEqual(["-F", "/dev/null"]);
    expect(args).toContain("git@github.com");
    expect(fs.readFileSync(path.join(log, "mode"), "utf8").trim()).toBe("600");
    expect(fs.readFileSync(path.join(log, "key"), "utf8")).toBe(key + "\n");
    expect(fs.existsSync(fs.readFileSync(path.join(log, "path"), "utf8"))).toBe(false);
    expect(fs.readdirSync(clones).filter((n) => n.startsWith("ssh-shop"))).toEqual([]);
  });
});
