import { describe, expect, it } from "vitest";
import { moduleNameOf } from "@/lib/import/parsers/source/python-support";
import { parseRoutesFromSource } from "@/lib/import/parsers/source";

describe("moduleNameOf", () => {
  it.each([
    ["app/users/views.py", "app.users.views"],
    ["app/__init__.py", "app"],
    ["__init__.py", ""],
    ["views.py", "views"],
    ["my__init__.py", "my__init__"],
  ])("%s → '%s'", (path, name) => expect(moduleNameOf(path)).toBe(name));
});

describe("a folder that is itself the package (a repository scan of `shop/` alone)", () => {
  const files = [
    {
      path: "__init__.py",
      text: 'from flask import Flask\n\nfrom .users.views import bp as users_bp\n\n\ndef create_app():\n    app = Flask(__name__)\n    app.register_blueprint(users_bp, url_prefix="/api/users")\n    return app\n',
    },
    { path: "users/__init__.py", text: "" },
    {
      path: "users/views.py",
      text: 'from flask import Blueprint\n\nbp = Blueprint("users", __name__)\n\n\n@bp.route("/")\ndef list_users():\n    return []\n',
    },
  ];

  it("resolves the package's relative imports: the blueprint keeps its registered prefix", () => {
    const result = parseRoutesFromSource("flask", files);
    expect(result.records.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/users"]);
    expect(result.issues).toEqual([]);
  });

  it("gives the same routes as the folder scanned from the repository's root", () => {
    const nested = parseRoutesFromSource(
      "flask",
      files.map((f) => ({ ...f, path: `shop/${f.path}` })),
    );
    expect(nested.records.map((r) => r.path)).toEqual(parseRoutesFromSource("flask", files).records.map((r) => r.path));
  });
});
