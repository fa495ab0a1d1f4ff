import { headers } from "next/headers";

/** The app's public origin: NEXTAUTH_URL when set, else the request's own host. */
export async function appUrl(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/$/, "");
  const h = await headers();
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${h.get("host") ?? "localhost:3000"}`;
}

/** The same for a route handler: NEXTAUTH_URL when set, else the request's own origin. */
export function appUrlOf(request: Request): string {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/$/, "");
  return new URL(request.url).origin;
}
