/**
 * Credentials at rest (repository tokens, deploy keys): AES-256-GCM with a key from
 * WAYPOINT_SECRET_KEY (32 random bytes, base64: `openssl rand -base64 32`).
 *
 * Format (one string, safe in a text column): `wsb1.<key id>.<iv>.<ciphertext + tag>`, the parts
 * base64url. `wsb1` is the format's version; the key id is the first 8 bytes of the key's SHA-256,
 * so a value sealed under another key is recognised as such instead of failing as "corrupt". An
 * optional context (e.g. the repository's id) is bound as associated data: a ciphertext copied to
 * another row does not open there. Rotation: set the new key in WAYPOINT_SECRET_KEY and the old
 * one(s) in WAYPOINT_SECRET_KEY_PREVIOUS (comma-separated); `open` reads both and `needsReseal`
 * says which values to seal again.
 *
 * Neither the key nor a plaintext is ever put in a message, a log line or an inspected object.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { RepositoryError } from "./errors";

const VERSION = "wsb1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Key = { id: string; bytes: Buffer };

export class SecretBox {
  readonly #current: Key;
  readonly #all: Map<string, Key>;

  constructor(key: Buffer, previous: Buffer[] = []) {
    this.#current = toKey(key, "WAYPOINT_SECRET_KEY");
    this.#all = new Map([this.#current, ...previous.map((k) => toKey(k, "WAYPOINT_SECRET_KEY_PREVIOUS"))].map((k) => [k.id, k]));
  }

  /** Encrypts a credential. `context` (e.g. "repository:<id>") must be given again to open it. */
  seal(plaintext: string, context = ""): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#current.bytes, iv);
    cipher.setAAD(aad(this.#current.id, context));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.#current.id, iv.toString("base64url"), body.toString("base64url")].join(".");
  }

  /** Decrypts what `seal` produced with the same context. Throws a RepositoryError without details on any mismatch. */
  open(sealed: string, context = ""): string {
    const parts = sealed.split(".");
    if (parts.length !== 4 || parts[0] !== VERSION) throw unreadable("it is not in a format this version of Waypoint writes");
    const [, id, ivText, bodyText] = parts;
    const key = this.#all.get(id);
    if (!key)
      throw unreadable("it was encrypted with another WAYPOINT_SECRET_KEY (set the old key in WAYPOINT_SECRET_KEY_PREVIOUS, or enter the credential again)");
    const iv = Buffer.from(ivText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw unreadable("it is truncated");
    try {
      const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv);
      decipher.setAAD(aad(id, context));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw unreadable("it was altered, or belongs to another record");
    }
  }

  /** True when the value was sealed under a previous key (seal it again with the current one). */
  needsReseal(sealed: string): boolean {
    return sealed.split(".")[1] !== this.#current.id;
  }

  [inspect.custom](): string {
    return "SecretBox { key: [hidden] }";
  }

  toJSON(): string {
    return "[SecretBox]";
  }
}

/** The box for WAYPOINT_SECRET_KEY (and WAYPOINT_SECRET_KEY_PREVIOUS); a clear error when it is missing or not 32 bytes. */
export function secretBoxFromEnv(env: Record<string, string | undefined> = process.env): SecretBox {
  const raw = env.WAYPOINT_SECRET_KEY?.trim();
  if (!raw) {
    throw new RepositoryError(
      "misconfigured",
      "WAYPOINT_SECRET_KEY is not set: repository credentials cannot be stored. Set it to 32 random bytes in base64 (openssl rand -base64 32).",
    );
  }
  const previous = (env.WAYPOINT_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => decodeKey(s, "WAYPOINT_SECRET_KEY_PREVIOUS"));
  return new SecretBox(decodeKey(raw, "WAYPOINT_SECRET_KEY"), previous);
}

function decodeKey(text: string, name: string): Buffer {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) throw new RepositoryError("misconfigured", `${name} is not base64. Generate one with: openssl rand -base64 32`);
  const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length !== 32) {
    throw new RepositoryError(
      "misconfigured",
      `${name} must be 32 bytes in base64; it decodes to ${bytes.length} bytes. Generate one with: openssl rand -base64 32`,
    );
  }
  return bytes;
}

function toKey(bytes: Buffer, name: string): Key {
  if (bytes.length !== 32) throw new RepositoryError("misconfigured", `${name} must be 32 bytes; it is ${bytes.length}.`);
  return { id: createHash("sha256").update(bytes).digest().subarray(0, 8).toString("base64url"), bytes: Buffer.from(bytes) };
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}\u0000${keyId}\u0000${context}`, "utf8");
}

function unreadable(why: string): RepositoryError {
  return new RepositoryError("misconfigured", `The stored credential cannot be read: ${why}.`);
}
