import { describe, expect, test } from "vitest";
import { loadFixture } from "./fixture-helpers";
import { laravelPathVariants, parseLaravelRoutes } from "@/lib/import/parsers/source/laravel";
import type { ParseResult, RouteRecord } from "@/lib/import/types";

function routes(r: ParseResult<RouteRecord>): string[] {
  return r.records.map((x) => `${x.method} ${x.path} ${x.handler ?? "-"}`);
}

function parseWeb(body: string, file = "routes/web.php"): ParseResult<RouteRecord> {
  return parseLaravelRoutes([{ path: file, text: `<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n${body}\n` }]);
}

describe("Laravel fixture project", () => {
  const result = parseLaravelRoutes(loadFixture("laravel"));

  test("web.php, api.php (under /api) and the auth.php web.php requires", () => {
    expect(result.records.map((x) => [x.method, x.path, x.handler ?? null, `${x.file}:${x.line}`])).toEqual([
      ["GET", "/", "<closure>", "routes/web.php:12"],
      ["GET", "/admin/dashboard", "Admin\\DashboardController@index", "routes/web.php:27"],
      ["GET", "/admin/reports/<int:year>", "Admin\\ReportController@show", "routes/web.php:30"],
      ["GET", "/admin/reports/<int:year>/<month>", "Admin\\ReportController@show", "routes/web.php:30"],
      ["GET", "/api/orders", "OrderController@index", "routes/api.php:6"],
      ["POST", "/api/orders", "OrderController@store", "routes/api.php:6"],
      ["GET", "/api/orders/<order>", "OrderController@show", "routes/api.php:6"],
      ["POST", "/api/orders/<order>/cancel", "OrderController@cancel", "routes/api.php:9"],
      ["GET", "/contact", "ContactController@handle", "routes/web.php:18"],
      ["POST", "/contact", "ContactController@handle", "routes/web.php:18"],
      ["GET", "/login", "LoginController@create", "routes/auth.php:7"],
      ["POST", "/login", "LoginController@store", "routes/auth.php:8"],
      ["POST", "/logout", "LoginController@destroy", "routes/auth.php:11"],
      ["GET", "/photos", "PhotoController@index", "routes/web.php:24"],
      ["POST", "/photos", "PhotoController@store", "routes/web.php:24"],
      ["DELETE", "/photos/<photo>", "PhotoController@destroy", "routes/web.php:24"],
      ["GET", "/photos/<photo>", "PhotoController@show", "routes/web.php:24"],
      ["PATCH", "/photos/<photo>", "PhotoController@update", "routes/web.php:24"],
      ["PUT", "/photos/<photo>", "PhotoController@update", "routes/web.php:24"],
      ["GET", "/photos/<photo>/edit", "PhotoController@edit", "routes/web.php:24"],
      ["GET", "/photos/create", "PhotoController@create", "routes/web.php:24"],
      ["ANY", "/ping", "<closure>", "routes/web.php:19"],
      ["POST", "/user", "UserController@store", "routes/web.php:17"],
      ["GET", "/user/<int:id>", "UserController@show", "routes/web.php:16"],
    ]);
    expect(result.issues).toEqual([]);
  });

  test("a ::class controller's module is its full class name from the use imports", () => {
    expect(result.records.find((r) => r.path === "/api/orders")?.module).toBe("App\\Http\\Controllers\\Api\\OrderController");
    expect(result.records.find((r) => r.path === "/user" && r.method === "POST")?.module).toBeUndefined();
  });
});

describe("Laravel snippets", () => {
  test.each<[string, string, string[]]>([
    ["a closure", "Route::get('/hello', function () {\n    return 'hi';\n});", ["GET /hello <closure>"]],
    ["an arrow function", "Route::post('/fn', fn () => 'ok');", ["POST /fn <closure>"]],
    ["a Controller@method string", "Route::put('/u/{id}', 'UserController@update');", ["PUT /u/<id> UserController@update"]],
    ["an invokable controller", "Route::get('/profile', ShowProfile::class);", ["GET /profile ShowProfile@__invoke"]],
    [
      "match",
      "Route::match(['GET', 'post'], '/form', [FormController::class, 'handle']);",
      ["GET /form FormController@handle", "POST /form FormController@handle"],
    ],
    ["any is ANY", "Route::any('/all', [X::class, 'y']);", ["ANY /all X@y"]],
    ["delete and patch", "Route::delete('/d', [X::class, 'd']);\nRoute::patch('/p', [X::class, 'p']);", ["DELETE /d X@d", "PATCH /p X@p"]],
    ["where() makes digits an int", "Route::get('/user/{id}', [U::class, 'show'])->where('id', '[0-9]+');", ["GET /user/<int:id> U@show"]],
    ["where([...]) and \\d+", "Route::get('/a/{x}/{y}', [A::class, 'b'])->where(['x' => '\\d+', 'y' => '[a-z]+']);", ["GET /a/<int:x>/<y> A@b"]],
    ["whereNumber and whereUuid", "Route::get('/o/{n}/{u}', [O::class, 's'])->whereNumber('n')->whereUuid('u');", ["GET /o/<int:n>/<uuid:u> O@s"]],
    ["an optional parameter gives both routes", "Route::get('/user/{name?}', [U::class, 'n']);", ["GET /user U@n", "GET /user/<name> U@n"]],
    ["a binding field is not a converter", "Route::get('/posts/{post:slug}', [P::class, 'show']);", ["GET /posts/<post> P@show"]],
    [
      "resource with ->only",
      "Route::resource('photos', PhotoController::class)->only(['index', 'show']);",
      ["GET /photos PhotoController@index", "GET /photos/<photo> PhotoController@show"],
    ],
    [
      "resource with an options array except",
      "Route::resource('photos', PhotoController::class, ['except' => ['create', 'store', 'edit', 'update', 'destroy']]);",
      ["GET /photos PhotoController@index", "GET /photos/<photo> PhotoController@show"],
    ],
    [
      "apiResource has no create/edit",
      "Route::apiResource('user-profiles', ProfileController::class)->except(['destroy']);",
      [
        "GET /user-profiles ProfileController@index",
        "POST /user-profiles ProfileController@store",
        "GET /user-profiles/<user_profile> ProfileController@show",
        "PATCH /user-profiles/<user_profile> ProfileController@update",
        "PUT /user-profiles/<user_profile> ProfileController@update",
      ],
    ],
    [
      "a nested resource name",
      "Route::resource('photos.comments', CommentController::class)->only(['index', 'show']);",
      ["GET /photos/<photo>/comments CommentController@index", "GET /photos/<photo>/comments/<comment> CommentController@show"],
    ],
    [
      "nested groups: prefix()->group and Route::group(['prefix' => ...])",
      "Route::prefix('admin')->middleware(['auth'])->group(function () {\n    Route::group(['prefix' => 'reports', 'middleware' => 'can:view'], function () {\n        Route::get('/daily', [R::class, 'daily']);\n    });\n    Route::get('/', [D::class, 'index']);\n});",
      ["GET /admin D@index", "GET /admin/reports/daily R@daily"],
    ],
    [
      "a group's where() applies inside",
      "Route::prefix('t/{team}')->where(['team' => '[0-9]+'])->group(function () {\n    Route::get('/members', [T::class, 'members']);\n});",
      ["GET /t/<int:team>/members T@members"],
    ],
    [
      "a controller group names methods by string",
      "Route::controller(OrderController::class)->group(function () {\n    Route::get('/orders/{id}', 'show');\n});",
      ["GET /orders/<id> OrderController@show"],
    ],
    [
      "an old-style namespace group",
      "Route::group(['namespace' => 'Admin', 'prefix' => 'admin'], function () {\n    Route::get('/users', 'UserController@index');\n});",
      ["GET /admin/users Admin\\UserController@index"],
    ],
    [
      "comments do not route",
      "// Route::get('/line', [X::class, 'y']);\n# Route::get('/hash', [X::class, 'y']);\n/* Route::get('/block', [X::class, 'y']); */\nRoute::get('/real', [X::class, 'y']); // Route::get('/trailing', ...)",
      ["GET /real X@y"],
    ],
    [
      "view and redirect",
      "Route::view('/welcome', 'welcome');\nRoute::redirect('/here', '/there');",
      ["ANY /here redirect:/there", "GET /welcome view:welcome"],
    ],
  ])("%s", (_name, body, expected) => {
    const result = parseWeb(body);
    expect(routes(result)).toEqual(expected);
    expect(result.issues).toEqual([]);
  });

  test("routes/api.php gets the /api prefix", () => {
    expect(routes(parseWeb("Route::get('/user', [U::class, 'me']);", "routes/api.php"))).toEqual(["GET /api/user U@me"]);
  });

  test("a group loading a file with base_path() reads it with the group's prefix", () => {
    const result = parseLaravelRoutes([
      { path: "routes/web.php", text: "<?php\nRoute::prefix('admin')->group(base_path('routes/admin.php'));\n" },
      { path: "routes/admin.php", text: "<?php\nRoute::get('/stats', [S::class, 'index']);\n" },
    ]);
    expect(result.records.map((r) => [r.method, r.path, r.file, r.line])).toEqual([["GET", "/admin/stats", "routes/admin.php", 2]]);
  });

  test.each<[string, string, string, RegExp]>([
    [
      "a prefix in a variable",
      "Route::prefix($locale)->group(function () {\n    Route::get('/x', [X::class, 'y']);\n});",
      "GET /{locale}/x",
      /prefix here cannot be resolved statically; the routes inside are listed with \{locale\}/,
    ],
    [
      "an interpolated URI",
      "Route::get(\"/{$section}/x\", [X::class, 'y']);",
      "GET /{section}/x",
      /URI here cannot be resolved statically; the route is listed with \{section\}/,
    ],
    ["a concatenated variable URI", "Route::get('/v' . $version, [X::class, 'y']);", "GET /v{version}", /listed with \{version\}/],
    [
      "a URI from configuration",
      "Route::post('/telegram/webhook/'.config('services.telegram.webhook'), [X::class, 'y']);",
      "POST /telegram/webhook/{services.telegram.webhook}",
      /listed with \{services.telegram.webhook\}/,
    ],
  ])("keeps %s with a {NAME} placeholder, and warns with the line", (_name, body, route, message) => {
    const result = parseWeb(body);
    expect(result.records.map((r) => `${r.method} ${r.path}`)).toEqual([route]);
    expect(result.issues).toEqual([expect.objectContaining({ file: "routes/web.php", line: 4, severity: "warning", message: expect.stringMatching(message) })]);
  });

  test("a package macro that registers routes (Route::feeds()) is named in a warning; Route::pattern and fallback are not", () => {
    const result = parseWeb("Route::feeds();\nRoute::pattern('id', '[0-9]+');\nRoute::fallback([X::class, 'y']);\nRoute::get('/a', [X::class, 'y']);");
    expect(result.records.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /a"]);
    expect(result.issues).toEqual([
      expect.objectContaining({ line: 4, message: "Route::feeds() registers routes the files do not show (a package's macro?); they are not listed" }),
    ]);
  });

  test("an environment default is the prefix", () => {
    const result = parseWeb("Route::prefix(env('ADMIN_PREFIX', 'backoffice'))->group(function () {\n    Route::get('/x', [X::class, 'y']);\n});");
    expect(result.records.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /backoffice/x"]);
    expect(result.issues).toEqual([]);
  });

  test.each<[string, string, RegExp, number]>([["a missing required file", "require __DIR__.'/missing.php';", /Cannot resolve the route file/, 4]])(
    "warns about %s, with the line",
    (_name, body, message, line) => {
      const result = parseWeb(body);
      expect(result.records).toEqual([]);
      expect(result.issues).toEqual([expect.objectContaining({ file: "routes/web.php", line, severity: "warning", message: expect.stringMatching(message) })]);
    },
  );

  test("a duplicate route is kept once, with a warning naming both places", () => {
    const result = parseWeb("Route::get('/a', [X::class, 'first']);\nRoute::get('a/', [X::class, 'second']);");
    expect(routes(result)).toEqual(["GET /a X@first"]);
    expect(result.issues).toEqual([
      {
        file: "routes/web.php",
        line: 5,
        severity: "warning",
        message: "Duplicate route GET /a: defined at routes/web.php:4 and again at routes/web.php:5; keeping the first",
      },
    ]);
  });

  test.each<[string, Record<string, string>, string[]]>([
    ["/user/{id}", {}, ["/user/<id>"]],
    ["user/{id}", { id: "[0-9]+" }, ["/user/<int:id>"]],
    ["/user/{id?}", {}, ["/user/<id>", "/user"]],
    // an optional parameter with more path after it is required: /<a>/x does not exist
    ["/{a}/{b?}/x", {}, ["/<a>/<b>/x"]],
    ["genres/{genre?}/songs", {}, ["/genres/<genre>/songs"]],
    ["play/{song}/{transcode?}", {}, ["/play/<song>/<transcode>", "/play/<song>"]],
    ["/a/{x?}/{y?}", {}, ["/a/<x>/<y>", "/a", "/a/<x>"]],
    ["/", {}, ["/"]],
  ])("path %s", (uri, where, expected) => {
    expect(laravelPathVariants(uri, new Map(Object.entries(where)))).toEqual(expected);
  });
});
