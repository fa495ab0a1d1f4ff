import { z } from "zod";

/**
 * A project's limits on coding agents (issue 23): how many items agents may hold at once per
 * token and in total (0 stops them claiming), and whether briefs show the query values of logged
 * requests. Managers and admins change them (lib/projects/project-settings.ts).
 */
export const agentSettingsSchema = z
  .object({
    agentLimitPerToken: z.coerce.number().int("A whole number.").min(0, "At least 0.").max(100, "At most 100."),
    agentLimitTotal: z.coerce.number().int("A whole number.").min(0, "At least 0.").max(100, "At most 100."),
    // A form's checkbox sends "on" or nothing; the API sends a boolean.
    briefQueryValues: z
      .union([z.boolean(), z.enum(["on", "true", "false"])])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
  })
  .strict()
  .refine((s) => s.agentLimitPerToken <= s.agentLimitTotal, {
    message: "One token cannot hold more than all agents together.",
    path: ["agentLimitPerToken"],
  });

export type AgentSettings = z.output<typeof agentSettingsSchema>;
