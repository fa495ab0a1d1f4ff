import { describe, expect, test } from "vitest";
import { loadFixture, rows } from "./fixture-helpers";
import { parseFlaskRoutes } from "@/lib/import/parsers/source/flask";
import type { ParseResult, RouteRecord } from "@/lib/import/types";

function parseOne(text: string, file = "app.py"): ParseResult<RouteRecord> {
  return parseFlaskRoutes([{ path: file, text }]);
}

describe("Flask fixture project", () => {
  const result = parseFlaskRoutes(loadFixture("flask"));

  test("lists every route with its handler and place, blueprint prefixes applied", () => {
    expect(rows(result)).toEqual([
      ["GET", "/", "app.index", "app/__init__.py:18"],
      ["DELETE", "/admin/cache/<path:key>", "app.admin.views.clear_cache", "app/admin/views.py:21"],
      ["GET", "/admin/dashboard", "app.admin.views.dashboard", "app/admin/views.py:15"],
      // register_blueprint(url_prefix="/api/users") replaces the blueprint's own "/users"
      ["GET", "/api/users", "app.users.views.list_users", "app/users/views.py:6"],
      ["POST", "/api/users", "app.users.views.create_user", "app/users/views.py:22"],
      ["GET", "/api/users/<int:user_id>", "app.users.views.user_detail", "app/users/views.py:11"],
      ["PUT", "/api/users/<int:user_id>", "app.users.views.user_detail", "app/users/views.py:11"],
      ["POST", "/api/users/<int:user_id>/avatar", "app.users.views.upload_avatar", "app/users/views.py:27"],
      ["GET", "/health", "app.health", "app/__init__.py:22"],
      ["HEAD", "/health", "app.health", "app/__init__.py:22"],
    ]);
  });

  test("the module is the Python module of the handler's file", () => {
    expect(result.records.find((r) => r.path === "/admin/dashboard")?.module).toBe("app.admin.views");
    expect(result.records.find((r) => r.path === "/")?.module).toBe("app");
  });

  test("no issues", () => {
    expect(result.issues).toEqual([]);
  });
});

describe("FastAPI fixture project", () => {
  const result = parseFlaskRoutes(loadFixture("fastapi"));

  test("include_router prefixes combine with the router's own prefix", () => {
    expect(rows(result)).toEqual([
      ["GET", "/", "main.root", "main.py:17"],
      ["POST", "/admin", "internal.admin.update_admin", "internal/admin.py:6"],
      ["GET", "/users/<int:user_id>", "routers.users.read_user", "routers/users.py:11"],
      ["GET", "/users/<int:user_id>/files/<path:file_path>", "routers.users.read_file", "routers/users.py:16"],
      ["GET", "/users/me", "routers.users.read_me", "routers/users.py:6"],
      ["GET", "/v1/items", "routers.items.read_items", "routers/items.py:6"],
      ["GET", "/v1/items/<item_id>", "routers.items.read_item", "routers/items.py:11"],
      ["PUT", "/v1/items/<item_id>", "routers.items.update_item", "routers/items.py:16"],
      ["GET", "/v1/items/<item_id>/touch", "routers.items.touch_item", "routers/items.py:21"],
      ["POST", "/v1/items/<item_id>/touch", "routers.items.touch_item", "routers/items.py:21"],
    ]);
    expect(result.issues).toEqual([]);
  });
});

const APP = "from flask import Flask\napp = Flask(__name__)\n";

describe("Flask/FastAPI snippets", () => {
  test.each<[string, string, Array<[string, string, string | null, string]>]>([
    ["no methods= is GET, not ANY", `${APP}@app.route('/x')\ndef x():\n    pass\n`, [["GET", "/x", "app.x", "app.py:3"]]],
    [
      "methods in lower case, as a tuple",
      `${APP}@app.route("/x", methods=("get", "post"))\ndef x():\n    pass\n`,
      [
        ["GET", "/x", "app.x", "app.py:3"],
        ["POST", "/x", "app.x", "app.py:3"],
      ],
    ],
    [
      "a decorator spanning lines, with comments and a triple-quoted path",
      `${APP}@app.route(\n    # the path:\n    """/multi/<int:id>""",\n    methods=[\n        "PATCH",  # only this\n    ],\n)\ndef multi(id):\n    pass\n`,
      [["PATCH", "/multi/<int:id>", "app.multi", "app.py:3"]],
    ],
    ["a commented-out route is not a route", `${APP}# @app.route('/old')\n# def old(): pass\n`, []],
    ["a route inside a docstring is not a route", `${APP}def f():\n    """Use it like this:\n\n    @app.route('/doc')\n    def doc(): ...\n    """\n`, []],
    ["an f-string without fields is a plain string", `${APP}@app.get(f"/plain")\ndef plain():\n    pass\n`, [["GET", "/plain", "app.plain", "app.py:3"]]],
    [
      "stacked route decorators and other decorators in between",
      `${APP}@app.route('/a')\n@login_required\n@app.route('/b', methods=['POST'])\nasync def ab():\n    pass\n`,
      [
        ["GET", "/a", "app.ab", "app.py:3"],
        ["POST", "/b", "app.ab", "app.py:5"],
      ],
    ],
    ["@cache.get('key') on an unknown object is not a route", `${APP}@cache.get('key')\ndef cached():\n    pass\n`, []],
    [
      "add_url_rule with a view function",
      `${APP}def index():\n    pass\napp.add_url_rule('/', view_func=index, methods=['GET', 'POST'])\n`,
      [
        ["GET", "/", "app.index", "app.py:5"],
        ["POST", "/", "app.index", "app.py:5"],
      ],
    ],
    [
      "register_blueprint url_prefix replaces the blueprint's own (Flask)",
      `${APP}from flask import Blueprint\nbp = Blueprint('b', __name__, url_prefix='/own')\n@bp.route('/x')\ndef x():\n    pass\napp.register_blueprint(bp, url_prefix='/given')\n`,
      [["GET", "/given/x", "app.x", "app.py:5"]],
    ],
    [
      "register_blueprint without url_prefix keeps the blueprint's own",
      `${APP}from flask import Blueprint\nbp = Blueprint('b', __name__, url_prefix='/own/')\n@bp.route('/')\ndef x():\n    pass\napp.register_blueprint(bp)\n`,
      [["GET", "/own", "app.x", "app.py:5"]],
    ],
    [
      "nested blueprints join their prefixes",
      `${APP}from flask import Blueprint\nparent = Blueprint('p', __name__, url_prefix='/parent')\nchild = Blueprint('c', __name__, url_prefix='/child')\n@child.get('/leaf')\ndef leaf():\n    pass\nparent.register_blueprint(child)\napp.register_blueprint(parent)\n`,
      [["GET", "/parent/child/leaf", "app.leaf", "app.py:6"]],
    ],
    [
      "FastAPI: include prefix + router prefix + path; {id} and {p:path}",
      `from fastapi import APIRouter, FastAPI\napp = FastAPI()\nrouter = APIRouter(prefix='/items')\n@router.get('/{item_id}/files/{p:path}')\nasync def get_file(item_id: int, p: str):\n    pass\napp.include_router(router, prefix='/v1')\n`,
      [["GET", "/v1/items/<item_id>/files/<path:p>", "app.get_file", "app.py:4"]],
    ],
  ])("%s", (_name, source, expected) => {
    const result = parseOne(source);
    expect(rows(result)).toEqual(expected);
    expect(result.issues).toEqual([]);
  });

  test.each<[string, string, RegExp, number]>([
    [
      "an f-string path with an unknown field",
      `${APP}@app.route(f'/{user}/x')\ndef x():\n    pass\n`,
      /route path f"\/\{user\}\/x" cannot be resolved statically; the routes are listed with \{user\}/,
      3,
    ],
    [
      "a computed path",
      `${APP}@app.route(PATHS['x'])\ndef x():\n    pass\n`,
      /route path PATHS\["x"\] cannot be resolved statically; the routes are listed with \{x\}/,
      3,
    ],
    [
      "a prefix in a variable",
      `${APP}from flask import Blueprint\nbp = Blueprint('b', __name__)\n@bp.route('/x')\ndef x():\n    pass\napp.register_blueprint(bp, url_prefix=PREFIX)\n`,
      /URL prefix PREFIX cannot be resolved statically; the routes are listed with \{PREFIX\}/,
      8,
    ],
    ["an unresolvable blueprint", `${APP}for bp in make_blueprints():\n    app.register_blueprint(bp)\n`, /Cannot resolve the blueprint/, 4],
    [
      "a blueprint never registered",
      `from flask import Blueprint\nbp = Blueprint('b', __name__, url_prefix='/b')\n@bp.route('/x')\ndef x():\n    pass\n`,
      /never registered/,
      2,
    ],
  ])("warns about %s, with the line", (_name, source, message, line) => {
    const result = parseOne(source);
    expect(result.issues).toEqual([expect.objectContaining({ file: "app.py", line, severity: "warning", message: expect.stringMatching(message) })]);
  });

  test("unresolvable paths and prefixes keep their routes, with a {NAME} placeholder; the never-registered blueprint's routes are kept under its prefix", () => {
    expect(rows(parseOne(`${APP}@app.route(f'/{x}')\ndef x():\n    pass\n`))).toEqual([["GET", "/{x}", "app.x", "app.py:3"]]);
    expect(
      rows(
        parseOne(
          `${APP}from flask import Blueprint\nbp = Blueprint('b', __name__)\n@bp.route('/<int:id>')\ndef x(id):\n    pass\napp.register_blueprint(bp, url_prefix=PREFIX)\n`,
        ),
      ),
    ).toEqual([["GET", "/{PREFIX}/<int:id>", "app.x", "app.py:5"]]);
    expect(rows(parseOne(`from flask import Blueprint\nbp = Blueprint('b', __name__, url_prefix='/b')\n@bp.route('/x')\ndef x():\n    pass\n`))).toEqual([
      ["GET", "/b/x", "app.x", "app.py:3"],
    ]);
  });

  test("a duplicate route is listed once, with a warning naming both places", () => {
    const result = parseFlaskRoutes([
      { path: "app.py", text: `${APP}import other\n@app.route('/same')\ndef first():\n    pass\n` },
      { path: "other.py", text: `from app import app\n\n@app.route('/same', methods=['GET'])\ndef second():\n    pass\n` },
    ]);
    expect(rows(result)).toEqual([["GET", "/same", "app.first", "app.py:4"]]);
    expect(result.issues).toEqual([
      { file: "other.py", line: 3, severity: "warning", message: "Duplicate route GET /same: defined at app.py:4 and again at other.py:3; keeping the first" },
    ]);
  });

  test("a blueprint defined in one module is registered in another through a package import", () => {
    const result = parseFlaskRoutes([
      {
        path: "shop/__init__.py",
        text: "from flask import Flask\nfrom shop import orders\n\napp = Flask(__name__)\napp.register_blueprint(orders.bp, url_prefix='/orders')\n",
      },
      {
        path: "shop/orders.py",
        text: "from flask import Blueprint\n\nbp = Blueprint('orders', __name__)\n\n@bp.get('/<uuid:order_id>')\ndef show(order_id):\n    pass\n",
      },
    ]);
    expect(rows(result)).toEqual([["GET", "/orders/<uuid:order_id>", "shop.orders.show", "shop/orders.py:5"]]);
    expect(result.issues).toEqual([]);
  });

  test("the output does not depend on the order of the files", () => {
    const files = loadFixture("flask");
    expect(parseFlaskRoutes([...files].reverse())).toEqual(parseFlaskRoutes(files));
  });
});
