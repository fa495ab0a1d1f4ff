/** What a person sends to link, change and scan a project's repositories (issue 22). */
import { z } from "zod";
import { SOURCE_FRAMEWORKS, type SourceFramework } from "@/lib/import/parsers/source";
import { emptyToUndefined } from "@/lib/validation/common";

export const REPOSITORY_ROLES = ["LEGACY", "NEW"] as const;
export const WEBHOOK_PROVIDERS = ["github", "gitlab"] as const;
export const MAX_FOLDERS = 20;

/** A folder of the repository: relative, no `..`, no leading `-`; "" is the whole repository. */
const folderPath = z
  .string()
  .trim()
  .max(300, "Use at most 300 characters.")
  .transform((p) => p.replace(/^\.\/?/, "").replace(/\/+$/, ""))
  .refine((p) => !p.startsWith("/"), "Use a folder relative to the repository's root.")
  .refine((p) => !p.split("/").some((part) => part === ".." || part === "."), "A folder may not contain '.' or '..'.")
  .refine((p) => !/[\u0000-\u001f\u007f\\]/.test(p), "A folder may not contain control characters or backslashes.");

export const scanFolderSchema = z
  .object({
    path: folderPath,
    frameworks: z
      .array(z.enum(SOURCE_FRAMEWORKS as unknown as [SourceFramework, ...SourceFramework[]]))
      .max(6)
      .optional(),
  })
  .strict();

const branchSchema = z
  .string()
  .trim()
  .min(1, "Enter the branch to scan.")
  .max(200, "Use at most 200 characters.")
  .regex(/^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+(?<![./])$/, "Not a valid branch name.");

/** A credential to store (sealed, never shown again), or "none" to remove the stored one. */
export const credentialInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }).strict(),
  z
    .object({
      kind: z.literal("token"),
      token: z.string().trim().min(1, "Enter the access token.").max(4096, "The token is too long."),
      /** GitHub "x-access-token" (default), GitLab "oauth2", Bitbucket "x-token-auth". */
      username: z.preprocess(
        emptyToUndefined,
        z
          .string()
          .trim()
          .max(100)
          .regex(/^[\w.-]+$/, "Not a valid user name.")
          .optional(),
      ),
    })
    .strict(),
  z
    .object({
      kind: z.literal("ssh-key"),
      privateKey: z
        .string()
        .max(16_384, "The key is too long.")
        .refine(
          (k) => /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(k),
          "Paste the whole private key, BEGIN and END lines included.",
        ),
    })
    .strict(),
]);
export type CredentialInput = z.infer<typeof credentialInputSchema>;

const urlSchema = z.string().trim().min(1, "Enter the repository's location.").max(2048, "Use at most 2,048 characters.");

export const linkRepositorySchema = z
  .object({
    role: z.enum(REPOSITORY_ROLES),
    url: urlSchema,
    branch: branchSchema.default("main"),
    folders: z.array(scanFolderSchema).max(MAX_FOLDERS, `At most ${MAX_FOLDERS} folders.`).default([]),
    webhookProvider: z.enum(WEBHOOK_PROVIDERS).default("github"),
    credentials: credentialInputSchema.optional(),
  })
  .strict();

export const updateRepositorySchema = z
  .object({
    url: urlSchema.optional(),
    branch: branchSchema.optional(),
    folders: z.array(scanFolderSchema).max(MAX_FOLDERS, `At most ${MAX_FOLDERS} folders.`).optional(),
    webhookProvider: z.enum(WEBHOOK_PROVIDERS).optional(),
    credentials: credentialInputSchema.optional(),
  })
  .strict();

export const requestScanSchema = z.object({ full: z.boolean().default(false) }).strict();

export const listScansQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

// ---------------------------------------------------------------------------------------------
// What the API and the pages show. Credentials and secrets never appear: only whether one is set.

export const repositoryOutputSchema = z
  .object({
    id: z.string(),
    role: z.enum(REPOSITORY_ROLES),
    url: z.string(),
    branch: z.string(),
    folders: z.array(z.object({ path: z.string(), frameworks: z.array(z.string()).optional() })),
    credential: z.object({ kind: z.enum(["none", "token", "ssh-key"]), set: z.boolean() }),
    webhook: z.object({ provider: z.enum(WEBHOOK_PROVIDERS), secretSet: z.boolean(), path: z.string().describe("The push webhook's path on this server.") }),
    status: z.enum(["new", "ok", "error"]),
    statusMessage: z.string().nullable(),
    lastCommit: z.string().nullable(),
    lastScannedAt: z.iso.datetime().nullable(),
    routes: z.number().int().describe("Routes the last scan found."),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Repository" });
export type RepositoryOutput = z.infer<typeof repositoryOutputSchema>;

export const repositoryWithSecretSchema = z
  .object({ repository: repositoryOutputSchema, webhookSecret: z.string().nullable().describe("The push webhook's secret: shown this once.") })
  .meta({ id: "RepositoryWithSecret" });

export const scanOutputSchema = z
  .object({
    id: z.string(),
    repositoryId: z.string(),
    trigger: z.enum(["manual", "cli", "schedule", "push"]),
    status: z.enum(["queued", "running", "done", "failed"]),
    full: z.boolean(),
    commit: z.string().nullable(),
    error: z.string().nullable(),
    queuedAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "RepositoryScan" });
export type ScanOutput = z.infer<typeof scanOutputSchema>;

export const scanWithLogSchema = scanOutputSchema
  .extend({ log: z.record(z.string(), z.unknown()).nullable().describe("The scan's log (lib/repositories/scan.ts ScanLog, plus reconcile and patterns).") })
  .meta({ id: "RepositoryScanWithLog" });
