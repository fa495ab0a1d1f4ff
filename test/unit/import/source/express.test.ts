import { describe, expect, test } from "vitest";
import { loadFixture, rows } from "./fixture-helpers";
import { expressPathVariants, parseExpressRoutes } from "@/lib/import/parsers/source/express";
import type { ParseResult, RouteRecord } from "@/lib/import/types";

const APP = "const express = require('express');\nconst app = express();\n";

function parseOne(text: string): ParseResult<RouteRecord> {
  return parseExpressRoutes([{ path: "app.js", text }]);
}

describe("Express fixture project", () => {
  const result = parseExpressRoutes(loadFixture("express"));

  test("routers required/imported from other files are mounted under their prefixes", () => {
    expect(rows(result)).toEqual([
      ["GET", "/", "home", "app.js:9"],
      ["GET", "/api/items", "<anonymous> (routes/items.js:5)", "routes/items.js:5"],
      ["POST", "/api/items", "createItem", "routes/items.js:6"],
      ["DELETE", "/api/items/<int:id>", "removeItem", "routes/items.js:7"],
      ["GET", "/api/status", "status", "routes/api.js:7"],
      ["GET", "/health", "<anonymous> (app.js:12)", "app.js:12"],
      ["ANY", "/ping", "ping", "app.js:16"],
      ["GET", "/users", "list", "routes/users.js:6"],
      ["GET", "/users/<id>", "show", "routes/users.js:7"],
      // `:postId?` is optional: the route is listed with and without it
      ["GET", "/users/<id>/posts", "<anonymous> (routes/users.js:12)", "routes/users.js:12"],
      ["GET", "/users/<id>/posts/<postId>", "<anonymous> (routes/users.js:12)", "routes/users.js:12"],
      ["GET", "/users/<id>/settings", "showSettings", "routes/users.js:10"],
      ["PUT", "/users/<id>/settings", "update", "routes/users.js:11"],
    ]);
    expect(result.issues).toEqual([]);
  });

  test("an imported handler's module is the file it comes from", () => {
    expect(result.records.find((r) => r.path === "/users")?.module).toBe("controllers/users.js");
    expect(result.records.find((r) => r.path === "/ping")?.module).toBe("app.js");
  });
});

describe("Express snippets", () => {
  test.each<[string, string, Array<[string, string, string | null, string]>]>([
    ["a named handler", `${APP}app.get('/x', listThings);\n`, [["GET", "/x", "listThings", "app.js:3"]]],
    [
      "an arrow function is anonymous, with its place",
      `${APP}app.post('/x', (req, res) => res.end());\n`,
      [["POST", "/x", "<anonymous> (app.js:3)", "app.js:3"]],
    ],
    ["a named function expression keeps its name", `${APP}app.put('/x', function saveThing(req, res) {});\n`, [["PUT", "/x", "saveThing", "app.js:3"]]],
    [
      "middleware before the handler; the last argument names it",
      `${APP}app.delete('/x', auth, audit, things.remove);\n`,
      [["DELETE", "/x", "things.remove", "app.js:3"]],
    ],
    ["a wrapped handler names what it wraps", `${APP}app.get('/x', asyncHandler(show));\n`, [["GET", "/x", "show", "app.js:3"]]],
    ["app.all is ANY", `${APP}app.all('/any', h);\n`, [["ANY", "/any", "h", "app.js:3"]]],
    [
      "route() chains",
      `${APP}app.route('/book')\n  .get(getBook)\n  .post(addBook);\n`,
      [
        ["GET", "/book", "getBook", "app.js:4"],
        ["POST", "/book", "addBook", "app.js:5"],
      ],
    ],
    [
      "an optional parameter gives both routes",
      `${APP}app.get('/users/:id?', h);\n`,
      [
        ["GET", "/users", "h", "app.js:3"],
        ["GET", "/users/<id>", "h", "app.js:3"],
      ],
    ],
    [
      "an array of paths",
      `${APP}app.get(['/a', '/b'], h);\n`,
      [
        ["GET", "/a", "h", "app.js:3"],
        ["GET", "/b", "h", "app.js:3"],
      ],
    ],
    ["comments are not routes", `${APP}// app.get('/line', h);\n/*\napp.get('/block', h);\n*/\napp.get('/real', h);\n`, [["GET", "/real", "h", "app.js:7"]]],
    ["strings are not routes", `${APP}const doc = "app.get('/in-string', h)";\nconst t = \`router.post('/in-template', h)\`;\n`, []],
    ["app.get(setting) reads a setting", `${APP}const env = app.get('env');\n`, []],
    ["map.get on something else is not a route", `${APP}const m = new Map();\nm.get('/x', 1);\ncache.get('/y', fallback);\n`, []],
    [
      "a string constant as a mount path",
      `${APP}const router = express.Router();\nconst API = '/api/v1';\nrouter.get('/ping', ping);\napp.use(API, router);\n`,
      [["GET", "/api/v1/ping", "ping", "app.js:5"]],
    ],
    [
      "a middleware before the router in use()",
      `${APP}const admin = express.Router();\nadmin.get('/', dash);\napp.use('/admin', requireAdmin, admin);\n`,
      [["GET", "/admin", "dash", "app.js:4"]],
    ],
    [
      "TypeScript with Router from express and a typed declaration",
      "import express, { Router, Request, Response } from 'express';\nconst app = express();\nconst r: Router = Router();\nr.get('/t', (req: Request, res: Response): void => {});\napp.use('/ts', r);\n",
      [["GET", "/ts/t", "<anonymous> (app.js:4)", "app.js:4"]],
    ],
    ["a regex on a digits parameter is int", `${APP}app.get('/items/:id(\\\\d+)', h);\n`, [["GET", "/items/<int:id>", "h", "app.js:3"]]],
  ])("%s", (_name, source, expected) => {
    const result = parseOne(source);
    expect(rows(result)).toEqual(expected);
    expect(result.issues).toEqual([]);
  });

  test.each<[string, string, RegExp, number]>([
    ["a template path", `${APP}const v = 2;\napp.get(\`/v\${v}/x\`, h);\n`, /route is listed with \{v\}/, 4],
    ["a regular-expression path", `${APP}app.get(/.*fly$/, h);\n`, /regular expression/, 3],
    ["a computed path", `${APP}app.get(paths.users, h);\n`, /route is listed with \{users\}/, 3],
    [
      "a mount path from the environment",
      `${APP}const r = express.Router();\nr.get('/x', h);\napp.use(process.env.BASE_PATH, r);\n`,
      /mount path here cannot be resolved statically; the routes of the mounted router are listed with \{BASE_PATH\}/,
      5,
    ],
    ["a router that is never mounted", `const express = require('express');\nconst r = express.Router();\nr.get('/x', h);\n`, /never mounted/, 3],
  ])("warns about %s, with the line", (_name, source, message, line) => {
    const result = parseOne(source);
    expect(result.issues).toEqual([expect.objectContaining({ file: "app.js", line, severity: "warning", message: expect.stringMatching(message) })]);
  });

  test("paths and mount paths that cannot be known keep their routes, with {NAME} placeholders", () => {
    const result = parseOne(`${APP}const r = express.Router();\nr.get('/x/:id', h);\napp.use(\`\${config.apiBase}/v2\`, r);\napp.get(routes.health, h);\n`);
    expect(rows(result).map(([m, p]) => `${m} ${p}`)).toEqual(["GET /{apiBase}/v2/x/<id>", "GET /{health}"]);
  });

  test("a router mounted from another file via ESM, nested with router.use", () => {
    const result = parseExpressRoutes([
      { path: "src/server.ts", text: "import express from 'express';\nimport api from './api/index.js';\nconst app = express();\napp.use('/api', api);\n" },
      {
        path: "src/api/index.ts",
        text: "import { Router } from 'express';\nimport { usersRouter } from './users';\nconst api = Router();\napi.use('/users', usersRouter);\nexport default api;\n",
      },
      { path: "src/api/users.ts", text: "import { Router } from 'express';\nexport const usersRouter = Router();\nusersRouter.get('/:id', getUser);\n" },
    ]);
    expect(rows(result)).toEqual([["GET", "/api/users/<id>", "getUser", "src/api/users.ts:3"]]);
    expect(result.issues).toEqual([]);
  });

  test("module.exports = { a, b } and an index re-exporting routers", () => {
    const result = parseExpressRoutes([
      {
        path: "app.js",
        text: "const express = require('express');\nconst routes = require('./routes');\nconst app = express();\napp.use('/a', routes.a);\napp.use('/b', require('./routes').b);\n",
      },
      { path: "routes/index.js", text: "const a = require('./a');\nconst b = require('./b');\nmodule.exports = { a, b };\n" },
      { path: "routes/a.js", text: "const router = require('express').Router();\nrouter.get('/', ha);\nmodule.exports = router;\n" },
      { path: "routes/b.js", text: "const { Router } = require('express');\nconst router = Router();\nrouter.get('/', hb);\nmodule.exports = router;\n" },
    ]);
    expect(rows(result)).toEqual([
      ["GET", "/a", "ha", "routes/a.js:2"],
      ["GET", "/b", "hb", "routes/b.js:3"],
    ]);
  });

  test("handlers stacked on one route in one file are one route, without a warning", () => {
    const result = parseOne(`${APP}app.post('/x', check);\napp.post('/x/', save);\n`);
    expect(rows(result)).toEqual([["POST", "/x", "check", "app.js:3"]]);
    expect(result.issues).toEqual([]);
  });

  test("the same route in two files is kept once, with a warning naming both places", () => {
    const result = parseExpressRoutes([
      { path: "app.js", text: `${APP}app.use(require('./other'));\napp.get('/x', first);\n` },
      { path: "other.js", text: "const r = require('express').Router();\nr.get('/x', second);\nmodule.exports = r;\n" },
    ]);
    expect(rows(result)).toEqual([["GET", "/x", "first", "app.js:4"]]);
    expect(result.issues).toEqual([
      { file: "other.js", line: 2, severity: "warning", message: "Duplicate route GET /x: defined at app.js:4 and again at other.js:2; keeping the first" },
    ]);
  });

  test("a router built in place and exported, and mounts repeated by forEach over a literal array", () => {
    const result = parseExpressRoutes([
      { path: "app.js", text: `${APP}const routes = require('./routes');\napp.use('/v1', routes);\n` },
      {
        path: "routes/index.js",
        text: "const express = require('express');\nconst router = express.Router();\nconst list = [\n  { path: '/auth', route: require('./auth') },\n  { path: '/users', route: users },\n];\nconst users = require('./users');\nlist.forEach((r) => {\n  router.use(r.path, r.route);\n});\nmodule.exports = router;\n",
      },
      { path: "routes/auth.js", text: "import { Router } from 'express';\nconst api = Router().post('/login', login);\nexport default Router().use(api);\n" },
      { path: "routes/users.js", text: "const router = require('express').Router();\nrouter.route('/:id').get(show);\nmodule.exports = router;\n" },
    ]);
    expect(rows(result)).toEqual([
      ["POST", "/v1/auth/login", "login", "routes/auth.js:2"],
      ["GET", "/v1/users/<id>", "show", "routes/users.js:2"],
    ]);
    expect(result.issues).toEqual([]);
  });

  test.each<[string, string[]]>([
    ["/users/:id", ["/users/<id>"]],
    ["/users/:id?", ["/users/<id>", "/users"]],
    ["/a/:x?/:y?", ["/a/<x>/<y>", "/a/<x>", "/a/<y>", "/a"]],
    ["/files/*", ["/files/<path:wildcard>"]],
    ["/files/*rest", ["/files/<path:rest>"]],
    ["/p/:name+", ["/p/<path:name>"]],
    ["/users{/:id}", ["/users/<id>", "/users"]],
    ["/", ["/"]],
  ])("path %s", (input, expected) => {
    expect(expressPathVariants(input).sort()).toEqual(expected.sort());
  });
});
