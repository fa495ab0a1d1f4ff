import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { constantTimeEqual, parsePushEvent, verifyWebhook } from "@/lib/repositories/webhooks";

const SECRET = "whsec-3c1f9a7e";
const A = "a".repeat(40);
const B = "b".repeat(40);
const ZERO = "0".repeat(40);

const gitHubPush = {
  ref: "refs/heads/main",
  before: A,
  after: B,
  created: false,
  deleted: false,
  forced: false,
  repository: { full_name: "acme/shop" },
  commits: [
    { id: B, added: ["shop/refunds.py"], modified: ["shop/orders/views.py"], removed: [] },
    { id: A, added: [], modified: ["shop/orders/views.py"], removed: ["shop/old.py"] },
  ],
};
const gitLabPush = {
  object_kind: "push",
  ref: "refs/heads/main",
  before: A,
  after: B,
  checkout_sha: B,
  total_commits_count: 1,
  project: { path_with_namespace: "acme/shop" },
  commits: [{ id: B, added: ["app/views.py"], modified: [], removed: [] }],
};

/** The signature GitHub computes: HMAC-SHA256 of the raw body with the webhook's secret. */
const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("verifying a webhook request", () => {
  const body = JSON.stringify(gitHubPush);

  test("GitHub: the right X-Hub-Signature-256 passes; a wrong, tampered or missing one does not", async () => {
    const verify = (headers: Record<string, string>, rawBody = body) => verifyWebhook({ provider: "github", secret: SECRET, headers, rawBody });
    expect(await verify({ "X-Hub-Signature-256": sign(body), "X-GitHub-Event": "push" })).toEqual({ ok: true });
    expect(await verify(new Headers({ "x-hub-signature-256": sign(body) }) as never)).toEqual({ ok: true });
    expect(await verify({ "X-Hub-Signature-256": sign(body, "another secret") })).toEqual({
      ok: false,
      reason: "invalid",
      message: "The X-Hub-Signature-256 signature does not match this repository's secret.",
    });
    expect(await verify({ "X-Hub-Signature-256": sign(body) }, body.replace("main", "mainx"))).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verify({ "X-Hub-Signature-256": sign(body).replace("sha256=", "sha1=") })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verify({ "X-Hub-Signature-256": "sha256=" })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verify({ "X-GitHub-Event": "push" })).toEqual({ ok: false, reason: "missing", message: "The request has no X-Hub-Signature-256 header." });
    // a GitLab-style token does not pass where the repository expects GitHub's signature
    expect(await verify({ "X-Gitlab-Token": SECRET })).toMatchObject({ ok: false, reason: "missing" });
  });

  test("GitLab: the right X-Gitlab-Token passes; a wrong or missing one does not", async () => {
    const verify = (headers: Record<string, string>) => verifyWebhook({ provider: "gitlab", secret: SECRET, headers, rawBody: "{}" });
    expect(await verify({ "X-Gitlab-Token": SECRET })).toEqual({ ok: true });
    expect(await verify({ "X-Gitlab-Token": SECRET + "x" })).toEqual({
      ok: false,
      reason: "invalid",
      message: "The X-Gitlab-Token does not match this repository's secret.",
    });
    expect(await verify({ "X-Gitlab-Token": SECRET.slice(0, -1) })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verify({})).toEqual({ ok: false, reason: "missing", message: "The request has no X-Gitlab-Token header." });
    expect(await verify({ "X-Hub-Signature-256": sign("{}") })).toMatchObject({ ok: false, reason: "missing" });
  });

  test("a repository without a secret accepts nothing", async () => {
    expect(await verifyWebhook({ provider: "gitlab", secret: "", headers: { "X-Gitlab-Token": "" }, rawBody: "{}" })).toMatchObject({ ok: false });
  });

  test("constant-time equality", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});

describe("reading a push", () => {
  test("GitHub: a push to the followed branch, with its commits and changed paths", () => {
    expect(parsePushEvent("github", { "X-GitHub-Event": "push" }, gitHubPush, "main")).toEqual({
      kind: "push",
      branch: "main",
      before: A,
      after: B,
      forced: false,
      changedPaths: ["shop/old.py", "shop/orders/views.py", "shop/refunds.py"],
    });
  });

  test("GitLab: the same, and no paths when the payload does not list every commit", () => {
    expect(parsePushEvent("gitlab", { "X-Gitlab-Event": "Push Hook" }, gitLabPush, "main")).toEqual({
      kind: "push",
      branch: "main",
      before: A,
      after: B,
      forced: false,
      changedPaths: ["app/views.py"],
    });
    expect(parsePushEvent("gitlab", { "X-Gitlab-Event": "Push Hook" }, { ...gitLabPush, total_commits_count: 40 }, "main")).toEqual({
      kind: "push",
      branch: "main",
      before: A,
      after: B,
      forced: false,
    });
    expect(parsePushEvent("gitlab", { "X-Gitlab-Event": "System Hook" }, gitLabPush, "main")).toMatchObject({ kind: "push" });
  });

  test("a force-push or a new branch: no path hints, the before commit as it is", () => {
    expect(parsePushEvent("github", { "X-GitHub-Event": "push" }, { ...gitHubPush, forced: true }, "main")).toEqual({
      kind: "push",
      branch: "main",
      before: A,
      after: B,
      forced: true,
    });
    expect(parsePushEvent("github", { "X-GitHub-Event": "push" }, { ...gitHubPush, before: ZERO, created: true }, "main")).toMatchObject({ before: null });
  });

  test.each([
    ["github", { "X-GitHub-Event": "push" }, { ...gitHubPush, ref: "refs/heads/feature/x" }, "a push to the branch feature/x; this repository follows main"],
    ["github", { "X-GitHub-Event": "push" }, { ...gitHubPush, ref: "refs/tags/v1.0" }, "a push to refs/tags/v1.0, not to a branch"],
    ["github", { "X-GitHub-Event": "push" }, { ...gitHubPush, after: ZERO, deleted: true }, "the branch main was deleted"],
    ["github", { "X-GitHub-Event": "ping" }, { zen: "Keep it logically awesome." }, "a ping: the webhook is set up"],
    ["github", { "X-GitHub-Event": "issues" }, {}, "an event of type 'issues', not a push"],
    ["gitlab", { "X-Gitlab-Event": "Push Hook" }, { ...gitLabPush, ref: "refs/heads/develop" }, "a push to the branch develop; this repository follows main"],
    ["gitlab", { "X-Gitlab-Event": "Tag Push Hook" }, { ...gitLabPush, ref: "refs/tags/v1" }, "an event of type 'Tag Push Hook', not a push"],
    ["gitlab", {}, gitLabPush, "an event of type '(none)', not a push"],
  ] as const)("%s: ignored — %j", (provider, headers, body, reason) => {
    expect(parsePushEvent(provider, headers, body, "main")).toEqual({ kind: "ignore", reason });
  });

  test("a push body of the wrong shape is refused", () => {
    expect(() => parsePushEvent("github", { "X-GitHub-Event": "push" }, { ref: "refs/heads/main", before: "x", after: B }, "main")).toThrow(/commit id/);
    expect(() => parsePushEvent("gitlab", { "X-Gitlab-Event": "Push Hook" }, null, "main")).toThrow();
  });
});
