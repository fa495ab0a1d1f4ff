/**
 * POSTing a notification (Slack, outbound webhooks) to the address that was checked
 * (outbound-url.ts `assertSendable`), not to whatever the host resolves to a moment later: the
 * socket connects to that IP, while the Host header, TLS SNI and the certificate check still use
 * the URL's host name. Sockets are kept alive per address and host name, so a reused connection
 * also goes to an address that was checked. No redirects are followed; the answer's text is kept
 * up to 500 characters (the rest of a large answer is read and dropped, never held).
 */
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { SendTarget } from "./outbound-url";

const TIMEOUT_MS = 15_000;
const KEEP_TEXT = 500;

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 50 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 50 }),
};

/** The request's options: where the socket connects (the checked address), and the names TLS and HTTP see. */
export function pinnedRequestOptions(target: SendTarget, headers: Record<string, string>, contentLength: number): https.RequestOptions {
  const { url, address } = target;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const https_ = url.protocol === "https:";
  return {
    method: "POST",
    protocol: url.protocol,
    host: address ?? hostname,
    port: url.port || (https_ ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    // SNI must be a name, never an IP literal; the certificate is checked against the host name.
    ...(https_ && !isIP(hostname) ? { servername: hostname } : {}),
    agent: agents[url.protocol as keyof typeof agents],
    headers: {
      host: url.host,
      "content-type": "application/json",
      "user-agent": "Waypoint-Notifications",
      "content-length": String(contentLength),
      ...headers,
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  };
}

export function postJson(target: SendTarget, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(body, "utf8");
  const options = pinnedRequestOptions(target, headers, payload.length);
  const request = target.url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (text.length < KEEP_TEXT) text += chunk.slice(0, KEEP_TEXT - text.length);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}
