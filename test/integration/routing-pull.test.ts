import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { routingCommand } from "@/lib/cli/routing-command";
import { backoffDelay, pullOnce, PullError, readSavedEtag, watchRouting, type PullOptions } from "@/lib/cutover/routing/pull";
import { unifiedDiff } from "@/lib/cutover/routing/diff";
import { startFakeRoutingApi, type FakeRoutingApi } from "../helpers/routing-api";
import { TEST_START } from "../helpers/clock";

const V1 = "# waypoint v1\nupstream waypoint_legacy { server 127.0.0.1:1; }\n";
const V2 = "# waypoint v2\nupstream waypoint_legacy { server 127.0.0.1:2; }\n";

let api: FakeRoutingApi;
let dir: string;
let out: string;
let reloads: string;

beforeAll(async () => {
  api = await startFakeRoutingApi(V1);
});
const dirs: string[] = [];
afterAll(async () => {
  await api.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function freshDir() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-pull-"));
  dirs.push(dir);
  out = path.join(dir, "waypoint.conf");
  reloads = path.join(dir, "reloads.log");
  api.body = V1;
  api.mode = "ok";
  api.requests.length = 0;
}

const options = (extra: Partial<PullOptions> = {}): PullOptions => ({
  url: api.url,
  project: "prj_1",
  token: api.token,
  format: "nginx",
  out,
  reload: `echo reloaded >> ${reloads}`,
  ...extra,
});
/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"));
const reloadCount = () => (fs.existsSync(reloads) ? fs.readFileSync(reloads, "utf8").split("\n").filter(Boolean).length : 0);

describe("routing pull", () => {
  afterEach(() => {
    expect(leftovers()).toEqual([]); // never a candidate left behind, whatever happened
  });

  test("writes the export, then asks with its ETag and changes nothing on 304", async () => {
    freshDir();
    const state = { etag: null as string | null };
    expect(await pullOnce(options(), state)).toMatchObject({ kind: "updated", bytes: V1.length });
    expect(fs.readFileSync(out, "utf8")).toBe(V1);
    expect(api.requests[0]).toMatchObject({
      path: "/api/v1/projects/prj_1/routing?format=nginx",
      authorization: `Bearer ${api.token}`,
      ifNoneMatch: undefined,
    });
    expect(reloadCount()).toBe(1);
    expect(fs.existsSync(`${out}.last-good`)).toBe(false); // nothing was live before

    expect(await pullOnce(options(), state)).toEqual({ kind: "unchanged", etag: state.etag });
    expect(api.requests[1].ifNoneMatch).toBe(state.etag);
    expect(reloadCount()).toBe(1);
  });

  test("a later run (cron) finds the ETag beside the file, unless the file was edited by hand", async () => {
    freshDir();
    await pullOnce(options(), { etag: null });
    const saved = await readSavedEtag(out);
    expect(saved).toMatch(/^".+"$/);
    expect(await pullOnce(options(), { etag: saved })).toMatchObject({ kind: "unchanged" });

    fs.appendFileSync(out, "# a hand edit\n");
    expect(await readSavedEtag(out)).toBeNull();
    expect(await pullOnce(options(), { etag: null })).toMatchObject({ kind: "updated" });
    expect(fs.readFileSync(out, "utf8")).toBe(V1);
  });

  test("a change is checked as a candidate, put live by rename, the old file kept as .last-good, then reloaded", async () => {
    freshDir();
    await pullOnce(options(), { etag: null });
    api.body = V2;
    const seen = path.join(dir, "checked.txt");
    // The check sees the candidate (not the live file), through {file} and WAYPOINT_FILE alike.
    const check = `cat {file} > ${seen} && test "$WAYPOINT_FILE" = {file} && test {file} != ${out}`;
    expect(await pullOnce(options({ check }), { etag: null })).toMatchObject({ kind: "updated" });
    expect(fs.readFileSync(seen, "utf8")).toBe(V2);
    expect(fs.readFileSync(out, "utf8")).toBe(V2);
    expect(fs.readFileSync(`${out}.last-good`, "utf8")).toBe(V1);
    expect(reloadCount()).toBe(2);
  });

  test("a failed check leaves the live file and the proxy alone", async () => {
    freshDir();
    await pullOnce(options(), { etag: null });
    api.body = V2;
    const error = await pullOnce(options({ check: "echo 'emerg: bad directive' >&2; exit 1" }), { etag: null }).catch((e) => e);
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toContain("the check refused the new file (exit 1: emerg: bad directive)");
    expect(fs.readFileSync(out, "utf8")).toBe(V1);
    expect(reloadCount()).toBe(1);
  });

  test("a failed reload puts the previous file back", async () => {
    freshDir();
    await pullOnce(options(), { etag: null });
    api.body = V2;
    const error = await pullOnce(options({ reload: "exit 3" }), { etag: null }).catch((e) => e);
    expect(error.message).toContain("the reload failed (exit 3)");
    expect(fs.readFileSync(out, "utf8")).toBe(V1);
  });

  test.each<[FakeRoutingApi["mode"], string]>([
    ["401", "the server refused the token (401): The token is not valid."],
    ["500", "the server answered 500: Something broke."],
    ["hang", "within 0.3 s"],
  ])("a %s is an error that says so, and the file stays", async (mode, message) => {
    freshDir();
    await pullOnce(options(), { etag: null });
    api.mode = mode;
    const error = await pullOnce(options({ timeoutMs: 300 }), { etag: null }).catch((e) => e);
    expect(error).toBeInstanceOf(PullError);
    expect(error.message).toContain(message);
    expect(fs.readFileSync(out, "utf8")).toBe(V1);
  });

  test("an unreachable server is named", async () => {
    freshDir();
    const closed = await closedPort();
    const error = await pullOnce(options({ url: `http://127.0.0.1:${closed}` }), { etag: null }).catch((e) => e);
    expect(error.message).toBe(`could not reach http://127.0.0.1:${closed}: ECONNREFUSED`);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("routing pull --watch", () => {
  test.each([
    [0, 5_000],
    [1, 10_000],
    [2, 20_000],
    [5, 160_000],
    [6, 300_000],
    [60, 300_000],
  ])("after %i failures the next poll waits %i ms", (failures, delay) => {
    expect(backoffDelay(5_000, failures, 300_000)).toBe(delay);
  });

  test("polls, backs off while the server fails, and logs one line per change or error", async () => {
    freshDir();
    const controller = new AbortController();
    const lines: string[] = [];
    const delays: number[] = [];
    // Each "sleep" is where the world changes between two polls.
    const script = [() => (api.mode = "500"), () => undefined, () => ((api.mode = "ok"), (api.body = V2)), () => undefined, () => controller.abort()];
    await watchRouting(options(), {
      intervalMs: 5_000,
      maxBackoffMs: 300_000,
      log: (line) => lines.push(line),
      signal: controller.signal,
      sleep: async (ms) => {
        delays.push(ms);
        script[delays.length - 1]();
      },
    });
    expect(delays).toEqual([5_000, 10_000, 20_000, 5_000, 5_000]);
    expect(
      lines.map((l) =>
        l
          .replace(/^\S+ /, "")
          .replace(out, "OUT")
          .replace(/etag "[^"]+"/, 'etag "E"'),
      ),
    ).toEqual([
      `routing nginx OUT: updated (${V1.length} bytes, etag "E")`,
      "routing nginx OUT: error: the server answered 500: Something broke.; next try in 10 s",
      "routing nginx OUT: error: the server answered 500: Something broke.; next try in 20 s",
      "routing nginx OUT: the server answers again",
      `routing nginx OUT: updated (${V2.length} bytes, etag "E")`,
    ]);
    expect(fs.readFileSync(out, "utf8")).toBe(V2);
    // The log line's time is the pinned clock's (which started at TEST_START and runs on).
    const logged = Date.parse(lines[0].split(" ")[0]);
    expect(logged).toBeGreaterThanOrEqual(TEST_START.getTime());
    expect(logged).toBeLessThan(TEST_START.getTime() + 3_600_000);
  });
});

describe("routing diff", () => {
  async function run(args: string[]): Promise<{ code: number; out: string }> {
    const chunks: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (chunks.push(String(chunk)), true));
    const error = vi.spyOn(console, "error").mockImplementation((...parts) => void chunks.push(parts.join(" ")));
    try {
      return { code: await routingCommand(args), out: chunks.join("") };
    } finally {
      write.mockRestore();
      error.mockRestore();
    }
  }
  const args = () => ["diff", "--url", api.url, "--project", "prj_1", "--format", "nginx", "--token", api.token, out];

  test("exit 0 when the live file is what the server serves, 1 with a diff when it drifted, 2 when it cannot tell", async () => {
    freshDir();
    fs.writeFileSync(out, V1);
    expect(await run(args())).toEqual({ code: 0, out: "" });

    api.body = V2;
    const drift = await run(args());
    expect(drift.code).toBe(1);
    expect(drift.out).toContain(
      `--- ${out} (live)\n+++ ${api.url}/api/v1/projects/prj_1/routing?format=nginx (server)\n@@ -1,2 +1,2 @@\n-# waypoint v1\n-upstream waypoint_legacy { server 127.0.0.1:1; }\n+# waypoint v2\n+upstream waypoint_legacy { server 127.0.0.1:2; }\n`,
    );

    api.mode = "500";
    expect(await run(args())).toMatchObject({ code: 2, out: expect.stringContaining("the server answered 500") });
  });

  test("the diff is unified, with context, and stays linear on wholly different files", () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const b = a.replace("line 3\n", "line three\n").replace("line 15\n", "");
    expect(unifiedDiff(a, b, "a", "b")).toBe(
      "--- a\n+++ b\n@@ -1,7 +1,7 @@\n line 0\n line 1\n line 2\n-line 3\n+line three\n line 4\n line 5\n line 6\n@@ -13,7 +13,6 @@\n line 12\n line 13\n line 14\n-line 15\n line 16\n line 17\n line 18\n",
    );
    expect(unifiedDiff(a, a, "a", "b")).toBe("");
    const big = (tag: string) => Array.from({ length: 20_000 }, (_, i) => `${tag} ${i}`).join("\n");
    const whole = unifiedDiff(big("x"), big("y"), "a", "b");
    expect(whole.split("\n").filter((l) => l.startsWith("-x")).length).toBe(20_000);
  });
});

describe("the command line", () => {
  test("npx waypoint routing is registered; errors are one line; a missing token is named", async () => {
    freshDir();
    const env = { ...process.env, WAYPOINT_TOKEN: api.token };
    // (The fake API lives in this process, which spawnSync blocks: the child is sent to a closed port.)
    const closed = await closedPort();
    const result = spawnSync(
      process.execPath,
      ["bin/waypoint.mjs", "routing", "pull", "--url", `http://127.0.0.1:${closed}`, "--project", "p", "--format", "nginx", "--out", out],
      {
        env,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`waypoint routing: could not reach http://127.0.0.1:${closed}: ECONNREFUSED`);
    const noToken = spawnSync(
      process.execPath,
      ["bin/waypoint.mjs", "routing", "pull", "--url", api.url, "--project", "p", "--format", "nginx", "--out", out],
      {
        env: { ...process.env, WAYPOINT_TOKEN: "" },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain("routing needs a token: --token <t> or WAYPOINT_TOKEN.");
    const badFormat = spawnSync(process.execPath, ["bin/waypoint.mjs", "routing", "diff", "--url", api.url, "--project", "p", "--format", "caddy", out], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(badFormat.stderr).toContain("--format must be one of nginx, haproxy");
  }, 120_000);
});
