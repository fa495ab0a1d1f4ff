import { describe, expect, test } from "vitest";
import { PythonProject } from "@/lib/import/parsers/source/python-project";
import { showPlaceholders, PythonValues } from "@/lib/import/parsers/source/python-values";
import { parsePyExpr } from "@/lib/import/parsers/source/python-support";
import { tokenizePython } from "@/lib/import/parsers/source/python-lexer";
import type { SourceFile } from "@/lib/import/types";

/** The value of `expr` as written in app/main.py, among the other files. */
function valueOf(expr: string, files: SourceFile[], head = "") {
  const main = { path: "app/main.py", text: `${head}\nVALUE = ${expr}\n` };
  const project = new PythonProject([main, ...files]);
  const values = new PythonValues(project);
  const tokens = tokenizePython(expr);
  const text = values.text("app.main", parsePyExpr(tokens, 0, tokens.length - 1));
  return { text: showPlaceholders(text.text), placeholders: text.placeholders, notes: values.issues().map((i) => `${i.file}:${i.line} ${i.message}`) };
}

const CONFIG = {
  path: "app/core/config.py",
  text: 'from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    API_V1_STR: str = "/api/v1"\n    NAME: str\n\nsettings = Settings()\n',
};

describe("static values of Python expressions", () => {
  test.each<[string, string, SourceFile[], string, string]>([
    ["a literal", '"/users"', [], "", "/users"],
    ["a module constant", "PREFIX", [], 'PREFIX = "/v2"', "/v2"],
    ["an imported constant", "PREFIX", [{ path: "app/consts.py", text: 'PREFIX = "/x"\n' }], "from app.consts import PREFIX", "/x"],
    ["a constant of an imported module", "consts.PREFIX", [{ path: "app/consts.py", text: 'PREFIX = "/x"\n' }], "from app import consts", "/x"],
    ["a pydantic settings default through an instance", "settings.API_V1_STR", [CONFIG], "from app.core.config import settings", "/api/v1"],
    ["an f-string of constants", 'f"{settings.API_V1_STR}/openapi.json"', [CONFIG], "from app.core.config import settings", "/api/v1/openapi.json"],
    ["concatenation", 'PREFIX + "/users"', [], 'PREFIX = "/v2"', "/v2/users"],
    ["os.getenv with a default", 'os.getenv("API_PREFIX", "/api")', [], "import os", "/api"],
    ["os.environ.get with a default", 'os.environ.get("API_PREFIX", "/api")', [], "import os", "/api"],
    [
      "a config key found in a configuration class",
      'app.config["AUTH_URL_PREFIX"]',
      [{ path: "app/configs/default.py", text: 'class DefaultConfig(object):\n    AUTH_URL_PREFIX = "/auth"\n' }],
      "",
      "/auth",
    ],
    ["config.get with a default when the key is nowhere", 'app.config.get("MISSING", "/m")', [], "", "/m"],
    [
      "an attribute of a settings object built by a factory, by name",
      "settings.api_prefix",
      [{ path: "app/settings.py", text: 'class AppSettings:\n    api_prefix: str = "/api"\n\ndef get_settings():\n    return make()\n' }],
      "from app.settings import get_settings\nsettings = get_settings()",
      "/api",
    ],
    [
      "a helper whose last line returns its argument",
      'scoped("/dash")',
      [],
      'def scoped(rule):\n    if MULTI:\n        return "/<org>" + rule\n    return rule',
      "/dash",
    ],
    ["str.format with positional fields", '"/{}/x".format(PREFIX)', [], 'PREFIX = "v1"', "/v1/x"],
  ])("%s", (_name, expr, files, head, expected) => {
    const v = valueOf(expr, files, head);
    expect(v.text).toBe(expected);
    expect(v.placeholders).toEqual([]);
  });

  test.each<[string, string, string, string]>([
    ["an unknown name", "PREFIX", "", "{PREFIX}"],
    ["an environment variable without a default", 'os.environ["BASE"]', "import os", "{BASE}"],
    ["an unknown config key", 'app.config["NOWHERE"]', "", "{NOWHERE}"],
    ["an f-string with an unknown field", 'f"/{tenant}/x"', "", "/{tenant}/x"],
    ["an attribute nobody defines", "settings.NOWHERE", "", "{NOWHERE}"],
  ])("%s becomes a visible placeholder", (_name, expr, head, expected) => {
    const v = valueOf(expr, [], head);
    expect(v.text).toBe(expected);
    expect(v.placeholders.length).toBe(1);
  });

  test("the unconditional value is used, and a conditional reassignment is reported where it is", () => {
    const v = valueOf("prefix", [], 'prefix = ""\nif site_path:\n    prefix = f"{site_path}/"');
    expect(v.text).toBe("");
    expect(v.notes).toEqual(["app/main.py:3 prefix is reassigned here under a condition; routes use its value at line 1"]);
  });

  test("a key with different values in the project is not guessed", () => {
    const files = [
      { path: "conf/a.py", text: 'PREFIX = "/a"\n' },
      { path: "conf/b.py", text: 'PREFIX = "/b"\n' },
    ];
    const v = valueOf('app.config["PREFIX"]', files);
    expect(v.text).toBe("{PREFIX}");
    expect(v.notes).toEqual(['conf/a.py:1 PREFIX has 2 different values in the project ("/a", "/b"); routes using it show {PREFIX}']);
  });
});
