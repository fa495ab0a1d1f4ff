/**
 * A link to a file (and line) at a commit on the repository's host, when the remote is on GitHub,
 * GitLab or Bitbucket (their public hosts, or a host whose name says which it is, such as
 * gitlab.example.com). Anything else — a folder on the server, an unknown host — has no link and
 * the screens show "file:line" as text. Nothing here touches the network.
 */

export type FileHost = "github" | "gitlab" | "bitbucket";

/** The web address of the repository ("https://github.com/org/repo") and its host kind, or null. */
export function repositoryWebUrl(remoteUrl: string): { host: FileHost; base: string } | null {
  const parsed = hostAndPath(remoteUrl.trim());
  if (!parsed) return null;
  const host = hostKind(parsed.host);
  if (!host) return null;
  const path = parsed.path
    .replace(/^\/+/, "")
    .replace(/\.git$/, "")
    .replace(/\/+$/, "");
  // owner/name at least (GitLab allows nested groups); no dot segments
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path) || path.split("/").some((s) => s === "." || s === "..")) return null;
  return { host, base: `https://${parsed.host}/${path}` };
}

/** The link to `file` (repository path) at `commit`, at `line` when given; null when the host is not known. */
export function fileUrl(remoteUrl: string, commit: string, file: string, line?: number | null): string | null {
  const repo = repositoryWebUrl(remoteUrl);
  if (!repo || !/^[0-9a-f]{7,64}$/i.test(commit)) return null;
  const encoded = file
    .split("/")
    .filter((s) => s !== "")
    .map(encodeURIComponent)
    .join("/");
  if (!encoded) return null;
  const at = line && line > 0 ? line : undefined;
  switch (repo.host) {
    case "github":
      return `${repo.base}/blob/${commit}/${encoded}${at ? `#L${at}` : ""}`;
    case "gitlab":
      return `${repo.base}/-/blob/${commit}/${encoded}${at ? `#L${at}` : ""}`;
    case "bitbucket":
      return `${repo.base}/src/${commit}/${encoded}${at ? `#lines-${at}` : ""}`;
  }
}

function hostKind(host: string): FileHost | undefined {
  const h = host.toLowerCase();
  if (h === "github.com" || h.startsWith("github.")) return "github";
  if (h === "gitlab.com" || h.startsWith("gitlab.")) return "gitlab";
  if (h === "bitbucket.org" || h.startsWith("bitbucket.")) return "bitbucket";
  return undefined;
}

function hostAndPath(url: string): { host: string; path: string } | null {
  const scheme = /^(https|ssh|git\+ssh|ssh\+git):\/\//i.exec(url);
  if (scheme) {
    try {
      const u = new URL("https://" + url.slice(scheme[0].length));
      return { host: u.hostname, path: decodeURIComponent(u.pathname) };
    } catch {
      return null;
    }
  }
  const scp = /^(?:[^@/:\s]+@)?([^@/:\s[\]]+):(.+)$/.exec(url);
  return scp ? { host: scp[1], path: scp[2] } : null;
}
