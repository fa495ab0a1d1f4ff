/**
 * An outbound webhook request per the Standard Webhooks spec: the JSON payload
 * `{type, timestamp, data}`, headers webhook-id (the event's id: the same on every retry and
 * redelivery, so a receiver can drop repeats), webhook-timestamp (seconds) and webhook-signature
 * (`v1,<base64 HMAC-SHA256>` of "id.timestamp.payload", by the `standardwebhooks` library).
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export type WebhookMessage = { id: string; type: string; at: Date; data: Record<string, unknown> };

export function signedRequest(secret: string, message: WebhookMessage, now: Date) {
  const body = JSON.stringify({ type: message.type, timestamp: message.at.toISOString(), data: message.data });
  const headers = {
    "webhook-id": message.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(message.id, now, body),
  };
  return { body, headers };
}
