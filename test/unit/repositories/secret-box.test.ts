import { inspect } from "node:util";
import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { SecretBox, secretBoxFromEnv } from "@/lib/repositories/secret-box";
import { RepositoryError } from "@/lib/repositories/errors";

const KEY = randomBytes(32);
const OLD = randomBytes(32);
const env = (key: Buffer, previous?: Buffer[]) => ({
  WAYPOINT_SECRET_KEY: key.toString("base64"),
  ...(previous ? { WAYPOINT_SECRET_KEY_PREVIOUS: previous.map((k) => k.toString("base64")).join(",") } : {}),
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RepositoryError) return `${e.kind}: ${e.message}`;
    throw e;
  }
  return "ok";
}

describe("credentials at rest", () => {
  test("seal and open with the same key and context; each sealing differs", () => {
    const box = secretBoxFromEnv(env(KEY));
    const token = "ghp_" + "x".repeat(36);
    const a = box.seal(token, "repository:r1");
    const b = box.seal(token, "repository:r1");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^wsb1\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(token);
    expect(box.open(a, "repository:r1")).toBe(token);
    expect(box.open(b, "repository:r1")).toBe(token);
    expect(box.open(box.seal("-----BEGIN OPENSSH PRIVATE KEY-----\né\n"), "")).toBe("-----BEGIN OPENSSH PRIVATE KEY-----\né\n");
  });

  test("another context, another key, or an altered value does not open — with a message that reveals nothing", () => {
    const box = secretBoxFromEnv(env(KEY));
    const sealed = box.seal("ghp_secret_value", "repository:r1");
    expect(messageOf(() => box.open(sealed, "repository:r2"))).toBe(
      "misconfigured: The stored credential cannot be read: it was altered, or belongs to another record.",
    );
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === "A" ? "B" : "A") + sealed.at(-1);
    expect(messageOf(() => box.open(flipped, "repository:r1"))).toMatch(/it was altered/);
    expect(messageOf(() => secretBoxFromEnv(env(randomBytes(32))).open(sealed, "repository:r1"))).toMatch(/encrypted with another WAYPOINT_SECRET_KEY/);
    expect(messageOf(() => box.open("plain text", ""))).toMatch(/not in a format this version of Waypoint writes/);
    expect(messageOf(() => box.open("wsb1.x.y", ""))).toMatch(/not in a format/);
  });

  test("a previous key still opens what it sealed, and says it should be sealed again", () => {
    const old = secretBoxFromEnv(env(OLD)).seal("deploy key", "repository:r1");
    const rotated = secretBoxFromEnv(env(KEY, [OLD]));
    expect(rotated.open(old, "repository:r1")).toBe("deploy key");
    expect(rotated.needsReseal(old)).toBe(true);
    expect(rotated.needsReseal(rotated.seal("deploy key"))).toBe(false);
  });

  test.each([
    [
      {},
      "misconfigured: WAYPOINT_SECRET_KEY is not set: repository credentials cannot be stored. Set it to 32 random bytes in base64 (openssl rand -base64 32).",
    ],
    [
      { WAYPOINT_SECRET_KEY: randomBytes(16).toString("base64") },
      "misconfigured: WAYPOINT_SECRET_KEY must be 32 bytes in base64; it decodes to 16 bytes. Generate one with: openssl rand -base64 32",
    ],
    [{ WAYPOINT_SECRET_KEY: "not base64!" }, "misconfigured: WAYPOINT_SECRET_KEY is not base64. Generate one with: openssl rand -base64 32"],
    [
      { WAYPOINT_SECRET_KEY: KEY.toString("base64"), WAYPOINT_SECRET_KEY_PREVIOUS: "c2hvcnQ=" },
      "misconfigured: WAYPOINT_SECRET_KEY_PREVIOUS must be 32 bytes in base64; it decodes to 5 bytes. Generate one with: openssl rand -base64 32",
    ],
  ])("a missing or short key is a clear error (%j)", (environment, message) => {
    expect(messageOf(() => secretBoxFromEnv(environment))).toBe(message);
  });

  test("a base64url key is read too, and the key never shows when the box is logged", () => {
    const box = secretBoxFromEnv({ WAYPOINT_SECRET_KEY: KEY.toString("base64url") });
    expect(box.open(new SecretBox(KEY).seal("t"))).toBe("t");
    const shown = `${inspect(box)} ${JSON.stringify({ box })} ${String(Object.keys(box))}`;
    expect(shown).toBe('SecretBox { key: [hidden] } {"box":"[SecretBox]"} ');
    expect(shown).not.toContain(KEY.toString("base64"));
  });
});
