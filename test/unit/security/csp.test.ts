import { describe, expect, test } from "vitest";
import { API_CSP, newNonce, pageCsp } from "@/lib/security/csp";

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split("; ").map((d) => {
      const [name, ...values] = d.split(" ");
      return [name, values];
    }),
  );

describe("21.14 Content-Security-Policy", () => {
  test("pages: scripts only with the nonce, no plugins, no framing, base and forms to the app itself", () => {
    const d = directives(pageCsp("abc123==", { dev: false, githubSignIn: false }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["script-src"]).not.toContain("'unsafe-eval'");
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
  });

  test("development adds only what Next.js's dev server needs; GitHub sign-in adds its form target", () => {
    const d = directives(pageCsp("n", { dev: true, githubSignIn: true }));
    expect(d["script-src"]).toContain("'unsafe-eval'");
    expect(d["connect-src"]).toEqual(["'self'", "ws:"]);
    expect(d["form-action"]).toEqual(["'self'", "https://github.com"]);
  });

  test("API responses may load nothing", () => {
    expect(directives(API_CSP)).toMatchObject({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });
  });

  test("a nonce is fresh every time and carries 128 bits", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
