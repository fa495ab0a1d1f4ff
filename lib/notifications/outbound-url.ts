/**
 * Where Waypoint may send notifications (Slack webhooks, outbound webhooks). Like repository
 * remotes, a hosted instance must not become a way into its own network: `https://` only, no
 * credentials in the URL, and a host that is not (and does not resolve to) a loopback, private,
 * link-local or reserved address — unless the operator sets WAYPOINT_ALLOW_PRIVATE_WEBHOOKS=1
 * (a receiver on the company network; then plain `http://` is allowed too).
 */
import { isIP } from "node:net";
import { invalid } from "@/lib/errors";
import { restrictedAddress, systemResolver, type HostResolver } from "@/lib/repositories/remote-policy";

export const allowPrivateWebhooks = (env: Record<string, string | undefined> = process.env) => env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS === "1";

/** The URL, checked as far as it can be without resolving the host; throws `invalid` otherwise. */
export function checkOutboundUrl(raw: string, allowPrivate = allowPrivateWebhooks()): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid("This is not a URL.", { url: ["Not a URL."] });
  }
  const schemes = allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) throw invalid("The URL must start with https://.", { url: ["Use https://."] });
  if (url.username || url.password) throw invalid("Put no user name or password in the URL.", { url: ["No credentials in the URL."] });
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && restrictedAddress(host)))) {
    throw invalid("The URL points at this machine or a private network.", { url: ["Not a public address."] });
  }
  return url;
}

/**
 * Where a send goes: the URL, and the address it was checked against. The request must connect to
 * exactly that address (pinned-post.ts): resolving the host again at connect time would let a
 * DNS answer that changed in between (DNS rebinding) reach a private address. `address` is null
 * only when private receivers are allowed (nothing was checked: the system resolves as usual).
 */
export type SendTarget = { url: URL; address: string | null };

/** Before each send: the host must resolve to public addresses only (unless allowed); the first one is the one to connect to. */
export async function assertSendable(raw: string, resolve: HostResolver = systemResolver, allowPrivate = allowPrivateWebhooks()): Promise<SendTarget> {
  const url = checkOutboundUrl(raw, allowPrivate);
  if (allowPrivate) return { url, address: null };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await resolve(host);
  if (addresses.length === 0) throw new Error(`The host ${host} does not resolve to any address.`);
  const bad = addresses.find((a) => restrictedAddress(a));
  if (bad) throw new Error(`The host ${host} resolves to ${restrictedAddress(bad)} address (${bad}): refused, as it is not a public address.`);
  return { url, address: addresses[0] };
}

/** A URL shown back without its secret part: host and the last four characters. */
export function urlHint(raw: string): string {
  const url = new URL(raw);
  return `${url.protocol}//${url.host}/…${raw.slice(-4)}`;
}
