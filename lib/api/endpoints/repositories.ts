import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import {
  linkRepositorySchema,
  listScansQuerySchema,
  repositoryOutputSchema,
  repositoryWithSecretSchema,
  requestScanSchema,
  scanOutputSchema,
  scanWithLogSchema,
  updateRepositorySchema,
} from "@/lib/repositories/schemas";

/** Issue 22: the project's legacy and new repositories, their scans and their logs. */
export function repositoryEndpoints(): Endpoint[] {
  const tag = "Repositories";
  const base = "/api/v1/projects/{projectId}/repositories";
  const project = { projectId: "The project's id." };
  const repo = { ...project, repoId: "The repository's id." };
  return [
    {
      method: "get",
      path: base,
      tag,
      pathParams: project,
      summary:
        "The project's linked repositories (at most one legacy and one new): location, branch, folders, status and last scan. Credentials and secrets are never shown, only whether one is set.",
      response: { status: 200, schema: z.object({ data: z.array(repositoryOutputSchema) }), description: "The repositories." },
      errors: [401, 404],
    },
    {
      method: "post",
      path: base,
      tag,
      pathParams: project,
      body: linkRepositorySchema,
      summary:
        "Link the project's legacy or new repository (managers and admins). The location is checked against the server's policy (https://, ssh://, scp-style; file:// and folders only below WAYPOINT_REPOSITORY_ROOT; no private addresses unless allowed). A credential (HTTPS token or SSH deploy key) is sealed and never returned. The push webhook's secret is in this answer only.",
      response: { status: 201, schema: repositoryWithSecretSchema, description: "The repository, and its webhook secret (shown once)." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "get",
      path: `${base}/{repoId}`,
      tag,
      pathParams: repo,
      summary: "One repository.",
      response: { status: 200, schema: repositoryOutputSchema, description: "The repository." },
      errors: [401, 404],
    },
    {
      method: "patch",
      path: `${base}/{repoId}`,
      tag,
      pathParams: repo,
      body: updateRepositorySchema,
      summary: 'Change a repository\'s location, branch, folders, webhook provider or credential (`{ kind: "none" }` removes it). Managers and admins.',
      response: { status: 200, schema: repositoryOutputSchema, description: "The repository now." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "delete",
      path: `${base}/{repoId}`,
      tag,
      pathParams: repo,
      summary: "Unlink a repository: its scans and found routes go with it, and its clone is removed from the server. Managers and admins.",
      response: { status: 200, schema: z.object({ deleted: z.boolean() }), description: "Unlinked." },
      errors: [401, 403, 404],
    },
    {
      method: "post",
      path: `${base}/{repoId}/scan`,
      tag,
      pathParams: repo,
      body: requestScanSchema,
      bodyOptional: true,
      summary:
        "Queue a scan now (engineers and up). `full: true` reads every file again. A scan already waiting to start is returned instead of a second one; it reads the branch's head when it runs.",
      response: { status: 202, schema: scanOutputSchema, description: "The queued scan." },
      errors: [400, 401, 403, 404],
    },
    {
      method: "get",
      path: `${base}/{repoId}/scans`,
      tag,
      pathParams: repo,
      query: listScansQuerySchema,
      summary: "The repository's scans, newest first.",
      response: { status: 200, schema: z.object({ data: z.array(scanOutputSchema) }), description: "The scans." },
      errors: [400, 401, 404],
    },
    {
      method: "get",
      path: `${base}/{repoId}/scans/{scanId}`,
      tag,
      pathParams: { ...repo, scanId: "The scan's id." },
      summary: "One scan and its log: commit, mode and why, files read, routes per framework, routes added and removed, pattern totals, warnings, time.",
      response: { status: 200, schema: scanWithLogSchema, description: "The scan." },
      errors: [401, 404],
    },
    {
      method: "post",
      path: `${base}/{repoId}/webhook-secret`,
      tag,
      pathParams: repo,
      summary: "Replace the push webhook's secret (the old one stops working at once). The new one is in this answer only. Managers and admins.",
      response: {
        status: 200,
        schema: z.object({ webhookSecret: z.string(), repository: repositoryOutputSchema }).meta({ id: "RotatedWebhookSecret" }),
        description: "The new secret.",
      },
      errors: [400, 401, 403, 404],
    },
  ];
}
