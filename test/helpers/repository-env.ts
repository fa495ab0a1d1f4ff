/**
 * What a test of the scan runner needs around it: a temporary folder whose `remotes/` is the only
 * place file:// remotes are allowed (WAYPOINT_REPOSITORY_ROOT), clones beside it, a sealing key,
 * and the push webhook's route handler served over real HTTP; plus GitHub's signed push requests.
 * Call `repositoryEnv(prefix)` at the top of a test file: it registers its own beforeAll/afterAll.
 */
import fs from "node:fs";
import path from "node:path";
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { serveApi } from "./api-server";
import { tempRoot } from "./git-repo";
import { POST as pushHook } from "@/app/api/hooks/repositories/[repoId]/route";

export function repositoryEnv(prefix: string) {
  const root = tempRoot(prefix);
  const remotes = path.join(root.dir, "remotes");
  fs.mkdirSync(remotes, { recursive: true });
  const env = {
    WAYPOINT_SECRET_KEY: randomBytes(32).toString("base64"),
    WAYPOINT_REPOSITORY_ROOT: remotes,
    WAYPOINT_REPOSITORY_DIR: path.join(root.dir, "clones"),
    WAYPOINT_GIT_TIMEOUT_SECONDS: "30",
  };
  const saved: Record<string, string | undefined> = {};
  const handle = {
    root,
    remotes,
    env,
    server: null as Awaited<ReturnType<typeof serveApi>> | null,
    hookUrl: (repositoryId: string) => `${handle.server!.url}/api/hooks/repositories/${repositoryId}`,
  };
  beforeAll(async () => {
    for (const k of Object.keys(env)) saved[k] = process.env[k];
    Object.assign(process.env, env);
    handle.server = await serveApi([{ path: "/api/hooks/repositories/{repoId}", handlers: { POST: pushHook as never } }]);
  });
  afterAll(async () => {
    await handle.server?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    root.remove();
  });
  return handle;
}

/** A request as GitHub sends it: the body signed with the repository's secret (X-Hub-Signature-256). */
export function signedPush(secret: string, body: object, event = "push") {
  const raw = JSON.stringify(body);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`,
    },
    body: raw,
  };
}

/** GitHub's push payload: `before` → `after` on a branch, the paths a hint only. */
export const pushBody = (before: string, after: string, branch = "main", paths: string[] = []) => ({
  ref: `refs/heads/${branch}`,
  before,
  after,
  forced: false,
  commits: [{ id: after, added: [], modified: paths, removed: [] }],
});
