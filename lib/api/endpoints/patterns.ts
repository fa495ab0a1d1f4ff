import { z } from "zod";
import type { Endpoint } from "../endpoint-types";
import { createPatternSchema, updatePatternSchema } from "@/lib/repositories/pattern-manage";
import { occurrencesQuerySchema } from "@/lib/repositories/pattern-read";

const date = z.string().describe("ISO 8601");

export const patternOutputSchema = z
  .object({
    id: z.string(),
    slug: z.string().describe("The id the scans count it by; never changes."),
    name: z.string(),
    definition: z
      .object({
        kind: z.enum(["regex", "ast-grep"]),
        source: z.string().optional(),
        flags: z.string().optional(),
        rule: z.string().optional(),
        language: z.string().optional(),
        languages: z.array(z.string()).optional(),
        extensions: z.array(z.string()).optional(),
        folders: z.array(z.string()).optional(),
      })
      .describe("What it counts and where (the fields of the create body)."),
    target: z.number().int(),
    reachedAt: date.nullable().describe("When a scan's count first reached the target."),
    archivedAt: date.nullable(),
    createdAt: date,
    current: z.number().int().nullable().describe("The sum of each repository's latest count; null before any scan counted it."),
    state: z.enum(["not-counted", "above-target", "reached", "drift"]).describe("drift: back above the target after reaching it."),
  })
  .meta({ id: "CodePattern" });

const storedPatternSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  definition: z.record(z.string(), z.unknown()),
  target: z.number().int(),
  reachedAt: date.nullable(),
  archivedAt: date.nullable(),
  createdAt: date,
});

export const burnDownOutputSchema = z
  .object({
    pattern: z.object({ id: z.string(), slug: z.string(), name: z.string(), target: z.number().int() }),
    points: z.array(
      z.object({
        at: date,
        total: z.number().int().describe("Both repositories' latest counts summed, after this point."),
        commit: z.string(),
        repository: z.enum(["LEGACY", "NEW"]).nullable(),
      }),
    ),
  })
  .meta({ id: "PatternBurnDown" });

export const occurrencesOutputSchema = z
  .object({
    pattern: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    occurrences: z.array(
      z.object({
        repository: z.enum(["LEGACY", "NEW"]),
        file: z.string(),
        line: z.number().int(),
        commit: z.string(),
        url: z.string().nullable().describe("The line on GitHub, GitLab or Bitbucket; null for other remotes."),
      }),
    ),
  })
  .meta({ id: "PatternOccurrences" });

export function patternEndpoints(): Endpoint[] {
  const project = { projectId: "The project's id." };
  const pattern = { ...project, patternId: "The pattern's id." };
  const base = "/api/v1/projects/{projectId}/patterns";
  const tag = "Patterns";
  return [
    {
      method: "get",
      path: base,
      tag,
      pathParams: project,
      summary: "The patterns that must disappear from the code, live first then archived, each with its current count and state.",
      response: { status: 200, schema: z.array(patternOutputSchema), description: "The patterns." },
      errors: [401, 404],
    },
    {
      method: "post",
      path: base,
      tag,
      pathParams: project,
      body: createPatternSchema,
      summary:
        "Define a pattern: a regular expression (RE2: no look-around or back-references) or an ast-grep rule, the languages, extensions and folders it applies to, and a target (default 0). It is compiled now: a pattern the scan could not run is a 400 naming the field. Stewards and up.",
      response: { status: 201, schema: storedPatternSchema, description: "The pattern." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "patch",
      path: `${base}/{patternId}`,
      tag,
      pathParams: pattern,
      body: updatePatternSchema,
      summary: "Change a pattern's name, definition or target (its slug stays). A new definition is counted again by the next scan.",
      response: { status: 200, schema: storedPatternSchema, description: "The pattern." },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: "delete",
      path: `${base}/{patternId}`,
      tag,
      pathParams: pattern,
      summary: "Archive a pattern: scans stop counting it; its burn-down stays.",
      response: { status: 200, schema: storedPatternSchema, description: "The archived pattern." },
      errors: [401, 403, 404],
    },
    {
      method: "get",
      path: `${base}/{patternId}/points`,
      tag,
      pathParams: pattern,
      summary: "A pattern's burn-down: a point per scan that changed its count or commit, with both repositories' latest counts summed.",
      response: { status: 200, schema: burnDownOutputSchema, description: "The points, oldest first." },
      errors: [401, 404],
    },
    {
      method: "get",
      path: `${base}/{patternId}/occurrences`,
      tag,
      pathParams: pattern,
      query: occurrencesQuerySchema,
      summary: "The remaining occurrences per the repositories' last scans (legacy first, by file and line), with links to the lines.",
      response: { status: 200, schema: occurrencesOutputSchema, description: "A page of occurrences." },
      errors: [400, 401, 404],
    },
  ];
}
