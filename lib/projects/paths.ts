/** The one builder of page paths: `/orgs/{org}` and `/orgs/{org}/projects/{project}`. */
export function orgPath(organizationSlug: string): string {
  return `/orgs/${encodeURIComponent(organizationSlug)}`;
}

export function projectPath(organizationSlug: string, projectSlug: string): string {
  return `${orgPath(organizationSlug)}/projects/${encodeURIComponent(projectSlug)}`;
}

export function itemPath(organizationSlug: string, projectSlug: string, itemId: string): string {
  return `${projectPath(organizationSlug, projectSlug)}/items/${encodeURIComponent(itemId)}`;
}

/** The Review queue: agents' submitted work waiting for a person to confirm or send it back (issue 23). */
export function reviewPath(organizationSlug: string, projectSlug: string): string {
  return `${projectPath(organizationSlug, projectSlug)}/review`;
}

/** The status page's public pages, opened by a secret in the URL (no session). */
export const statusPaths = {
  page: (shareToken: string) => `/status/${encodeURIComponent(shareToken)}`,
  confirm: (token: string) => `/status/confirm/${encodeURIComponent(token)}`,
  unsubscribe: (token: string) => `/status/unsubscribe/${encodeURIComponent(token)}`,
  /** RFC 8058 one-click: the List-Unsubscribe header's URL, POST only. */
  oneClick: (token: string) => `/status/unsubscribe/${encodeURIComponent(token)}/one-click`,
};

/** Project Settings → Repositories, and one scan's log there. */
export function repositoriesPath(organizationSlug: string, projectSlug: string): string {
  return `${projectPath(organizationSlug, projectSlug)}/settings/repositories`;
}

export function scanLogPath(organizationSlug: string, projectSlug: string, repositoryId: string, scanId: string): string {
  return `${repositoriesPath(organizationSlug, projectSlug)}/${encodeURIComponent(repositoryId)}/scans/${encodeURIComponent(scanId)}`;
}
