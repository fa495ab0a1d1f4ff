/** The one builder of a project's page paths: `/orgs/{org}/projects/{project}`. */
export function projectPath(organizationSlug: string, projectSlug: string): string {
  return `/orgs/${encodeURIComponent(organizationSlug)}/projects/${encodeURIComponent(projectSlug)}`;
}

export function itemPath(organizationSlug: string, projectSlug: string, itemId: string): string {
  return `${projectPath(organizationSlug, projectSlug)}/items/${encodeURIComponent(itemId)}`;
}
