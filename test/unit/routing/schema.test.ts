import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { parseLedger, parseUpstreamUrl } from "@/lib/cutover/routing/schema";

const base = () => ({
  project: { id: "p1", slug: "demo" },
  upstreams: { legacy: { url: "http://10.0.0.5:8080" }, new: { url: "10.0.0.6:8080" } },
  legacyRetired: false,
  routes: [{ id: "r1", method: "GET", pattern: "/user/<int:id>", state: { kind: "canary", percent: 10 } }],
});

function refusal(mutate: (ledger: ReturnType<typeof base> & Record<string, unknown>) => void): string {
  const ledger = base() as ReturnType<typeof base> & Record<string, unknown>;
  mutate(ledger);
  try {
    parseLedger(ledger);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return JSON.stringify((error as AppError).details?.fields);
  }
  throw new Error("the ledger was accepted");
}

describe("upstream URLs", () => {
  test.each([
    ["http://10.0.0.5:8080", "http://10.0.0.5:8080", true],
    ["10.0.0.5:8080", "http://10.0.0.5:8080", true],
    ["https://Legacy.Internal:8443/", "https://legacy.internal:8443", false],
    ["https://legacy.internal", "https://legacy.internal:443", false],
    ["http://[::1]:9000", "http://[::1]:9000", true],
    ["legacy:80", "http://legacy:80", false],
  ])("%s → %s", (url, normalised, ip) => {
    expect(parseUpstreamUrl(url)).toMatchObject({ url: normalised, ip });
  });

  test.each([
    ["ftp://10.0.0.5:21", "http(s)"],
    ["http://10.0.0.5:8080/app", "no path"],
    ["http://user@10.0.0.5:8080", "DNS name"],
    ["http://10.0.0.5:8080?x=1", "no path"],
    ["http://10.0.0.5:0", "1–65535"],
    ["http://10.0.0.5:70000", "1–65535"],
    ["http://999.1.1.1:80", "DNS name"],
    ["http://[zz::1]:80", "http(s)"],
    ["http://a_b:80", "DNS name"],
    ["http://10.0.0.5:80\nserver evil 6.6.6.6:80", "control"],
    ["http://10.0.0.5:80;", "http(s)"],
    ['http://"x":80', "DNS name"],
    ["http://x}:80", "DNS name"],
    ["http://", "http(s)"],
  ])("%j is refused", (url, message) => {
    const parsed = parseUpstreamUrl(url);
    expect(typeof parsed).toBe("string");
    expect(parsed).toContain(message);
  });
});

describe("the ledger", () => {
  test("is accepted with defaults filled in", () => {
    const ledger = parseLedger(base());
    expect(ledger.stickiness).toEqual({ by: "address" });
    expect(ledger.upstreams.new.url).toBe("http://10.0.0.6:8080");
  });

  test.each<[string, (l: ReturnType<typeof base> & Record<string, unknown>) => void, string]>([
    ["a newline in a pattern", (l) => (l.routes[0].pattern = "/a\nserver { }"), "routes.0.pattern"],
    ["a space in a pattern", (l) => (l.routes[0].pattern = "/a b"), "routes.0.pattern"],
    ["a bidi override in a pattern", (l) => (l.routes[0].pattern = "/a\u202eb"), "routes.0.pattern"],
    ["a pattern not starting with /", (l) => (l.routes[0].pattern = "user"), "routes.0.pattern"],
    ["a lower-case method", (l) => (l.routes[0].method = "get"), "routes.0.method"],
    ["a method with a colon", (l) => (l.routes[0].method = "GET:"), "routes.0.method"],
    ["a canary of 0 %", (l) => (l.routes[0].state = { kind: "canary", percent: 0 }), "routes.0.state.percent"],
    ["a canary of 100 %", (l) => (l.routes[0].state = { kind: "canary", percent: 100 }), "routes.0.state.percent"],
    ["a fractional canary", (l) => (l.routes[0].state = { kind: "canary", percent: 12.5 }), "routes.0.state.percent"],
    ["an unknown state", (l) => (l.routes[0].state = { kind: "half" } as never), "routes.0.state"],
    ["an unknown field", (l) => (l.extra = 1), "_"],
    ["a route id with a space", (l) => (l.routes[0].id = "r 1"), "routes.0.id"],
    ["a repeated route id", (l) => l.routes.push({ ...l.routes[0], pattern: "/other" }), "routes.1.id"],
    ["an upstream with a path", (l) => (l.upstreams.legacy = { url: "http://10.0.0.5/app" }), "upstreams.legacy.url"],
    ["a header name with an underscore", (l) => (l.stickiness = { by: "header", name: "x_client" }), "stickiness.name"],
    ["a header name with a newline", (l) => (l.stickiness = { by: "header", name: "x\nserver" }), "stickiness.name"],
    ["a cookie name with a semicolon", (l) => (l.stickiness = { by: "cookie", name: "a;b" }), "stickiness.name"],
    ["a slug with a brace", (l) => (l.project = { id: "p1", slug: "demo}" }), "project.slug"],
  ])("refuses %s", (_what, mutate, field) => {
    expect(refusal(mutate)).toContain(`"${field}`);
  });
});
