import { NextResponse, type NextRequest } from "next/server";
import { API_CSP, newNonce, pageCsp } from "@/lib/security/csp";
import { pagePath, REQUEST_PATH_HEADER } from "@/lib/pages/request-path";
import { HSTS, servedOverTls } from "@/lib/security/hsts";

/**
 * Runs before every request: a Content-Security-Policy with a fresh nonce for pages (Next.js reads
 * the policy from the request headers and puts the nonce on its scripts), a data-only policy for
 * the API. For pages it also records the path asked for (REQUEST_PATH_HEADER), which the page
 * guards send a signed-out visitor back to after sign-in. Over TLS it adds HSTS (lib/security/hsts.ts).
 */
export function proxy(request: NextRequest) {
  const tls = servedOverTls(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"), process.env.WAYPOINT_TRUST_PROXY === "1");
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", API_CSP);
    if (tls) response.headers.set("Strict-Transport-Security", HSTS);
    return response;
  }
  const nonce = newNonce();
  const csp = pageCsp(nonce, { dev: process.env.NODE_ENV === "development", githubSignIn: Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET) });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  headers.set(REQUEST_PATH_HEADER, pagePath(request.nextUrl));
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (tls) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Static files carry no script to protect and are served as they are.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
