/**
 * The push webhook of one repository (`POST /api/hooks/repositories/{repoId}`), public: the
 * signature is the authorisation. In order:
 *   1. the body is read up to PUSH_WEBHOOK_MAX_BYTES (413 beyond, before anything else);
 *   2. the signature is checked with the repository's secret and provider (webhooks.ts). An
 *      unknown repository is checked against a throw-away secret: it answers the same 401 as a
 *      wrong signature, so the endpoint tells nobody which repository ids exist;
 *   3. only then is the JSON read: a ping or another event → 200 with the reason; a push to
 *      another branch, a tag or a deleted branch → 202 "ignored", nothing queued;
 *   4. a push to the followed branch → one queued scan (a scan already waiting covers it) → 202.
 * Failed signatures count against the client's address like failed token checks: guessing is
 * slowed for every instance at once, and a locked address gets 429 before anything is read.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/api/handler";
import { clientAddressOf } from "@/lib/auth/client-address";
import { lockedFor, recordFailure, RULES, throttleKeys } from "@/lib/auth/throttle";
import { parsePushEvent, verifyWebhook, type WebhookProvider } from "./webhooks";
import { secretBoxFromEnv } from "./secret-box";
import { webhookContext } from "./manage";
import { queueScan } from "./run-scan";

/** GitHub caps a push payload at 25 MB, but one that large lists thousands of commits the scan never reads. */
export const PUSH_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;

export type WebhookAnswer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

const UNAUTHORISED: WebhookAnswer = {
  status: 401,
  body: { error: { code: "unauthenticated", message: "The webhook's signature is missing or does not match this repository's secret." } },
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function handlePushWebhook(db: Db, repositoryId: string, request: Request): Promise<WebhookAnswer> {
  const throttleKey = throttleKeys.pushWebhookAddress(clientAddressOf(request.headers));
  const wait = await lockedFor(db, [throttleKey]);
  if (wait > 0) {
    const message = `Too many webhook calls with a wrong signature from this address: try again in ${wait} s.`;
    return { status: 429, body: { error: { code: "rate_limited", message } }, headers: { "Retry-After": String(wait) } };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBodyLimited(request, PUSH_WEBHOOK_MAX_BYTES);
  } catch (error) {
    if (error instanceof AppError) return { status: 413, body: { error: { code: error.code, message: error.message } } };
    throw error;
  }
  let rawBody: string;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    rawBody = "";
  }
  const repository = ID.test(repositoryId)
    ? await db.repository.findUnique({
        where: { id: repositoryId },
        select: { id: true, organizationId: true, projectId: true, branch: true, webhookProvider: true, webhookSecretSealed: true },
      })
    : null;
  let secret = randomBytes(32).toString("base64url");
  let provider: WebhookProvider = "github";
  if (repository?.webhookSecretSealed) {
    provider = repository.webhookProvider === "gitlab" ? "gitlab" : "github";
    try {
      secret = secretBoxFromEnv().open(repository.webhookSecretSealed, webhookContext(repository.id));
    } catch (error) {
      console.error(`[repositories] the webhook secret of ${repository.id} cannot be opened:`, (error as Error).message);
    }
  }
  const verdict = await verifyWebhook({ provider, secret, headers: request.headers, rawBody });
  if (!verdict.ok || !repository || !rawBody) {
    await recordFailure(db, [{ key: throttleKey, rule: RULES.address }]);
    return UNAUTHORISED;
  }

  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: { code: "invalid_input", message: "The webhook's body is not JSON." } } };
  }
  let event: ReturnType<typeof parsePushEvent>;
  try {
    event = parsePushEvent(provider, request.headers, payload, repository.branch);
  } catch {
    return { status: 400, body: { error: { code: "invalid_input", message: "The body is not a push event this endpoint understands." } } };
  }
  if (event.kind === "ignore") {
    const ping = /ping/.test(event.reason);
    return { status: ping ? 200 : 202, body: { ignored: true, reason: event.reason } };
  }
  const { scan, created } = await db.$transaction((tx) => queueScan(tx, repository, { trigger: "push", full: false, requestedById: null }));
  return { status: 202, body: { queued: true, scanId: scan.id, coalesced: !created, commit: event.after } };
}
