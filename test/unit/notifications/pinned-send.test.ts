/**
 * DNS pinning of outbound sends (Slack, webhooks): the address checked by `assertSendable` is the
 * one the request connects to — a resolver that answers a public address first and a loopback one
 * the second time (DNS rebinding) is asked once, and the request never resolves the name again.
 */
import { describe, expect, test } from "vitest";
import { assertSendable } from "@/lib/notifications/outbound-url";
import { pinnedRequestOptions } from "@/lib/notifications/pinned-post";

/** Answers `first` on the first question and 127.0.0.1 on every later one; counts the questions. */
function rebinding(first: string) {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    return asked.length === 1 ? [first] : ["127.0.0.1"];
  };
  return { resolve, asked };
}

describe("outbound sends are pinned to the checked address", () => {
  test("a rebinding resolver: the public answer is checked, and the request connects to it by IP, named by the host", async () => {
    const dns = rebinding("93.184.216.34");
    const target = await assertSendable("https://hooks.example.com/in/abc?x=1", dns.resolve, false);
    expect(target.address).toBe("93.184.216.34");
    const options = pinnedRequestOptions(target, { "webhook-id": "msg_1" }, 12);
    expect(options.host).toBe("93.184.216.34");
    expect(options.hostname).toBeUndefined();
    expect(options.lookup).toBeUndefined();
    expect(options.port).toBe(443);
    expect(options.path).toBe("/in/abc?x=1");
    // TLS: SNI and the certificate check on the host name, not on the IP.
    expect(options.servername).toBe("hooks.example.com");
    expect(options.headers).toMatchObject({ host: "hooks.example.com", "webhook-id": "msg_1", "content-length": "12" });
    // The second (loopback) answer was never asked for: nothing resolves the name again.
    expect(dns.asked).toEqual(["hooks.example.com"]);
  });

  test("the check fails when the first answer is already private; the error names the address", async () => {
    const dns = rebinding("10.1.2.3");
    await expect(assertSendable("https://hooks.example.com/in", dns.resolve, false)).rejects.toThrow(/hooks\.example\.com resolves to .*\(10\.1\.2\.3\)/);
  });

  test("any private address among the answers refuses the send", async () => {
    await expect(assertSendable("https://hooks.example.com/in", async () => ["93.184.216.34", "127.0.0.1"], false)).rejects.toThrow(/127\.0\.0\.1/);
  });

  test("a host with no address is refused rather than left to resolve at connect time", async () => {
    await expect(assertSendable("https://hooks.example.com/in", async () => [], false)).rejects.toThrow(/does not resolve/);
  });

  test("an IP literal is its own address; a port and IPv6 are kept; no SNI for an IP", async () => {
    const v4 = await assertSendable("https://93.184.216.34:8443/hook", async () => ["127.0.0.1"], false);
    expect(v4.address).toBe("93.184.216.34");
    const o4 = pinnedRequestOptions(v4, {}, 0);
    expect(o4).toMatchObject({ host: "93.184.216.34", port: "8443" });
    expect(o4.servername).toBeUndefined();
    const v6 = await assertSendable("https://hooks.example.com/hook", async () => ["2606:2800:220:1:248:1893:25c8:1946"], false);
    expect(pinnedRequestOptions(v6, {}, 0)).toMatchObject({ host: "2606:2800:220:1:248:1893:25c8:1946", servername: "hooks.example.com" });
  });

  test("private receivers allowed by the operator: nothing is checked, the name is resolved as usual", async () => {
    const dns = rebinding("10.1.2.3");
    const target = await assertSendable("http://receiver.internal:8080/hook", dns.resolve, true);
    expect(target.address).toBeNull();
    expect(dns.asked).toEqual([]);
    expect(pinnedRequestOptions(target, {}, 0)).toMatchObject({ host: "receiver.internal", port: "8080", protocol: "http:" });
  });
});
