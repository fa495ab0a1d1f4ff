/**
 * The client's network address, for throttling and the security log. `waypoint serve` writes it
 * into this header from the socket (or, with WAYPOINT_TRUST_PROXY=1, from the address the proxy in
 * front appended to X-Forwarded-For), replacing whatever the client sent, so it cannot be forged.
 */
export const CLIENT_ADDRESS_HEADER = "x-waypoint-client-address";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export function clientAddressOf(headers: HeaderBag | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || "unknown";
}

/** What the server writes into the header for one incoming request. */
export function addressForRequest(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  const socket = socketAddress?.replace(/^::ffff:/, "") || "unknown";
  if (!trustProxy || !forwardedFor) return socket;
  // The proxy appends the address it saw last; anything before it was written by the client.
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.at(-1)?.replace(/^::ffff:/, "") ?? socket;
}

/** The address of the request a server action runs for (the same header, set by `waypoint serve`). */
export async function actionClientAddress(): Promise<string> {
  const { headers } = await import("next/headers");
  return clientAddressOf(await headers());
}
