import { describe, expect, test } from "vitest";
import { loadFixture } from "./fixture-helpers";
import { detectFrameworks, parseRoutesFromSource, type SourceFramework } from "@/lib/import/parsers/source";
import type { SourceFile } from "@/lib/import/types";

const FIXTURE_ROUTES: Record<SourceFramework, number> = { flask: 10, fastapi: 10, django: 13, express: 13, rails: 32, laravel: 24 };

describe("detectFrameworks", () => {
  test.each(Object.keys(FIXTURE_ROUTES) as SourceFramework[])("picks %s for its fixture project, first and alone", (framework) => {
    expect(detectFrameworks(loadFixture(framework))).toEqual([framework]);
  });

  test("a project using two frameworks lists both, the one with route definitions first", () => {
    const files = [
      { path: "requirements.txt", text: "Django==5.0\nflask>=3\n" },
      { path: "blog/urls.py", text: "from django.urls import path\nurlpatterns = [path('', index)]\n" },
      { path: "manage.py", text: "import django\n" },
      { path: "tools/mini.py", text: "from flask import Flask\napp = Flask(__name__)\n" },
    ];
    expect(detectFrameworks(files)).toEqual(["django", "flask"]);
  });

  test("nothing recognisable gives an empty list", () => {
    expect(
      detectFrameworks([
        { path: "README.md", text: "# Hello\nRoute::get is mentioned here" },
        { path: "main.go", text: "package main" },
      ]),
    ).toEqual([]);
  });

  test("dependencies under node_modules or vendor do not count", () => {
    expect(
      detectFrameworks([{ path: "node_modules/express/index.js", text: "module.exports = require('./lib/express');\nconst r = express.Router()" }]),
    ).toEqual([]);
  });
});

describe("parseRoutesFromSource", () => {
  test.each(Object.entries(FIXTURE_ROUTES) as Array<[SourceFramework, number]>)("%s fixture: %i routes", (framework, count) => {
    const result = parseRoutesFromSource(framework, loadFixture(framework));
    expect(result.records).toHaveLength(count);
    // the Django fixture mounts admin.site.urls, which is reported rather than guessed
    expect(result.issues.map((i) => i.message)).toEqual(
      framework === "django"
        ? ["The URL patterns of admin.site.urls are built at run time (admin comes from django.contrib, outside the files); not listed"]
        : [],
    );
  });

  test("only the framework's own files are read: tests, dependencies and other languages are skipped", () => {
    const files: SourceFile[] = [
      { path: "app.js", text: "const express = require('express');\nconst app = express();\napp.get('/real', h);\n" },
      { path: "node_modules/lib/index.js", text: "const express = require('express');\nconst app = express();\napp.get('/dependency', h);\n" },
      { path: "test/app.test.js", text: "const express = require('express');\nconst app = express();\napp.get('/test-only', h);\n" },
      { path: "src/app.spec.ts", text: "const express = require('express');\nconst app = express();\napp.get('/spec-only', h);\n" },
      { path: "types.d.ts", text: "declare const app: any;\napp.get('/declared', h);\n" },
      { path: "routes/web.php", text: "<?php Route::get('/php', fn () => 1);" },
    ];
    expect(parseRoutesFromSource("express", files).records.map((r) => r.path)).toEqual(["/real"]);
  });

  test("Windows-style and ./-prefixed paths are normalised", () => {
    const result = parseRoutesFromSource("rails", [{ path: ".\\config\\routes.rb", text: "Rails.application.routes.draw do\n  root 'home#index'\nend\n" }]);
    expect(result.records).toEqual([{ method: "GET", path: "/", handler: "home#index", file: "config/routes.rb", line: 2 }]);
  });

  test.each(Object.keys(FIXTURE_ROUTES) as SourceFramework[])("%s: the result does not depend on the order of the files", (framework) => {
    const files = loadFixture(framework);
    const shuffled = [...files].sort((a, b) => (a.text.length % 7) - (b.text.length % 7) || (a.path < b.path ? 1 : -1));
    expect(parseRoutesFromSource(framework, shuffled)).toEqual(parseRoutesFromSource(framework, files));
  });
});

describe("broken input is reported or skipped, never a crash", () => {
  test.each(Object.keys(FIXTURE_ROUTES) as SourceFramework[])("%s: every fixture file cut at 25 places", (framework) => {
    const files = loadFixture(framework);
    for (const [index, file] of files.entries()) {
      for (let k = 1; k <= 25; k++) {
        const cut = [...files];
        cut[index] = { ...file, text: file.text.slice(0, Math.floor((file.text.length * k) / 26)) };
        expect(() => parseRoutesFromSource(framework, cut)).not.toThrow();
      }
    }
  });

  test.each<[SourceFramework, string, string, string[], RegExp | null]>([
    ["flask", "app.py", "from flask import Flask\napp = Flask(__name__)\nx = " + "[".repeat(5000) + "]".repeat(5000) + "\n", [], null],
    ["django", "urls.py", "urlpatterns = " + "[path('a/', include(".repeat(2000) + "\n", [], null],
    // the route is still a route; its handler, buried 5,000 calls deep, is not looked for
    ["express", "app.js", "app.get('/x', " + "f(".repeat(5000) + "h" + ")".repeat(5001) + "\n", ["GET /x <anonymous> (app.js:1)"], null],
    ["rails", "config/routes.rb", "scope 'a' do\n".repeat(3000) + "get 'x', to: 'a#b'\n" + "end\n".repeat(3000), [], /nested this deep/],
    [
      "laravel",
      "routes/web.php",
      "<?php\n" + "Route::prefix('a')->group(function () {\n".repeat(2000) + "Route::get('/x', fn () => 1);\n" + "});\n".repeat(2000),
      [],
      /nested this deep/,
    ],
  ])("%s: thousands of nested brackets or blocks", (framework, file, text, expected, warning) => {
    const result = parseRoutesFromSource(framework, [{ path: file, text }]);
    expect(result.records.map((r) => `${r.method} ${r.path} ${r.handler}`)).toEqual(expected);
    if (warning) expect(result.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(warning));
  });
});

describe("performance", () => {
  /** 2,000 files: 100 route modules among 1,900 others of a typical size (about 4 KB each). */
  function project(framework: SourceFramework): SourceFile[] {
    const files: SourceFile[] = [];
    for (let i = 0; i < 2000; i++) {
      const routesFile = i < 100;
      switch (framework) {
        case "flask":
        case "fastapi":
          files.push(
            routesFile
              ? {
                  path: `app/m${i}/views.py`,
                  text:
                    `from flask import Blueprint\nbp = Blueprint('b${i}', __name__, url_prefix='/m${i}')\n` +
                    Array.from(
                      { length: 10 },
                      (_, k) => `@bp.route('/items/<int:id>/${k}', methods=['GET', 'POST'])\ndef view_${k}(id):\n    return {}\n\n`,
                    ).join(""),
                }
              : {
                  path: `app/services/s${i}.py`,
                  text:
                    `"""Service."""\nimport json\n\n` +
                    Array.from(
                      { length: 40 },
                      (_, k) => `def helper_${k}(x, y=None):\n    # note\n    data = {"a": [1, 2, 3], 'b': f"{x}"}\n    return json.dumps(data) + str(y)\n\n`,
                    ).join(""),
                },
          );
          break;
        case "django":
          files.push(
            routesFile
              ? {
                  path: `app${i}/urls.py`,
                  text:
                    `from django.urls import path\nfrom . import views\nurlpatterns = [\n` +
                    Array.from({ length: 10 }, (_, k) => `    path('items${i}/<int:id>/${k}/', views.v${k}),\n`).join("") +
                    "]\n",
                }
              : {
                  path: `app/services/s${i}.py`,
                  text: `import json\n\n` + Array.from({ length: 40 }, (_, k) => `def helper_${k}(x):\n    return json.dumps({"a": [x, ${k}]})\n\n`).join(""),
                },
          );
          break;
        case "express":
          files.push(
            routesFile
              ? {
                  path: `routes/r${i}.js`,
                  text:
                    `const express = require('express');\nconst router = express.Router();\n` +
                    Array.from({ length: 10 }, (_, k) => `router.get('/items${i}/:id/${k}', (req, res) => res.json({}));\n`).join("") +
                    "module.exports = router;\n",
                }
              : {
                  path: `lib/s${i}.js`,
                  text: Array.from(
                    { length: 40 },
                    (_, k) =>
                      `// helper ${k}\nexport async function helper${k}(x) {\n  const rows = await db.query(\`select * from t where id = \${x}\`);\n  return rows.map((r) => r.id / 2);\n}\n`,
                  ).join(""),
                },
          );
          break;
        case "rails":
          files.push(
            i === 0
              ? {
                  path: "config/routes.rb",
                  text:
                    "Rails.application.routes.draw do\n" +
                    Array.from(
                      { length: 300 },
                      (_, k) => `  resources :things${k}, only: [:index, :show] do\n    member do\n      get 'preview'\n    end\n  end\n`,
                    ).join("") +
                    "end\n",
                }
              : { path: `app/models/t${i}.rb`, text: Array.from({ length: 40 }, (_, k) => `  def h${k}(x)\n    where(id: x).first # note\n  end\n`).join("") },
          );
          break;
        case "laravel":
          files.push(
            i < 20
              ? {
                  path: `routes/r${i}.php`,
                  text:
                    `<?php\nRoute::prefix('p${i}')->group(function () {\n` +
                    Array.from({ length: 10 }, (_, k) => `    Route::get('/items/{id}/${k}', [C${k}::class, 'show'])->where('id', '[0-9]+');\n`).join("") +
                    "});\n",
                }
              : {
                  path: `app/Models/M${i}.php`,
                  text:
                    `<?php\nclass M${i} {\n` +
                    Array.from({ length: 40 }, (_, k) => `    public function h${k}($x) { return $this->where('id', $x)->get(); }\n`).join("") +
                    "}\n",
                },
          );
          break;
      }
    }
    return files;
  }

  test.each(["flask", "django", "express", "rails", "laravel"] as SourceFramework[])(
    "%s: a 2,000-file project yields every route of its route files (speed: see the benchmarks)",
    (framework) => {
      const files = project(framework);
      const result = parseRoutesFromSource(framework, files);
      expect(result.records.length).toBeGreaterThanOrEqual(200);
    },
  );
});
