/**
 * Which repository locations a Waypoint instance will fetch from. A hosted instance must not
 * become a way into its own machine or network, so:
 *   - remotes are `https://…`, `ssh://…` or scp-style `user@host:org/repo.git`, and their host must
 *     not be (or resolve to) a loopback, link-local, private, shared (CGNAT), unspecified,
 *     multicast or reserved address — unless the operator sets WAYPOINT_ALLOW_PRIVATE_REMOTES=1;
 *   - `file://` remotes and folders on the server only below WAYPOINT_REPOSITORY_ROOT (none by
 *     default: refused), symbolic links resolved before the check;
 *   - git's remote helpers (`ext::`, `fd::`, any `transport::address`), plain `http://` and
 *     `git://`, credentials written into the URL, control characters and values that look like
 *     command-line options (`-…`) are refused.
 * The host is resolved now (the resolver is injected in tests); git.ts then pins the connection to
 * the addresses checked here, so a DNS answer that changes in between cannot move the fetch.
 */
import { lookup } from "node:dns/promises";
import { realpath, stat } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RepositoryError } from "./errors";

export type RemotePolicy = {
  /** The folder under which server folders and `file://` remotes are allowed; null: none are. */
  repositoryRoot: string | null;
  /** WAYPOINT_ALLOW_PRIVATE_REMOTES=1: hosts on loopback/private networks are allowed. */
  allowPrivate: boolean;
};

export function remotePolicyFromEnv(env: Record<string, string | undefined> = process.env): RemotePolicy {
  const root = env.WAYPOINT_REPOSITORY_ROOT?.trim();
  return { repositoryRoot: root ? root : null, allowPrivate: env.WAYPOINT_ALLOW_PRIVATE_REMOTES === "1" };
}

/** Host name → every address it resolves to (A and AAAA). */
export type HostResolver = (host: string) => Promise<string[]>;

const RESOLVE_TIMEOUT_MS = 10_000;

export const systemResolver: HostResolver = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEOUT" })), RESOLVE_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
    return found.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

export type CheckedRemote =
  | {
      transport: "https" | "ssh";
      /** What git is given: normalised, never holding a credential. */
      url: string;
      host: string;
      port: number;
      /** The addresses the host resolved to when checked (empty when private remotes are allowed: not pinned). */
      addresses: string[];
    }
  | { transport: "file"; url: string; /** The real path of the folder, inside the repository root. */ path: string };

const MAX_LENGTH = 2048;

/** Validates a repository location against the policy. Throws RepositoryError("refused" | "unreachable"). */
export async function checkRemote(input: string, policy: RemotePolicy, resolve: HostResolver = systemResolver): Promise<CheckedRemote> {
  const value = input.trim();
  if (value === "") throw refused("Enter the repository's location.");
  if (value.length > MAX_LENGTH) throw refused(`The repository location is longer than ${MAX_LENGTH} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw refused("The repository location contains a line break or another control character.");
  if (value.startsWith("-")) throw refused("The repository location starts with '-', which git would read as a command-line option.");

  const helper = /^([A-Za-z][A-Za-z0-9+.-]*)::/.exec(value);
  if (helper) {
    throw refused(`git remote helpers ('${helper[1]}::…') are refused: they run programs on the server. Use an https:// or ssh:// remote.`);
  }

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1].toLowerCase();
  if (scheme !== undefined) {
    switch (scheme) {
      case "https":
        return checkHostRemote("https", value, policy, resolve);
      case "ssh":
      case "git+ssh":
      case "ssh+git":
        return checkHostRemote("ssh", "ssh://" + value.slice(value.indexOf("://") + 3), policy, resolve);
      case "file":
        return checkLocal(fileUrlPath(value), policy);
      case "http":
        throw refused("Plain http:// remotes are refused (the token would travel unencrypted): use https://.");
      case "git":
        throw refused("git:// remotes are refused (unencrypted and unauthenticated): use https:// or ssh://.");
      default:
        throw refused(`The '${scheme}://' transport is not supported: use https://, ssh:// or git@host:org/repo.git.`);
    }
  }
  if (value.startsWith("/")) return checkLocal(value, policy);

  // scp-like: [user@]host:path — git's rule: a colon before any slash, and no "://"
  const scp = /^(?:([^@/:\s]+)@)?(\[[^\]]+\]|[^@/:\s[\]]+):(.*)$/.exec(value);
  if (scp) {
    const [, , rawHost, repoPath] = scp;
    const host = rawHost.replace(/^\[(.*)\]$/, "$1");
    if (host.startsWith("-")) throw refused("The host starts with '-', which ssh would read as an option.");
    if (repoPath === "" || repoPath.startsWith("-")) throw refused("The repository path after ':' is empty or starts with '-'.");
    if (/\s/.test(value)) throw refused("The repository location contains spaces.");
    const checkedHost = await checkHost(host, policy, resolve);
    return { transport: "ssh", url: value, host: checkedHost.host, port: 22, addresses: checkedHost.addresses };
  }
  throw refused("Not a repository location Waypoint accepts: use https://…, ssh://…, git@host:org/repo.git, or a folder on the server.");
}

async function checkHostRemote(transport: "https" | "ssh", value: string, policy: RemotePolicy, resolve: HostResolver): Promise<CheckedRemote> {
  if (/\s/.test(value)) throw refused("The repository location contains spaces.");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refused("The repository URL cannot be parsed.");
  }
  if (url.password || (transport === "https" && url.username)) {
    throw refused("The URL holds a credential: remove it and enter the token (or deploy key) in the credentials field, where it is stored encrypted.");
  }
  if (url.search || url.hash) throw refused("The repository URL has a query string or fragment: remove it.");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") throw refused("The repository URL has no host.");
  if (host.startsWith("-") || decodeURIComponent(url.username).startsWith("-"))
    throw refused("The host or user starts with '-', which ssh would read as an option.");
  if (url.pathname === "" || url.pathname === "/") throw refused("The repository URL has no path to a repository.");
  const checked = await checkHost(host, policy, resolve);
  const port = url.port ? Number(url.port) : transport === "https" ? 443 : 22;
  return { transport, url: url.href, host: checked.host, port, addresses: checked.addresses };
}

async function checkHost(rawHost: string, policy: RemotePolicy, resolve: HostResolver): Promise<{ host: string; addresses: string[] }> {
  const host = canonicalHost(rawHost);
  if (policy.allowPrivate) return { host, addresses: [] };
  if (isIP(host)) {
    const reason = restrictedAddress(host);
    if (reason) throw refused(`${host} is ${reason} address; such remotes are refused unless the operator sets WAYPOINT_ALLOW_PRIVATE_REMOTES=1.`);
    return { host, addresses: [host] };
  }
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new RepositoryError(
      "unreachable",
      code === "ETIMEOUT" ? `Looking up ${host} timed out.` : `The host ${host} does not resolve (${code ?? "lookup failed"}).`,
    );
  }
  if (addresses.length === 0) throw new RepositoryError("unreachable", `The host ${host} does not resolve.`);
  for (const address of addresses) {
    const reason = restrictedAddress(address);
    if (reason) {
      throw refused(`${host} resolves to ${address}, ${reason} address; such remotes are refused unless the operator sets WAYPOINT_ALLOW_PRIVATE_REMOTES=1.`);
    }
  }
  return { host, addresses };
}

/**
 * The host as the URL standard reads it: IPv4 written in decimal, octal or hex ("2130706433",
 * "0x7f.1") becomes dotted, upper case becomes lower, so the check sees what curl and ssh will.
 */
function canonicalHost(host: string): string {
  try {
    const hostname = new URL(`http://${host.includes(":") ? `[${host}]` : host}/`).hostname;
    return hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    throw refused(`'${host}' is not a valid host name.`);
  }
}

function fileUrlPath(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refused("The file:// URL cannot be parsed.");
  }
  if (url.hostname !== "" && url.hostname !== "localhost") throw refused("A file:// URL must name a folder on this server (file:///path).");
  if (url.search || url.hash) throw refused("The file:// URL has a query string or fragment: remove it.");
  return fileURLToPath(url);
}

async function checkLocal(folder: string, policy: RemotePolicy): Promise<CheckedRemote> {
  if (!policy.repositoryRoot) {
    throw refused("Folders on the server and file:// remotes are refused: the operator has not set WAYPOINT_REPOSITORY_ROOT.");
  }
  let root: string;
  try {
    root = await realpath(policy.repositoryRoot);
  } catch {
    throw new RepositoryError("misconfigured", "WAYPOINT_REPOSITORY_ROOT names a folder that does not exist.");
  }
  let real: string;
  try {
    real = await realpath(path.resolve(folder));
  } catch {
    throw new RepositoryError("unreachable", `The folder ${folder} does not exist on the server.`);
  }
  const relative = path.relative(root, real);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw refused(`The folder ${folder} is outside the repository root the operator allows (WAYPOINT_REPOSITORY_ROOT).`);
  }
  if (!(await stat(real)).isDirectory()) throw new RepositoryError("unreachable", `${folder} is not a folder.`);
  return { transport: "file", url: pathToFileURL(real).href, path: real };
}

function refused(message: string): RepositoryError {
  return new RepositoryError("refused", message);
}

// ---------------------------------------------------------------------------------------------
// Address classes

type Range = { bytes: number[]; bits: number; reason: string };

const V4: Range[] = [
  ["0.0.0.0", 8, "an unspecified (this-network)"],
  ["10.0.0.0", 8, "a private (RFC 1918)"],
  ["100.64.0.0", 10, "a shared (carrier-grade NAT)"],
  ["127.0.0.0", 8, "a loopback"],
  ["169.254.0.0", 16, "a link-local"],
  ["172.16.0.0", 12, "a private (RFC 1918)"],
  ["192.0.0.0", 24, "a reserved (IETF protocol)"],
  ["192.168.0.0", 16, "a private (RFC 1918)"],
  ["198.18.0.0", 15, "a reserved (benchmarking)"],
  ["224.0.0.0", 4, "a multicast"],
  ["240.0.0.0", 4, "a reserved"],
].map(([a, bits, reason]) => ({ bytes: parseV4(a as string)!, bits: bits as number, reason: reason as string }));

const V6: Range[] = [
  ["::", 128, "an unspecified"],
  ["::1", 128, "a loopback"],
  ["fe80::", 10, "a link-local"],
  ["fec0::", 10, "a site-local"],
  ["fc00::", 7, "a unique local (private IPv6)"],
  ["ff00::", 8, "a multicast"],
].map(([a, bits, reason]) => ({ bytes: parseV6(a as string)!, bits: bits as number, reason: reason as string }));

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: that address is checked too. */
const V6_EMBEDDING_V4: Range[] = [
  ["::ffff:0:0", 96, "IPv4-mapped"],
  ["::", 96, "IPv4-compatible"],
  ["64:ff9b::", 96, "NAT64"],
].map(([a, bits, reason]) => ({ bytes: parseV6(a as string)!, bits: bits as number, reason: reason as string }));

/**
 * Why an address may not be fetched from ("a loopback", "a private (RFC 1918)", …), or undefined
 * when it is a public address.
 */
export function restrictedAddress(address: string): string | undefined {
  const v4 = parseV4(address);
  if (v4) return V4.find((r) => inRange(v4, r))?.reason;
  const v6 = parseV6(address);
  if (!v6) return "an unparseable";
  const direct = V6.find((r) => inRange(v6, r));
  if (direct) return direct.reason;
  // 6to4 (2002:AABB:CCDD::/16) embeds the IPv4 address in bits 16–48
  if (v6[0] === 0x20 && v6[1] === 0x02) return restrictedAddress(v6.slice(2, 6).join("."));
  if (V6_EMBEDDING_V4.some((r) => inRange(v6, r))) return restrictedAddress(v6.slice(12).join("."));
  return undefined;
}

function inRange(bytes: number[], range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}

function parseV4(address: string): number[] | undefined {
  if (isIP(address) !== 4) return undefined;
  return address.split(".").map(Number);
}

function parseV6(raw: string): number[] | undefined {
  const address = raw.replace(/%.*$/, ""); // a zone id (fe80::1%eth0)
  if (isIP(address) !== 6) return undefined;
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...parseV4(dotted[1])!);
    text = text.slice(0, -dotted[1].length) + "0:0";
  }
  const [head, rest] = text.includes("::") ? text.split("::") : [text, undefined];
  const groups = (s: string | undefined) =>
    s
      ? s
          .split(":")
          .filter((g) => g !== "")
          .map((g) => parseInt(g, 16))
      : [];
  const left = groups(head);
  const right = groups(rest);
  const words = rest === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}
