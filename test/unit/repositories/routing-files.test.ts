import { describe, expect, test } from "vitest";
import { isRoutingFile, ownerSources, pathResolver } from "@/lib/repositories/routing-files";

const FILES = [
  "src/shop/__init__.py",
  "src/shop/admin/__init__.py",
  "src/shop/admin/blueprint.py",
  "src/shop/admin/pages.py",
  "src/shop/api/routers.py",
  "routes/users.js",
  "routes/router.js",
  "routes/shared/index.js",
];
const resolve = pathResolver(FILES);

describe("routing files", () => {
  test.each([
    ["flask", "app.py", "app = Flask(__name__)\n", true],
    ["flask", "app.py", "app.register_blueprint(bp)\n", true],
    ["flask", "shop/__init__.py", "from .views import bp\n", true],
    ["flask", "shop/__init__.py", "", false],
    ["flask", "shop/bp.py", 'bp = Blueprint("x", __name__)\n', true],
    ["flask", "shop/views.py", 'bp = Blueprint("x", __name__)\n\n@bp.route("/")\ndef i(): pass\n', false],
    ["django", "mysite/urls.py", 'path("a/", include("a.urls"))\n', true],
    ["django", "shop/urls.py", 'path("a/", views.a)\n', false],
    ["django", "mysite/settings.py", 'ROOT_URLCONF = "mysite.urls"\n', true],
    ["express", "app.js", "app.use('/api', api)\n", true],
    ["express", "routes/users.js", "router.get('/', list)\n", false],
    ["express", "routes/index.js", "", true],
    ["rails", "config/routes.rb", "", true],
  ] as const)("%s %s → %s", (fw, path, text, expected) => {
    expect(isRoutingFile(fw, path, text)).toBe(expected);
  });

  test("a Python file's decorated owners that it imports: relative, absolute (through a source root), aliased", () => {
    const pages =
      'from .blueprint import bp\nfrom shop.api.routers import router as api\nfrom flask import request\n\n@bp.route("/p")\ndef p(): pass\n\n@api.get("/a")\ndef a(): pass\n';
    expect(ownerSources("flask", "src/shop/admin/pages.py", pages, resolve)).toEqual(["src/shop/api/routers.py", "src/shop/admin/blueprint.py"].sort());
    // a module imported whole, decorated through its attribute
    expect(ownerSources("flask", "src/shop/admin/pages.py", 'from . import blueprint\n\n@blueprint.bp.route("/p")\ndef p(): pass\n', resolve)).toEqual([
      "src/shop/admin/blueprint.py",
    ]);
    // owners of its own, or imports that are not owners: nothing
    expect(
      ownerSources(
        "flask",
        "src/shop/admin/pages.py",
        'from .blueprint import helper\nbp = Blueprint("x", __name__)\n\n@bp.route("/p")\ndef p(): pass\n',
        resolve,
      ),
    ).toEqual([]);
    expect(ownerSources("django", "src/shop/admin/pages.py", "from .blueprint import bp\n@bp.route('/')\ndef x(): pass\n", resolve)).toEqual([]);
  });

  test("an Express file's routers taken from another module", () => {
    const users = "const router = require('./router');\nimport { shared as s } from './shared';\nrouter.get('/', list);\ns.post('/x', make);\n";
    expect(ownerSources("express", "routes/users.js", users, resolve)).toEqual(["routes/router.js", "routes/shared/index.js"]);
    expect(ownerSources("express", "routes/users.js", "const api = require('./router');\napp.use('/api', api);\n", resolve)).toEqual([]); // mounting is not declaring
    expect(ownerSources("express", "routes/users.js", "const r = require('../../outside');\nr.get('/');\n", resolve)).toEqual([]);
  });

  test("candidates resolve exactly first, then by the shortest suffix", () => {
    const r = pathResolver(["a/shop/x.py", "shop/x.py", "b/c/shop/x.py"]);
    expect(r(["shop/x.py"])).toBe("shop/x.py");
    expect(pathResolver(["b/c/shop/x.py", "a/shop/x.py"])(["shop/x.py"])).toBe("a/shop/x.py");
    expect(r(["nope.py"])).toBeUndefined();
  });
});
