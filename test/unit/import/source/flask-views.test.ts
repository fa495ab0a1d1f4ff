import { describe, expect, test } from "vitest";
import { parseFlaskRoutes } from "@/lib/import/parsers/source/flask";
import type { SourceFile } from "@/lib/import/types";

const keys = (files: SourceFile[]) => {
  const r = parseFlaskRoutes(files);
  return { routes: r.records.map((x) => `${x.method} ${x.path} ${x.handler}`), issues: r.issues.map((i) => `${i.file}:${i.line} ${i.message}`) };
};

describe("class-based views, Flask-RESTful, Flask-RESTX and wrappers", () => {
  test("MethodView with add_url_rule(view_func=X.as_view()): the methods are the class's verbs, through project bases", () => {
    const r = keys([
      {
        path: "app.py",
        text: [
          "from flask import Flask",
          "from flask.views import MethodView",
          "app = Flask(__name__)",
          "class Base(MethodView):",
          "    def get(self):",
          "        return ''",
          "class UserAPI(Base):",
          "    def post(self):",
          "        return ''",
          "class Limited(MethodView):",
          "    methods = ['GET', 'DELETE']",
          "app.add_url_rule('/users', view_func=UserAPI.as_view('users'))",
          "app.add_url_rule('/limited', view_func=Limited.as_view('limited'))",
          "app.add_url_rule('/forced', view_func=UserAPI.as_view('forced'), methods=['PUT'])",
          "",
        ].join("\n"),
      },
    ]);
    expect(r.routes).toEqual([
      "PUT /forced app.UserAPI",
      "DELETE /limited app.Limited",
      "GET /limited app.Limited",
      "GET /users app.UserAPI",
      "POST /users app.UserAPI",
    ]);
    expect(r.issues).toEqual([]);
  });

  test("Flask-RESTful: Api(blueprint, prefix=) and add_resource with several urls", () => {
    const r = keys([
      {
        path: "app/__init__.py",
        text: "from flask import Flask\nfrom app.api import bp\napp = Flask(__name__)\napp.register_blueprint(bp, url_prefix='/api')\n",
      },
      {
        path: "app/api.py",
        text: "from flask import Blueprint\nfrom flask_restful import Api, Resource\nbp = Blueprint('api', __name__)\napi = Api(bp, prefix='/v1')\nclass Todo(Resource):\n    def get(self, todo_id):\n        pass\n    def delete(self, todo_id):\n        pass\napi.add_resource(Todo, '/todos/<todo_id>', '/tasks/<todo_id>')\n",
      },
    ]);
    expect(r.routes).toEqual([
      "DELETE /api/v1/tasks/<todo_id> app.api.Todo",
      "GET /api/v1/tasks/<todo_id> app.api.Todo",
      "DELETE /api/v1/todos/<todo_id> app.api.Todo",
      "GET /api/v1/todos/<todo_id> app.api.Todo",
    ]);
  });

  test("Flask-RESTX: namespaces at their add_namespace path, or '/' + their name; api.namespace()", () => {
    const r = keys([
      {
        path: "api.py",
        text: [
          "from flask import Flask",
          "from flask_restx import Api, Namespace, Resource",
          "app = Flask(__name__)",
          "api = Api(app)",
          "cats = Namespace('cats')",
          "dogs = Namespace('dogs', path='/hounds')",
          "birds = api.namespace('birds')",
          "@cats.route('/<id>')",
          "class Cat(Resource):",
          "    def get(self, id):",
          "        pass",
          "@dogs.route('', '/all')",
          "class Dogs(Resource):",
          "    def post(self):",
          "        pass",
          "@birds.route('/')",
          "class Birds(Resource):",
          "    def get(self):",
          "        pass",
          "api.add_namespace(cats, path='/felines')",
          "api.add_namespace(dogs)",
          "",
        ].join("\n"),
      },
    ]);
    expect(r.routes).toEqual(["GET /birds api.Birds", "GET /felines/<id> api.Cat", "POST /hounds api.Dogs", "POST /hounds/all api.Dogs"]);
    expect(r.issues).toEqual([]);
  });

  test("a project wrapper around add_url_rule, looping over a routes list", () => {
    const r = keys([
      {
        path: "helpers.py",
        text: "def register_view(bp_or_app, routes, view_func, *args, **kwargs):\n    for route in routes:\n        bp_or_app.add_url_rule(route, view_func=view_func, *args, **kwargs)\n",
      },
      {
        path: "views.py",
        text: "from flask import Blueprint, Flask\nfrom flask.views import MethodView\nfrom helpers import register_view\napp = Flask(__name__)\nclass Page(MethodView):\n    def get(self, slug=None):\n        pass\ndef load(app):\n    bp = Blueprint('pages', __name__)\n    register_view(bp, routes=['/p/<slug>', '/pages/<slug>'], view_func=Page.as_view('page'))\n    app.register_blueprint(bp, url_prefix='/docs')\n",
      },
    ]);
    expect(r.routes).toEqual(["GET /docs/p/<slug> views.Page", "GET /docs/pages/<slug> views.Page"]);
    expect(r.issues).toEqual([]);
  });

  test("a method wrapper on an Api subclass forwarding *urls, with a warning saying what was not followed", () => {
    const r = keys([
      {
        path: "api.py",
        text: [
          "from flask import Flask",
          "from flask_restful import Api, Resource",
          "def scoped(rule):",
          "    return rule",
          "class ApiExt(Api):",
          "    def add_org_resource(self, resource, *urls, **kwargs):",
          "        urls = [scoped(url) for url in urls]",
          "        return self.add_resource(resource, *urls, **kwargs)",
          "app = Flask(__name__)",
          "api = ApiExt(app)",
          "class Alert(Resource):",
          "    def get(self, alert_id):",
          "        pass",
          "api.add_org_resource(Alert, '/api/alerts/<alert_id>', '/api/a/<alert_id>', endpoint='alert')",
          "",
        ].join("\n"),
      },
    ]);
    expect(r.routes).toEqual(["GET /api/a/<alert_id> api.Alert", "GET /api/alerts/<alert_id> api.Alert"]);
    expect(r.issues).toEqual(["api.py:6 add_org_resource() rebuilds urls before registering it; the routes are listed as its callers wrote them"]);
  });

  test("blueprints registered in a loop over a literal list", () => {
    const r = keys([
      { path: "a.py", text: "from flask import Blueprint\nbp = Blueprint('a', __name__, url_prefix='/a')\n@bp.get('/x')\ndef x():\n    pass\n" },
      { path: "b.py", text: "from flask import Blueprint\nbp = Blueprint('b', __name__, url_prefix='/b')\n@bp.get('/y')\ndef y():\n    pass\n" },
      {
        path: "app.py",
        text: "from flask import Flask\nimport a, b\napp = Flask(__name__)\nfor blueprint in [a.bp, b.bp]:\n    app.register_blueprint(blueprint)\n",
      },
    ]);
    expect(r.routes).toEqual(["GET /a/x a.x", "GET /b/y b.y"]);
    expect(r.issues).toEqual([]);
  });

  test("a view class outside the files: listed as ANY, with a warning naming it", () => {
    const r = keys([
      {
        path: "app.py",
        text: "from flask import Flask\nfrom lib.views import Remote\napp = Flask(__name__)\napp.add_url_rule('/r', view_func=Remote.as_view('r'))\n",
      },
    ]);
    expect(r.routes).toEqual(["ANY /r lib.views.Remote"]);
    expect(r.issues).toEqual(["app.py:4 The view class Remote is not among the files; its methods are unknown, listed as ANY"]);
  });
});
