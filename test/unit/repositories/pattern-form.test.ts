import { describe, expect, test } from "vitest";
import { patternFromForm } from "@/lib/repositories/pattern-form";
import { regexProblem } from "@/lib/repositories/pattern-live-check";

describe("the patterns form", () => {
  test("a regex pattern's fields become the domain's input", () => {
    expect(
      patternFromForm({
        name: "six",
        slug: " six ",
        kind: "regex",
        source: "import six",
        ignoreCase: "on",
        language_python: "on",
        extensions: ".py, .pyi",
        folders: "app\n\n shop/legacy \n",
        target: "0",
        rule: "ignored",
      }),
    ).toEqual({
      name: "six",
      slug: "six",
      kind: "regex",
      source: "import six",
      flags: "i",
      languages: ["python"],
      extensions: [".py", ".pyi"],
      folders: ["app", "shop/legacy"],
      target: 0,
    });
  });

  test("an ast-grep rule; an update keeps the slug out; a target that is not a number is left for the schema", () => {
    expect(patternFromForm({ name: "u", slug: "x", kind: "ast-grep", rule: "unicode($X)", language: "python", target: "two" }, { update: true })).toEqual({
      name: "u",
      kind: "ast-grep",
      rule: "unicode($X)",
      language: "python",
      languages: [],
      extensions: [],
      folders: [],
      target: "two",
    });
  });

  test.each([
    ["import six", false, null],
    ["", false, null],
    ["(?<=import )six", false, /^Not a valid regular expression \(look-around and back-references are not supported/],
    ["(unclosed", false, /^Not a valid regular expression: /],
    ["x*", false, /^Matches empty text/],
    ["X+", true, null],
  ])("%j (ignore case %s) → %s", (source, ignoreCase, problem) => {
    const found = regexProblem(source, ignoreCase);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
