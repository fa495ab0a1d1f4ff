/**
 * Stewards' patterns that must disappear from the code (issue 22): create, edit, archive. A
 * pattern is a regular expression or an ast-grep rule (lib/repositories/patterns.ts), the
 * languages, extensions and folders it applies to, and a target (usually 0). Its slug is the id the
 * scan state keys its counts by, so it never changes.
 *
 * Every save compiles the pattern with the scan's own engine, so what the scan would refuse (a
 * look-around, a pattern matching empty text, a malformed rule) is refused here, at its field.
 */
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, conflict, invalid, isUniqueViolation, notFound, parseInput, type FieldErrors } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { projectInScope } from "@/lib/projects/project-in-scope";
import { idSchema, nameSchema, slugSchema, slugify } from "@/lib/validation/common";
import * as clock from "@/lib/time/clock";
import { compilePatterns, patternDefinitionSchema, PATTERN_LANGUAGES, type PatternDefinition } from "./patterns";
import { currentTotals } from "./pattern-totals";

type Tx = Prisma.TransactionClient;

export const PATTERN_KINDS = ["regex", "ast-grep"] as const;
export const AST_GREP_LANGUAGE_NAMES = ["python", "javascript", "typescript", "tsx"] as const;
export const PATTERN_LANGUAGE_NAMES = Object.keys(PATTERN_LANGUAGES) as [string, ...string[]];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The flat fields a form or an API body sends; `definitionOf` turns them into a PatternDefinition. */
const definitionFields = {
  kind: z.enum(PATTERN_KINDS, { error: 'Use "regex" or "ast-grep".' }),
  /** The regular expression (kind "regex"), RE2 syntax. */
  source: z.preprocess(blankToUndefined, z.string().max(2000, "Use at most 2,000 characters.").optional()),
  /** "i" to ignore case. */
  flags: z.enum(["", "i"], { error: 'Only "i" (ignore case).' }).optional(),
  /** The ast-grep rule (kind "ast-grep"), e.g. `unicode($X)`. */
  rule: z.preprocess(blankToUndefined, z.string().trim().max(2000, "Use at most 2,000 characters.").optional()),
  language: z.enum(AST_GREP_LANGUAGE_NAMES, { error: "Choose python, javascript, typescript or tsx." }).optional(),
  languages: z
    .array(z.enum(PATTERN_LANGUAGE_NAMES, { error: `Use ${PATTERN_LANGUAGE_NAMES.join(", ")}.` }))
    .max(20)
    .optional(),
  extensions: z.array(z.string()).max(50).optional(),
  folders: z.array(z.string()).max(50).optional(),
};
const targetSchema = z.number({ error: "A whole number." }).int("A whole number.").min(0, "At least 0.").max(100_000_000);

export const createPatternSchema = z.strictObject({
  name: nameSchema,
  slug: slugSchema.optional(),
  ...definitionFields,
  target: targetSchema.optional(),
});
export const updatePatternSchema = z.strictObject({
  name: nameSchema.optional(),
  ...definitionFields,
  kind: definitionFields.kind.optional(),
  target: targetSchema.optional(),
});
export type PatternInput = z.input<typeof createPatternSchema>;

/** A stored definition: a PatternDefinition without its id (the slug is the id). */
export type StoredDefinition = PatternDefinition extends infer T ? (T extends unknown ? Omit<T, "id"> : never) : never;

type Flat = Omit<z.output<typeof createPatternSchema>, "name" | "slug" | "target">;

/** A stored definition (without its id) as the flat fields of the form and the API. */
export function flatDefinition(definition: unknown): Flat {
  const d = (definition ?? {}) as Record<string, unknown>;
  const kind = d.kind === "ast-grep" ? "ast-grep" : "regex";
  const pick = <K extends keyof Flat>(k: K) => (d[k] === undefined ? {} : { [k]: d[k] });
  return {
    kind,
    ...pick("source"),
    ...pick("flags"),
    ...pick("rule"),
    ...pick("language"),
    ...pick("languages"),
    ...pick("extensions"),
    ...pick("folders"),
  } as Flat;
}

/** The definition of one kind (fields of the other kind dropped), empty lists left out. */
function definitionOf(flat: Flat): StoredDefinition {
  const scope = {
    ...(flat.languages?.length ? { languages: flat.languages } : {}),
    ...(flat.extensions?.length ? { extensions: flat.extensions.map((e) => e.trim()).filter(Boolean) } : {}),
    ...(flat.folders?.length ? { folders: flat.folders.map((f) => f.trim()).filter(Boolean) } : {}),
  };
  return flat.kind === "regex"
    ? { kind: "regex", source: flat.source ?? "", ...(flat.flags ? { flags: flat.flags } : {}), ...scope }
    : { kind: "ast-grep", rule: flat.rule ?? "", language: flat.language ?? ("" as "python"), ...scope };
}

/**
 * Checks a definition as the scan will: its shape, then compiles it (and runs it once, so an
 * ast-grep rule the engine cannot read fails now). Errors name the form's fields.
 */
export async function checkDefinition(slug: string, flat: Flat): Promise<StoredDefinition> {
  const definition = definitionOf(flat);
  const fields: FieldErrors = {};
  if (flat.kind === "regex" && !flat.source) fields.source = ["Enter the regular expression."];
  if (flat.kind === "ast-grep" && !flat.rule) fields.rule = ["Enter the ast-grep rule."];
  if (flat.kind === "ast-grep" && !flat.language) fields.language = ["Choose the rule's language."];
  if (Object.keys(fields).length) throw invalid(`Check ${Object.keys(fields).join(", ")}.`, fields);
  const parsed = patternDefinitionSchema.safeParse({ id: slug, ...definition });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "id" ? "slug" : String(issue.path[0] ?? "source");
      (fields[field] ??= []).push(issue.path.length > 1 ? `${issue.path.slice(1).join(".")}: ${issue.message}` : issue.message);
    }
    throw invalid(`Check ${Object.keys(fields).join(", ")}.`, fields);
  }
  const field = flat.kind === "regex" ? "source" : "rule";
  try {
    const [compiled] = await compilePatterns([{ id: slug, ...definition }]);
    compiled.count("");
  } catch (error) {
    const message =
      error instanceof AppError ? error.message.replace(/^Pattern '[^']*'(?: is)?:?\s*/, "") : error instanceof Error ? error.message : String(error);
    const text = message.charAt(0).toUpperCase() + message.slice(1);
    throw invalid(`${field === "source" ? "The regular expression" : "The rule"} is refused: ${text}`, { [field]: [text] });
  }
  return definition;
}

const patternSelect = { id: true, slug: true, name: true, definition: true, target: true, reachedAt: true, archivedAt: true, createdAt: true } as const;

async function patternInProject(db: Db | Tx, ctx: OrgContext, projectId: string, patternId: string) {
  const id = parseInput(z.object({ patternId: idSchema }).strict(), { patternId }).patternId;
  const project = await projectInScope(db, ctx, projectId);
  const pattern = await db.codePattern.findFirst({ where: { id, projectId: project.id, organizationId: ctx.organizationId }, select: patternSelect });
  if (!pattern) throw notFound("No such pattern.");
  return { project, pattern };
}

const slugTaken = (slug: string) =>
  conflict(`The project already has a pattern "${slug}" (perhaps archived): choose another slug.`, { fields: { slug: ["Already used."] } });

export async function createPattern(db: Db, ctx: OrgContext, projectId: string, raw: unknown) {
  assertCan(ctx.role, "patterns:manage");
  const input = parseInput(createPatternSchema, raw);
  const slug = input.slug ?? slugify(input.name, "pattern");
  const definition = await checkDefinition(slug, input);
  try {
    return await db.$transaction(async (tx) => {
      const project = await projectInScope(tx, ctx, projectId);
      const clash = await tx.codePattern.findFirst({ where: { organizationId: ctx.organizationId, projectId: project.id, slug }, select: { id: true } });
      if (clash) throw slugTaken(slug);
      const created = await tx.codePattern.create({
        data: {
          organizationId: ctx.organizationId,
          projectId: project.id,
          slug,
          name: input.name,
          definition: definition as Prisma.InputJsonValue,
          target: input.target ?? 0,
          createdById: ctx.userId,
        },
        select: patternSelect,
      });
      await recordAudit(tx, {
        organizationId: ctx.organizationId,
        actorId: ctx.userId,
        action: "pattern.created",
        targetType: "code_pattern",
        targetId: created.id,
        data: { projectId: project.id, slug, name: input.name, definition: definition as Prisma.InputJsonValue, target: created.target },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

/**
 * Edits a pattern's name, definition or target. A new definition counts something else: its
 * reached mark is cleared until a scan counts it again. A new target is compared with the current
 * count at once.
 */
export async function updatePattern(db: Db, ctx: OrgContext, projectId: string, patternId: string, raw: unknown) {
  assertCan(ctx.role, "patterns:manage");
  const input = parseInput(updatePatternSchema, raw);
  const { pattern: before } = await patternInProject(db, ctx, projectId, patternId);
  if (before.archivedAt) throw conflict("This pattern is archived.");
  const { name, target, ...changes } = input;
  const current = flatDefinition(before.definition);
  const kindChanged = changes.kind !== undefined && changes.kind !== current.kind;
  const merged: Flat = {
    ...(kindChanged ? { kind: current.kind, languages: current.languages, extensions: current.extensions, folders: current.folders } : current),
  };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  const definition = await checkDefinition(before.slug, merged);
  const definitionChanged = JSON.stringify(definition) !== JSON.stringify(definitionOf(current));
  return db.$transaction(async (tx) => {
    const { project, pattern } = await patternInProject(tx, ctx, projectId, patternId);
    const nextTarget = target ?? pattern.target;
    let reachedAt = definitionChanged ? null : pattern.reachedAt;
    if (!definitionChanged && target !== undefined && target !== pattern.target) {
      const total = (await currentTotals(tx, { organizationId: ctx.organizationId, projectId: project.id }, [pattern.id])).get(pattern.id);
      reachedAt = total === undefined ? pattern.reachedAt : total <= nextTarget ? (pattern.reachedAt ?? clock.now()) : null;
    }
    const updated = await tx.codePattern.update({
      where: { id: pattern.id },
      data: { name: name ?? pattern.name, definition: definition as Prisma.InputJsonValue, target: nextTarget, reachedAt },
      select: patternSelect,
    });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "pattern.updated",
      targetType: "code_pattern",
      targetId: pattern.id,
      data: {
        projectId: project.id,
        slug: pattern.slug,
        ...(name !== undefined && name !== pattern.name ? { name: { from: pattern.name, to: name } } : {}),
        ...(definitionChanged ? { definition: { from: pattern.definition as Prisma.InputJsonValue, to: definition as Prisma.InputJsonValue } } : {}),
        ...(nextTarget !== pattern.target ? { target: { from: pattern.target, to: nextTarget } } : {}),
      },
    });
    return updated;
  });
}

/** Archives a pattern: scans stop counting it, its points stay for the record. */
export async function archivePattern(db: Db, ctx: OrgContext, projectId: string, patternId: string) {
  assertCan(ctx.role, "patterns:manage");
  return db.$transaction(async (tx) => {
    const { project, pattern } = await patternInProject(tx, ctx, projectId, patternId);
    if (pattern.archivedAt) return pattern;
    const archived = await tx.codePattern.update({ where: { id: pattern.id }, data: { archivedAt: clock.now() }, select: patternSelect });
    await recordAudit(tx, {
      organizationId: ctx.organizationId,
      actorId: ctx.userId,
      action: "pattern.archived",
      targetType: "code_pattern",
      targetId: pattern.id,
      data: { projectId: project.id, slug: pattern.slug, name: pattern.name },
    });
    return archived;
  });
}

export { patternInProject };
