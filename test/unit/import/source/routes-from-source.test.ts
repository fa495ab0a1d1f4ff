import { describe, expect, test } from "vitest";
import { neverServed } from "@/lib/import/parsers/source/never-served";
import { routesFromSource } from "@/lib/import/parsers/source/routes-from-source";

describe("code that is never served", () => {
  test.each<[string, string | undefined]>([
    ["app/views.py", undefined],
    ["tests/test_views.py", "tests: tests"],
    ["src/app/__tests__/x.ts", "src/app/__tests__: tests"],
    ["data/static/codefixes/fix_1.ts", "data/static: static files"],
    ["spec/requests/users_spec.rb", "spec: tests"],
    ["docs/conf.py", "docs: documentation"],
    ["src/docs/swagger.js", "src/docs: documentation"],
    ["src/dispatch/plugins/google/docs/plugin.py", undefined], // deep `docs` is a package, not documentation
    ["examples/basic/app.py", "examples: examples"],
    ["test/fixtures/app.js", "test: tests"],
    ["app/fixtures/users.py", "app/fixtures: test fixtures"],
    ["node_modules/express/index.js", "node_modules: dependencies"],
    [".github/scripts/x.js", ".github: hidden folder"],
    ["app/users.test.ts", ": test files (by name)"],
    ["app/test_users.py", ": test files (by name)"],
    ["app/testing_utils.py", undefined],
  ])("%s", (path, expected) => {
    const why = neverServed(path);
    expect(why ? `${why.folder}: ${why.reason}` : undefined).toBe(expected);
  });
});

describe("routes of a whole repository", () => {
  test("each framework with evidence is parsed and named with its folder", () => {
    const result = routesFromSource([
      { path: "backend/manage.py", text: "import django\n" },
      { path: "backend/shop/urls.py", text: "from django.urls import path\nurlpatterns = [path('orders/', views.orders)]\n" },
      { path: "gateway/server.js", text: "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\n" },
    ]);
    expect(result.records.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /health", "ANY /orders"]);
    expect(result.frameworks).toEqual([
      { framework: "django", folder: "backend/shop", routes: 1 },
      { framework: "express", folder: "gateway", routes: 1 },
    ]);
    expect(result.tried).toEqual([]);
  });

  test("Flask and FastAPI share a parser and are told apart per file", () => {
    const result = routesFromSource([
      { path: "web/app.py", text: "from flask import Flask\napp = Flask(__name__)\n@app.get('/a')\ndef a():\n    pass\n" },
      { path: "api/main.py", text: "from fastapi import FastAPI\napp = FastAPI()\n@app.get('/b')\ndef b():\n    pass\n" },
    ]);
    expect(result.frameworks.map((f) => `${f.framework} ${f.folder}`).sort()).toEqual(["fastapi api", "flask web"]);
  });

  test("when nothing is found, every framework tried says why", () => {
    const result = routesFromSource([
      { path: "README.md", text: "# hi" },
      { path: "tool.py", text: "print('x')\n" },
    ]);
    expect(result.records).toEqual([]);
    expect(result.tried).toEqual([
      { framework: "flask", reason: "no Flask(), Blueprint(), FastAPI() or APIRouter() in 1 Python file(s)" },
      { framework: "django", reason: "no urlpatterns in 1 Python file(s)" },
      { framework: "express", reason: "no JavaScript or TypeScript files" },
      { framework: "rails", reason: "no config/routes.rb" },
      { framework: "laravel", reason: "no routes/*.php" },
    ]);
  });
});
