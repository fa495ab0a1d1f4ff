import { describe, expect, test } from "vitest";
import { servedOverTls } from "@/lib/security/hsts";

describe("HSTS only over TLS", () => {
  test.each([
    ["https:", null, false, true],
    ["http:", null, false, false],
    ["http:", "https", false, false], // a forwarded header from an untrusted client means nothing
    ["http:", "https", true, true],
    ["http:", "HTTPS, http", true, true],
    ["http:", "http", true, false],
    ["http:", "", true, false],
  ])("%s with X-Forwarded-Proto %j, trust proxy %s → %s", (protocol, forwarded, trust, tls) => {
    expect(servedOverTls(protocol, forwarded, trust)).toBe(tls);
  });
});
