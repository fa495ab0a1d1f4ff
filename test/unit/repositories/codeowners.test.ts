import { describe, expect, test } from "vitest";
import { findCodeownersFile, ownersOf, parseCodeowners, teamsFor } from "@/lib/repositories/codeowners";

// GitHub's documented example, lightly trimmed
const GITHUB = String.raw`# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/config/ @octo-org/config-team
!/vendor/ @nobody
/src/payments/ @Acme/Payments
`;

describe("GitHub's CODEOWNERS", () => {
  const co = parseCodeowners(GITHUB, "github");

  test.each([
    ["README.md", ["@global-owner1", "@global-owner2"], 2],
    ["src/app.js", ["@js-owner"], 3],
    ["main.go", ["docs@example.com"], 4],
    ["notes/a.txt", ["@octo-org/octocats"], 5],
    ["build/logs/today.log", ["@octocat"], 11], // **/logs comes later and wins
    ["docs/getting-started.md", ["@doctocat"], 9],
    ["docs/build-app/troubleshooting.md", ["@doctocat"], 9],
    ["x/apps/y.py", ["@octocat"], 8],
    ["apps/web/index.py", ["@octocat"], 12],
    ["apps/github/index.py", [], 13], // a rule with no owners: unowned
    ["deeply/nested/logs/x.txt", ["@octocat"], 11],
    ["config/app.yml", ["@octo-org/config-team"], 14],
    ["vendor/lib.py", ["@global-owner1", "@global-owner2"], 2], // the "!" line is skipped
    ["src/payments/stripe.py", ["@Acme/Payments"], 16],
  ])("%s is owned by %j (line %i)", (path, owners, line) => {
    const o = ownersOf(co, path);
    expect(o.owners).toEqual(owners);
    expect(o.matches.map((m) => m.line)).toEqual([line]);
  });

  test("`docs/*` owns docs' own files, not those of its sub-folders; a leading `/` anchors", () => {
    const docs = parseCodeowners("docs/* @docs\n/README.md @readme\nlib/ @lib\n", "github");
    expect(ownersOf(docs, "docs/a.md").owners).toEqual(["@docs"]);
    expect(ownersOf(docs, "docs/a/b.md").owners).toEqual([]);
    expect(ownersOf(docs, "x/docs/a.md").owners).toEqual([]); // a "/" in the middle anchors at the root
    expect(ownersOf(docs, "README.md").owners).toEqual(["@readme"]);
    expect(ownersOf(docs, "sub/README.md").owners).toEqual([]);
    expect(ownersOf(docs, "a/lib/b/c.py").owners).toEqual(["@lib"]);
    expect(ownersOf(docs, "a/libx/c.py").owners).toEqual([]);
  });

  test("lines GitHub would skip are reported", () => {
    expect(co.issues).toEqual([{ line: 15, message: "GitHub does not support '!' (negation) in CODEOWNERS: the line is skipped" }]);
    expect(parseCodeowners("*.py @ok not-an-owner\n", "github").issues).toEqual([
      { line: 1, message: "'not-an-owner' is not an owner (@user, @org/team or an e-mail address): the line is skipped" },
    ]);
  });

  test("a space escaped in a path, and no rule at all", () => {
    const spaced = parseCodeowners(String.raw`path\ with\ spaces/ @space-owner` + "\n", "github");
    expect(ownersOf(spaced, "path with spaces/a.md").owners).toEqual(["@space-owner"]);
    expect(ownersOf(parseCodeowners("# nothing\n", "github"), "a.py")).toEqual({ owners: [], matches: [] });
  });
});

const GITLAB = String.raw`# Required for all files
* @general-approvers
!pom.xml

[Documentation][2] @docs-team
docs/
README.md
ee/docs @product-team

^[Database] @database-team
model/db/
config/db/database-setup.md @docs-team
!model/db/generated/

[documentation]
*.txt

[Ruby]
*.rb @ruby-devs
!/config/*
/config/routes.rb @@maintainer
`;

describe("GitLab's CODEOWNERS", () => {
  const co = parseCodeowners(GITLAB, "gitlab");

  test("sections, optional sections, approvals and default owners are read", () => {
    expect([...co.sections.values()]).toEqual([
      { name: "Documentation", optional: false, approvals: 2, defaultOwners: ["@docs-team"] },
      { name: "Database", optional: true, approvals: 1, defaultOwners: ["@database-team"] },
      { name: "Ruby", optional: false, approvals: 1, defaultOwners: [] },
    ]);
    expect(co.issues).toEqual([]);
  });

  test.each([
    // every matching section owns the path; inside a section, the last match wins
    ["docs/index.md", ["@general-approvers", "@docs-team"], ["", "Documentation"]],
    ["app/README.md", ["@general-approvers", "@docs-team"], ["", "Documentation"]],
    ["x/ee/docs/a.md", ["@general-approvers", "@product-team"], ["", "Documentation"]], // no leading "/": any depth
    ["notes.txt", ["@general-approvers", "@docs-team"], ["", "Documentation"]], // "[documentation]" is the same section
    ["model/db/schema.sql", ["@general-approvers", "@database-team"], ["", "Database"]],
    ["model/db/generated/x.sql", ["@general-approvers"], [""]], // excluded from the Database section
    ["config/db/database-setup.md", ["@general-approvers", "@docs-team"], ["", "Database"]],
    ["app/models/user.rb", ["@general-approvers", "@ruby-devs"], ["", "Ruby"]],
    ["config/application.rb", ["@general-approvers"], [""]], // excluded: final, /config/routes.rb does not bring it back
    ["config/routes.rb", ["@general-approvers"], [""]],
    ["pom.xml", [], []], // excluded from the unnamed section, matched by no other
  ])("%s → %j", (path, owners, sections) => {
    const o = ownersOf(co, path);
    expect(o.owners).toEqual(owners);
    expect(o.matches.map((m) => m.section ?? "")).toEqual(sections);
  });

  test("the Database section is optional in the match; roles are owners", () => {
    expect(ownersOf(co, "model/db/a.sql").matches[1]).toMatchObject({ section: "Database", optional: true, pattern: "model/db/", line: 11 });
    const roles = parseCodeowners("/config/ @@maintainer @@developer\n", "gitlab");
    expect(ownersOf(roles, "config/a.yml").owners).toEqual(["@@maintainer", "@@developer"]);
  });

  test("GitLab reads owners out of what GitHub calls a comment", () => {
    expect(ownersOf(parseCodeowners("*.js @js # and @reviewer\n", "gitlab"), "a.js").owners).toEqual(["@js", "@reviewer"]);
    expect(ownersOf(parseCodeowners("*.js @js # and @reviewer\n", "github"), "a.js").owners).toEqual(["@js"]);
  });
});

describe("finding the file and mapping owners to teams", () => {
  test("each host's order of places", () => {
    const paths = ["CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"];
    expect(findCodeownersFile(paths, "github")).toBe(".github/CODEOWNERS");
    expect(findCodeownersFile(paths, "gitlab")).toBe("CODEOWNERS");
    expect(findCodeownersFile([".gitlab/CODEOWNERS", "docs/CODEOWNERS"], "gitlab")).toBe("docs/CODEOWNERS");
    expect(findCodeownersFile(["src/a.py"], "github")).toBeUndefined();
  });

  test("owners become Waypoint teams through the settings table, in order, without case, without repeats", () => {
    const table = [
      { owner: "@acme/payments", team: "Payments" },
      { owner: "@octocat", team: "Platform" },
      { owner: "DOCS@example.com", team: "Platform" },
    ];
    expect(teamsFor(["@Acme/Payments", "@someone", "docs@example.com", "@octocat"], table)).toEqual(["Payments", "Platform"]);
    expect(teamsFor(["@someone"], table)).toEqual([]);
  });
});
