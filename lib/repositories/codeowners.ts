/**
 * CODEOWNERS files, GitHub's and GitLab's syntax, and who owns a path.
 *
 * A small parser of our own: the npm packages (`codeowners`, `@snyk/github-codeowners`,
 * `codeowners-utils`) read GitHub's syntax only — no GitLab sections, section default owners,
 * optional sections or exclusions — and match with gitignore rules, where `docs/*` also owns
 * `docs/a/b.md`; GitHub documents that it does not.
 *
 * Shared rules
 *   - one rule per line: a path pattern, then owners (`@user`, `@org/team`, `@group/sub`, e-mail);
 *     `#` starts a comment line; `\ ` is a space inside a pattern; `\#` a leading `#`;
 *   - `*` and `?` never match `/`; `**` matches any number of folders; a pattern ending in `/`
 *     owns a folder's whole content; a pattern whose last part has no wildcard also owns the
 *     folder of that name (`/apps`, `**\/logs`); `docs/*` owns the files directly in `docs/` only;
 *   - a rule with no owners (and no section default) makes its paths unowned;
 *   - the last matching rule wins.
 * GitHub
 *   - a pattern starting with `/` or holding a `/` before its end is relative to the root;
 *     otherwise it matches at any depth (gitignore rules);
 *   - `# …` after the owners is a comment; `!` (negation) and `[ ]` ranges do not exist: a line
 *     using `!` is an error and is skipped, as GitHub skips it.
 * GitLab
 *   - a pattern starting with `/` is relative to the root; any other matches at any depth
 *     (`ee/docs` also owns `x/ee/docs/…`);
 *   - `[Section]`, `[Section][2]` (approvals), `^[Optional section]`, and default owners after the
 *     heading (`[Docs] @docs-team`) used by the section's rules that name none; sections with the
 *     same name (any case) are one; rules before the first heading are an unnamed section;
 *   - each section is evaluated on its own (last match wins inside it) and every matching
 *     section's owners own the path; `!pattern` excludes paths from its section (final: no later
 *     rule of that section brings them back);
 *   - role owners `@@developer`, `@@maintainer`, `@@owner`; inline comments are not supported.
 */

export type CodeownersFlavor = "github" | "gitlab";

/** Where each host looks, in its order; the first file found is the one used. */
export const CODEOWNERS_LOCATIONS: Record<CodeownersFlavor, string[]> = {
  github: [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"],
  gitlab: ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"],
};

/** The CODEOWNERS file the host would use, among the repository's paths. */
export function findCodeownersFile(paths: Iterable<string>, flavor: CodeownersFlavor): string | undefined {
  const present = new Set(paths);
  return CODEOWNERS_LOCATIONS[flavor].find((p) => present.has(p));
}

export type CodeownersRule = {
  pattern: string;
  owners: string[];
  line: number;
  /** GitLab `!pattern`. */
  exclude: boolean;
  section: string | null;
  matches: (path: string) => boolean;
};

export type CodeownersSection = { name: string; optional: boolean; approvals: number; defaultOwners: string[] };

export type CodeownersIssue = { line: number; message: string };

export type Codeowners = {
  flavor: CodeownersFlavor;
  rules: CodeownersRule[];
  /** GitLab's sections by lower-cased name ("" for the rules before any heading). */
  sections: Map<string, CodeownersSection>;
  issues: CodeownersIssue[];
};

export type OwnerMatch = { section: string | null; optional: boolean; pattern: string; line: number; owners: string[] };

export type Ownership = {
  /** Every owner of the path, in the order the matching rules name them, without repeats. */
  owners: string[];
  /** The rule that decided, per section (GitHub: at most one). */
  matches: OwnerMatch[];
};

const OWNER = /^(?:@@(?:developer|developers|maintainer|maintainers|owner|owners)|@[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
const GITHUB_OWNER = /^(?:@[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;
const SECTION = /^(\^)?\[([^\]]+)\](?:\[(\d+)\])?(?:\s+(.*))?$/;

export function parseCodeowners(text: string, flavor: CodeownersFlavor): Codeowners {
  const rules: CodeownersRule[] = [];
  const sections = new Map<string, CodeownersSection>();
  const issues: CodeownersIssue[] = [];
  let section: CodeownersSection | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;

    if (flavor === "gitlab") {
      const heading = SECTION.exec(trimmed);
      if (heading && !/\\/.test(trimmed.slice(0, trimmed.indexOf("]")))) {
        const [, caret, name, approvals, rest] = heading;
        const key = name.trim().toLowerCase();
        const defaults = (rest ?? "").split(/\s+/).filter((t) => OWNER.test(t));
        const known = sections.get(key);
        section = known ?? { name: name.trim(), optional: caret === "^", approvals: approvals ? Number(approvals) : 1, defaultOwners: [] };
        if (defaults.length) section.defaultOwners = defaults;
        sections.set(key, section);
        return;
      }
    }

    const { pattern, rest } = splitPattern(trimmed);
    let exclude = false;
    let glob = pattern;
    if (glob.startsWith("!")) {
      if (flavor === "github") {
        issues.push({ line, message: "GitHub does not support '!' (negation) in CODEOWNERS: the line is skipped" });
        return;
      }
      exclude = true;
      glob = glob.slice(1);
    }
    if (glob === "") {
      issues.push({ line, message: "no path pattern" });
      return;
    }
    let tokens = rest.split(/\s+/).filter(Boolean);
    if (flavor === "github") {
      const comment = tokens.findIndex((t) => t.startsWith("#"));
      if (comment >= 0) tokens = tokens.slice(0, comment);
      const bad = tokens.find((t) => !GITHUB_OWNER.test(t));
      if (bad) {
        issues.push({ line, message: `'${bad}' is not an owner (@user, @org/team or an e-mail address): the line is skipped` });
        return;
      }
    } else {
      // GitLab reads the owners out of whatever follows the pattern (a "comment" included)
      tokens = tokens.filter((t) => OWNER.test(t));
    }
    const current = section as CodeownersSection | null;
    rules.push({ pattern, owners: tokens, line, exclude, section: current ? current.name : null, matches: compilePattern(glob, flavor) });
  });
  // GitLab: a rule naming no owner takes its section's default owners (known once the whole file is read)
  for (const rule of rules) {
    if (rule.exclude) rule.owners = [];
    else if (rule.owners.length === 0 && rule.section !== null) rule.owners = [...(sections.get(rule.section.toLowerCase())?.defaultOwners ?? [])];
  }
  return { flavor, rules, sections, issues };
}

/** The pattern (with `\ ` and `\#` unescaped) and the text after it. */
function splitPattern(line: string): { pattern: string; rest: string } {
  let i = 0;
  let pattern = "";
  while (i < line.length && !/\s/.test(line[i])) {
    if (line[i] === "\\" && i + 1 < line.length && (line[i + 1] === " " || line[i + 1] === "#")) {
      pattern += line[i + 1];
      i += 2;
    } else pattern += line[i++];
  }
  return { pattern, rest: line.slice(i) };
}

/** Who owns `path` (a path from the repository's root, "a/b.py"). */
export function ownersOf(codeowners: Codeowners, path: string): Ownership {
  const file = path.replace(/^\/+/, "");
  if (codeowners.flavor === "github") {
    for (let i = codeowners.rules.length - 1; i >= 0; i--) {
      const r = codeowners.rules[i];
      if (r.matches(file))
        return { owners: [...r.owners], matches: [{ section: null, optional: false, pattern: r.pattern, line: r.line, owners: [...r.owners] }] };
    }
    return { owners: [], matches: [] };
  }
  const bySection = new Map<string, CodeownersRule[]>();
  for (const r of codeowners.rules) {
    const key = (r.section ?? "").toLowerCase();
    bySection.set(key, [...(bySection.get(key) ?? []), r]);
  }
  const matches: OwnerMatch[] = [];
  for (const [key, rules] of bySection) {
    if (rules.some((r) => r.exclude && r.matches(file))) continue;
    const last = rules.findLast((r) => !r.exclude && r.matches(file));
    if (!last) continue;
    const info = codeowners.sections.get(key);
    matches.push({ section: last.section, optional: info?.optional ?? false, pattern: last.pattern, line: last.line, owners: [...last.owners] });
  }
  return { owners: [...new Set(matches.flatMap((m) => m.owners))], matches };
}

/** One row of the project's settings table: a CODEOWNERS owner and the Waypoint team it stands for. */
export type OwnerTeam = { owner: string; team: string };

/**
 * The Waypoint teams suggested for a path's owners, in the owners' order, without repeats.
 * Owners compare without case (GitHub and GitLab names and e-mail addresses are case-insensitive).
 */
export function teamsFor(owners: string[], table: OwnerTeam[]): string[] {
  const byOwner = new Map<string, string>();
  for (const row of table) if (!byOwner.has(row.owner.toLowerCase())) byOwner.set(row.owner.toLowerCase(), row.team);
  const teams: string[] = [];
  for (const o of owners) {
    const team = byOwner.get(o.toLowerCase());
    if (team !== undefined && !teams.includes(team)) teams.push(team);
  }
  return teams;
}

// ---------------------------------------------------------------------------------------------
// Patterns

function compilePattern(pattern: string, flavor: CodeownersFlavor): (path: string) => boolean {
  const folderOnly = pattern.endsWith("/");
  let body = pattern.replace(/\/+$/, "");
  const rooted = body.startsWith("/");
  body = body.replace(/^\/+/, "");
  if (body === "") return () => true; // "/" owns everything
  const anchored = rooted || (flavor === "github" && body.includes("/"));
  const segments = body.split("/");
  const last = segments[segments.length - 1];
  // the pattern names a folder too when its last part is a plain name (or "**")
  const ownsFolder = folderOnly || !/[*?]/.test(last) || last === "**";
  const source = fixDoubleStars(segments.map(segmentSource).join("/"));
  const prefix = anchored ? "^" : "^(?:.*/)?";
  const exact = new RegExp(`${prefix}${source}$`);
  const inside = new RegExp(`${prefix}${source}/`);
  return (path: string) => {
    if (!folderOnly && exact.test(path)) return true;
    return ownsFolder && inside.test(path);
  };
}

/** Marks "**" segments; fixDoubleStars turns them into "any folders". */
function segmentSource(segment: string): string {
  if (segment === "**") return "\u0000";
  let out = "";
  for (const ch of segment) {
    if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return out;
}

function fixDoubleStars(source: string): string {
  return source
    .replace(/^\u0000\//, "(?:.*/)?") // **/x: x at any depth
    .replace(/\/\u0000$/, "(?:/.*)?") // x/**: x and everything in it
    .replace(/\/\u0000\//g, "/(?:.*/)?") // a/**/b: zero or more folders between
    .replace(/^\u0000$/, ".*");
}
