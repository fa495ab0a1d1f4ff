import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { checkRemote, remotePolicyFromEnv, restrictedAddress, type HostResolver, type RemotePolicy } from "@/lib/repositories/remote-policy";
import { RepositoryError } from "@/lib/repositories/errors";
import { tempRoot } from "../../helpers/git-repo";

const DNS: Record<string, string[]> = {
  "github.com": ["140.82.121.4"],
  "gitlab.example.com": ["203.0.113.10", "2001:db8::10"],
  "git.internal": ["10.0.0.5"],
  "rebind.example.com": ["93.184.216.34", "127.0.0.1"],
  "v6only.example.com": ["2606:4700::1111"],
  "mapped.example.com": ["::ffff:192.168.1.1"],
};
const resolver: HostResolver = async (host) => {
  if (!(host in DNS)) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return DNS[host];
};
const strict: RemotePolicy = { repositoryRoot: null, allowPrivate: false };

async function outcome(input: string, policy: RemotePolicy = strict): Promise<string> {
  try {
    const r = await checkRemote(input, policy, resolver);
    return r.transport === "file" ? `file ${r.path}` : `${r.transport} ${r.url} ${r.addresses.join(",")}`;
  } catch (e) {
    if (e instanceof RepositoryError) return `${e.kind}: ${e.message}`;
    throw e;
  }
}

describe("remote locations", () => {
  test.each([
    ["https://github.com/acme/shop.git", "https https://github.com/acme/shop.git 140.82.121.4"],
    ["  https://GitHub.com/acme/shop  ", "https https://github.com/acme/shop 140.82.121.4"],
    ["https://gitlab.example.com:8443/group/sub/app.git", "https https://gitlab.example.com:8443/group/sub/app.git 203.0.113.10,2001:db8::10"],
    ["ssh://git@github.com/acme/shop.git", "ssh ssh://git@github.com/acme/shop.git 140.82.121.4"],
    ["git+ssh://git@github.com:2222/acme/shop.git", "ssh ssh://git@github.com:2222/acme/shop.git 140.82.121.4"],
    ["git@github.com:acme/shop.git", "ssh git@github.com:acme/shop.git 140.82.121.4"],
    ["github.com:acme/shop.git", "ssh github.com:acme/shop.git 140.82.121.4"],
    ["https://[2606:4700::1111]/acme/shop.git", "https https://[2606:4700::1111]/acme/shop.git 2606:4700::1111"],
  ])("%s is accepted", async (input, expected) => {
    expect(await outcome(input)).toBe(expected);
  });

  test.each([
    ["ext::sh -c touch% /tmp/pwned", /^refused: git remote helpers \('ext::…'\) are refused/],
    ["fd::17", /^refused: git remote helpers \('fd::…'\)/],
    ["https::github.com/acme/shop", /^refused: git remote helpers/],
    ["http://github.com/acme/shop.git", /^refused: Plain http:\/\/ remotes are refused/],
    ["git://github.com/acme/shop.git", /^refused: git:\/\/ remotes are refused/],
    ["ftp://github.com/acme/shop.git", /^refused: The 'ftp:\/\/' transport is not supported/],
    ["https://user:ghp_secret@github.com/acme/shop.git", /^refused: The URL holds a credential/],
    ["https://ghp_secret@github.com/acme/shop.git", /^refused: The URL holds a credential/],
    ["ssh://git:pw@github.com/acme/shop.git", /^refused: The URL holds a credential/],
    ["https://github.com/acme/shop.git?x=1", /query string or fragment/],
    ["https://github.com/acme/shop.git\n--upload-pack=touch", /line break or another control character/],
    ["-uhttps://github.com/acme/shop", /starts with '-'/],
    ["--upload-pack=touch /tmp/x", /starts with '-'/],
    ["git@-oProxyCommand=sh:repo", /^refused: The host starts with '-'/],
    ["git@github.com:-x", /starts with '-'/],
    ["ssh://-oProxyCommand=x/acme", /^refused: The host or user starts with '-'/],
    ["ssh://-oProxyCommand=x@github.com/acme", /^refused: The host or user starts with '-'/],
    ["https://github.com/", /no path to a repository/],
    ["acme/shop", /^refused: Not a repository location Waypoint accepts/],
    ["", /^refused: Enter the repository's location/],
  ])("%j is refused", async (input, expected) => {
    expect(await outcome(input)).toMatch(expected);
  });

  test.each([
    ["https://127.0.0.1/acme/shop.git", "127.0.0.1 is a loopback address"],
    ["https://2130706433/acme/shop.git", "127.0.0.1 is a loopback address"],
    ["https://0x7f.1/acme/shop.git", "127.0.0.1 is a loopback address"],
    ["https://localhost/acme/shop.git", "The host localhost does not resolve"],
    ["https://[::1]/acme/shop.git", "::1 is a loopback address"],
    ["https://[::ffff:127.0.0.1]/x.git", "::ffff:7f00:1 is a loopback address"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"],
    ["https://10.1.2.3/x.git", "10.1.2.3 is a private (RFC 1918) address"],
    ["https://172.20.0.1/x.git", "172.20.0.1 is a private (RFC 1918) address"],
    ["https://192.168.0.10/x.git", "192.168.0.10 is a private (RFC 1918) address"],
    ["https://100.100.1.1/x.git", "100.100.1.1 is a shared (carrier-grade NAT) address"],
    ["https://0.0.0.0/x.git", "0.0.0.0 is an unspecified (this-network) address"],
    ["https://[fd12::1]/x.git", "fd12::1 is a unique local (private IPv6) address"],
    ["https://[fe80::1]/x.git", "fe80::1 is a link-local address"],
    ["git@10.0.0.1:acme/shop.git", "10.0.0.1 is a private (RFC 1918) address"],
    ["https://git.internal/acme/shop.git", "git.internal resolves to 10.0.0.5, a private (RFC 1918) address"],
    ["https://rebind.example.com/acme/shop.git", "rebind.example.com resolves to 127.0.0.1, a loopback address"],
    ["https://mapped.example.com/acme/shop.git", "mapped.example.com resolves to ::ffff:192.168.1.1, a private (RFC 1918) address"],
    ["ssh://git@git.internal/acme/shop.git", "git.internal resolves to 10.0.0.5, a private (RFC 1918) address"],
  ])("%s: a host on a private network is refused", async (input, reason) => {
    const result = await outcome(input);
    if (reason.includes("does not resolve")) expect(result).toBe(`unreachable: ${reason} (ENOTFOUND).`);
    else expect(result).toBe(`refused: ${reason}; such remotes are refused unless the operator sets WAYPOINT_ALLOW_PRIVATE_REMOTES=1.`);
  });

  test("the operator may allow private remotes; they are then not pinned", async () => {
    const allow: RemotePolicy = { repositoryRoot: null, allowPrivate: true };
    expect(await outcome("https://git.internal/acme/shop.git", allow)).toBe("https https://git.internal/acme/shop.git ");
    expect(await outcome("https://127.0.0.1:8443/acme/shop.git", allow)).toBe("https https://127.0.0.1:8443/acme/shop.git ");
    expect(await outcome("ext::sh", allow)).toMatch(/^refused/);
  });

  test.each([
    ["93.184.216.34", undefined],
    ["2606:4700::1111", undefined],
    ["2002:0a00:0001::1", "a private (RFC 1918)"],
    ["64:ff9b::a9fe:a9fe", "a link-local"],
    ["224.0.0.1", "a multicast"],
    ["255.255.255.255", "a reserved"],
    ["198.18.0.1", "a reserved (benchmarking)"],
    ["::", "an unspecified"],
    ["fe80::1%eth0", "a link-local"],
  ])("%s is %s", (address, reason) => {
    expect(restrictedAddress(address)).toBe(reason);
  });
});

describe("folders on the server and file:// remotes", () => {
  const root = tempRoot("policy");
  afterAll(() => root.remove());
  const repos = path.join(root.dir, "repos");
  fs.mkdirSync(path.join(repos, "shop"), { recursive: true });
  fs.mkdirSync(path.join(root.dir, "elsewhere"), { recursive: true });
  fs.symlinkSync(path.join(root.dir, "elsewhere"), path.join(repos, "link-out"));
  const withRoot: RemotePolicy = { repositoryRoot: repos, allowPrivate: false };

  test("are refused unless the operator names a root", async () => {
    expect(await outcome(`file://${repos}/shop`)).toBe(
      "refused: Folders on the server and file:// remotes are refused: the operator has not set WAYPOINT_REPOSITORY_ROOT.",
    );
    expect(await outcome(`${repos}/shop`)).toMatch(/WAYPOINT_REPOSITORY_ROOT/);
  });

  test("are accepted under the root, and refused outside it — also through a symbolic link or '..'", async () => {
    expect(await outcome(`file://${repos}/shop`, withRoot)).toBe(`file ${repos}/shop`);
    expect(await outcome(`${repos}/shop/`, withRoot)).toBe(`file ${repos}/shop`);
    expect(await outcome(`${repos}/../elsewhere`, withRoot)).toMatch(/^refused: The folder .* is outside the repository root/);
    expect(await outcome(`${repos}/link-out`, withRoot)).toMatch(/^refused: The folder .* is outside the repository root/);
    expect(await outcome(`file:///etc`, withRoot)).toMatch(/^refused: .* outside the repository root/);
    expect(await outcome(`file://other-host${repos}/shop`, withRoot)).toMatch(/^refused: A file:\/\/ URL must name a folder on this server/);
    expect(await outcome(`${repos}/missing`, withRoot)).toBe(`unreachable: The folder ${repos}/missing does not exist on the server.`);
  });

  test("come from the environment", () => {
    expect(remotePolicyFromEnv({})).toEqual({ repositoryRoot: null, allowPrivate: false });
    expect(remotePolicyFromEnv({ WAYPOINT_REPOSITORY_ROOT: "/srv/git", WAYPOINT_ALLOW_PRIVATE_REMOTES: "1" })).toEqual({
      repositoryRoot: "/srv/git",
      allowPrivate: true,
    });
    expect(remotePolicyFromEnv({ WAYPOINT_ALLOW_PRIVATE_REMOTES: "true" }).allowPrivate).toBe(false);
  });
});
