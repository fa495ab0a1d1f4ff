import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { compilePatterns, countFile, countsByFolder, occurrencesOf, patternTotals, updateCounts } from "@/lib/repositories/patterns";

const PY2 = `import six
from six.moves import range
print "hello"
x = unicode(y)  # unicode( in a comment
s = "unicode(not code)"
print("fine")
`;

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
}

describe("patterns that must disappear", () => {
  test("a regex counts its occurrences per line, several on a line included, only in the files it applies to", async () => {
    const [six, unicode] = await compilePatterns([
      { id: "six", kind: "regex", source: String.raw`\bsix\b`, languages: ["python"] },
      { id: "unicode", kind: "regex", source: String.raw`\bUNICODE\(`, flags: "i", extensions: [".py"], folders: ["legacy"] },
    ]);
    expect(six.count(PY2)).toEqual([1, 2]);
    expect(six.count("six.text_type(six.b('x'))\n")).toEqual([1, 1]);
    expect(unicode.count(PY2)).toEqual([4, 4, 5]); // a regex does not know comments from code
    expect(six.appliesTo("app/a.py")).toBe(true);
    expect(six.appliesTo("app/a.js")).toBe(false);
    expect(unicode.appliesTo("legacy/a.py")).toBe(true);
    expect(unicode.appliesTo("legacyx/a.py")).toBe(false);
    expect(unicode.appliesTo("a.py")).toBe(false);
    expect(countFile([six, unicode], { path: "legacy/m.py", text: PY2 })).toEqual({ six: [1, 2], unicode: [4, 4, 5] });
    expect(countFile([six, unicode], { path: "legacy/m.js", text: PY2 })).toEqual({});
  });

  test("a structural rule (ast-grep) counts calls, not words in comments or strings", async () => {
    const [call] = await compilePatterns([{ id: "unicode-call", kind: "ast-grep", rule: "unicode($X)", language: "python" }]);
    expect(call.count(PY2)).toEqual([4]);
    const [req] = await compilePatterns([{ id: "require", kind: "ast-grep", rule: "require($M)", language: "javascript", extensions: ["js"] }]);
    expect(req.count("const a = require('a');\n// require('b')\nconst c = require('c');\n")).toEqual([1, 3]);
  });

  test("a catastrophic regex runs in linear time: it finishes, and counts right", async () => {
    const [evil] = await compilePatterns([{ id: "evil", kind: "regex", source: "(a+)+$" }]);
    const line = "a".repeat(50_000) + "!";
    expect(evil.count(`${line}\n${line}\naaa\n`)).toEqual([3]);
  });

  test.each([
    [
      { id: "look", kind: "regex", source: "(?<=import )six" },
      /^Pattern 'look' is not a valid regular expression \(look-around and back-references are not supported by the linear-time engine\)/,
    ],
    [{ id: "backref", kind: "regex", source: String.raw`(\w)\1` }, /back-references are not supported/],
    [{ id: "broken", kind: "regex", source: "(unclosed" }, /^Pattern 'broken' is not a valid regular expression: /],
    [
      { id: "empty", kind: "regex", source: "x*" },
      "Pattern 'empty' matches empty text, so it would count every position: make it match at least one character.",
    ],
    [{ id: "flags", kind: "regex", source: "x", flags: "g" }, /^Pattern 'flags': flags only "i" \(ignore case\)/],
    [{ id: "", kind: "regex", source: "x" }, /^Pattern '': id/],
    [{ id: "lang", kind: "regex", source: "x", languages: ["cobol"] }, /^Pattern 'lang': languages\.0/],
    [{ id: "up", kind: "regex", source: "x", folders: ["../etc"] }, /^Pattern 'up': folders\.0 .*a folder inside the repository/],
    [{ id: "ast", kind: "ast-grep", rule: "x", language: "cobol" }, /^Pattern 'ast': language/],
  ])("%j is refused with a reason", async (def, message) => {
    expect(await messageOf(compilePatterns([def]))).toMatch(message);
  });

  test("two patterns may not share an id", async () => {
    expect(
      await messageOf(
        compilePatterns([
          { id: "a", kind: "regex", source: "x" },
          { id: "a", kind: "regex", source: "y" },
        ]),
      ),
    ).toBe("Two patterns have the id 'a'.");
  });

  test("a pattern's fingerprint changes with what it counts", async () => {
    const [a, b, c] = await compilePatterns([
      { id: "a", kind: "regex", source: "six" },
      { id: "b", kind: "regex", source: "six", folders: ["x"] },
      { id: "c", kind: "regex", source: "six" },
    ]);
    const [a2] = await compilePatterns([{ id: "a", kind: "regex", source: "six" }]);
    expect(a.fingerprint).toBe(a2.fingerprint);
    expect(new Set([a.fingerprint, b.fingerprint, c.fingerprint]).size).toBe(3);
  });
});

describe("counting incrementally", () => {
  test("only the files named are counted again; removed files and removed patterns drop out", async () => {
    const patterns = await compilePatterns([
      { id: "six", kind: "regex", source: String.raw`\bsix\b` },
      { id: "print", kind: "regex", source: String.raw`^\s*print\s+["']` },
    ]);
    const files = [
      { path: "a/models.py", text: "import six\n" },
      { path: "a/views.py", text: "import six\nprint 'x'\nprint 'y'\n" },
      { path: "b/util.py", text: "six = 1\n" },
    ];
    const counts = updateCounts({}, patterns, { files });
    expect(counts).toEqual({ "a/models.py": { six: [1] }, "a/views.py": { print: [2, 3], six: [1] }, "b/util.py": { six: [1] } });
    expect(patternTotals(counts)).toEqual({ print: 2, six: 3 });
    expect(countsByFolder(counts)).toEqual({ a: { print: 2, six: 2 }, b: { six: 1 } });
    expect(countsByFolder(counts, ["a", ""])).toEqual({ "": { six: 1 }, a: { print: 2, six: 2 } });
    expect(occurrencesOf(counts, "print")).toEqual([
      { file: "a/views.py", line: 2 },
      { file: "a/views.py", line: 3 },
    ]);

    // a commit: views.py loses a print, util.py is deleted; models.py is not read again
    const reads: string[] = [];
    const spy = patterns.map((p) => ({ ...p, count: (text: string) => (reads.push(p.id), p.count(text)) }));
    const after = updateCounts(counts, spy, { removed: ["b/util.py"], files: [{ path: "a/views.py", text: "import six\nprint('x')\nprint 'y'\n" }] });
    expect(after).toEqual({ "a/models.py": { six: [1] }, "a/views.py": { print: [3], six: [1] } });
    expect(reads).toEqual(["six", "print"]);

    // a new pattern is counted on its own; a dropped one disappears
    const [six, , todo] = await compilePatterns([
      { id: "six", kind: "regex", source: String.raw`\bsix\b` },
      { id: "print", kind: "regex", source: "print" },
      { id: "todo", kind: "regex", source: "TODO" },
    ]);
    const added = updateCounts(after, [six, todo], { files: [{ path: "a/models.py", text: "import six  # TODO\n" }], patternIds: ["todo"] });
    expect(added).toEqual({ "a/models.py": { six: [1], todo: [1] }, "a/views.py": { six: [1] } });
  });
});
