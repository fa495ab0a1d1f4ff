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
