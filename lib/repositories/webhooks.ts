/**
 * Push webhooks from GitHub and GitLab: checking that a request comes from the repository's host
 * (before anything is queued), and reading the push it announces.
 *
 *   GitHub  `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body>`, verified by
 *           @octokit/webhooks-methods (constant-time comparison).
 *   GitLab  `X-Gitlab-Token: <the secret itself>`, compared in constant time (both sides hashed
 *           first, so neither the length nor a prefix of the secret leaks through timing).
 *
 * The provider is the repository's setting, not a header's claim: a request cannot choose which
 * scheme it is checked by. The signature covers the raw body, so the route handler passes the
 * body text exactly as received (`await request.text()`), and parses JSON only after verifying.
 * Paths named in a payload are hints (GitLab lists 20 commits at most, a force-push's commits are
 * not its diff): the scan always asks git what changed.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { verify as verifyGitHubSignature } from "@octokit/webhooks-methods";
import { z } from "zod";

export type WebhookProvider = "github" | "gitlab";

/** A Fetch `Headers`, or a plain record (Node's IncomingHttpHeaders). Names are case-insensitive. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export type WebhookVerdict = { ok: true } | { ok: false; reason: "missing" | "invalid"; message: string };

/** Whether the request carries the repository's secret. A missing or wrong one answers 401 and queues nothing. */
export async function verifyWebhook(input: { provider: WebhookProvider; secret: string; headers: HeaderSource; rawBody: string }): Promise<WebhookVerdict> {
  const { provider, secret, headers, rawBody } = input;
  if (!secret) return { ok: false, reason: "invalid", message: "This repository has no webhook secret." };
  if (provider === "github") {
    const signature = header(headers, "x-hub-signature-256");
    if (!signature) return { ok: false, reason: "missing", message: "The request has no X-Hub-Signature-256 header." };
    if (!rawBody) return { ok: false, reason: "invalid", message: "The request has no body." };
    const valid = /^sha256=[0-9a-f]{64}$/.test(signature) && (await verifyGitHubSignature(secret, rawBody, signature));
    return valid ? { ok: true } : { ok: false, reason: "invalid", message: "The X-Hub-Signature-256 signature does not match this repository's secret." };
  }
  const token = header(headers, "x-gitlab-token");
  if (!token) return { ok: false, reason: "missing", message: "The request has no X-Gitlab-Token header." };
  return constantTimeEqual(token, secret)
    ? { ok: true }
    : { ok: false, reason: "invalid", message: "The X-Gitlab-Token does not match this repository's secret." };
}

/** Equal strings, in time that depends on neither their contents nor their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash("sha256").update(a, "utf8").digest();
  const y = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

// ---------------------------------------------------------------------------------------------
// Push payloads

export type PushEvent =
  | {
      kind: "push";
      branch: string;
      /** The branch's previous commit; null when the push created the branch. */
      before: string | null;
      after: string;
      forced: boolean;
      /** Paths the pushed commits added, modified or removed, when the payload lists them all. A hint only. */
      changedPaths?: string[];
    }
  | { kind: "ignore"; reason: string };

const commitId = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, "a commit id");
const paths = z.array(z.string()).optional();
const payloadCommit = z.object({ id: z.string().optional(), added: paths, modified: paths, removed: paths });

const gitHubPush = z.object({
  ref: z.string(),
  before: commitId,
  after: commitId,
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  commits: z.array(payloadCommit).optional(),
});

const gitLabPush = z.object({
  object_kind: z.literal("push").optional(),
  ref: z.string(),
  before: commitId,
  after: commitId,
  total_commits_count: z.number().int().nonnegative().optional(),
  commits: z.array(payloadCommit).optional(),
});

/** GitHub sends at most 2048 commits in a push payload; GitLab at most 20 (it says how many there were). */
const GITHUB_MAX_COMMITS = 2048;
const ZERO = /^0+$/;

/**
 * Reads a (verified) webhook request: a push to `branch` → what it moved; anything else (another
 * branch, a tag, a ping, another event, a deleted branch) → "ignore" with the reason.
 * Throws a zod error when the body is JSON of the wrong shape for a push.
 */
export function parsePushEvent(provider: WebhookProvider, headers: HeaderSource, body: unknown, branch: string): PushEvent {
  const event = provider === "github" ? header(headers, "x-github-event") : header(headers, "x-gitlab-event");
  if (provider === "github") {
    if (event === "ping") return { kind: "ignore", reason: "a ping: the webhook is set up" };
    if (event !== "push") return { kind: "ignore", reason: `an event of type '${event ?? "(none)"}', not a push` };
  } else if (event !== "Push Hook" && !(event === "System Hook" && (body as { object_kind?: unknown })?.object_kind === "push")) {
    return { kind: "ignore", reason: `an event of type '${event ?? "(none)"}', not a push` };
  }
  const push = provider === "github" ? gitHubPush.parse(body) : gitLabPush.parse(body);
  if (!push.ref.startsWith("refs/heads/")) return { kind: "ignore", reason: `a push to ${push.ref}, not to a branch` };
  const pushed = push.ref.slice("refs/heads/".length);
  if (pushed !== branch) return { kind: "ignore", reason: `a push to the branch ${pushed}; this repository follows ${branch}` };
  if (ZERO.test(push.after)) return { kind: "ignore", reason: `the branch ${branch} was deleted` };

  const forced = provider === "github" ? (push as z.infer<typeof gitHubPush>).forced === true : false;
  const commits = push.commits ?? [];
  const complete =
    !forced && (provider === "github" ? commits.length < GITHUB_MAX_COMMITS : (push as z.infer<typeof gitLabPush>).total_commits_count === commits.length);
  const changed = new Set<string>();
  for (const c of commits) for (const p of [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]) changed.add(p);
  return {
    kind: "push",
    branch,
    before: ZERO.test(push.before) ? null : push.before,
    after: push.after,
    forced,
    ...(complete && commits.length > 0 ? { changedPaths: [...changed].sort() } : {}),
  };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
