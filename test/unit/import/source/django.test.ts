import { describe, expect, test } from "vitest";
import { loadFixture, rows } from "./fixture-helpers";
import { parseDjangoRoutes } from "@/lib/import/parsers/source/django";
import type { ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";

const HEAD = "from django.urls import include, path, re_path\nfrom . import views\n\n";

/** One urls.py in an app package `site`, so `from . import views` means `site.views`. */
function parseUrls(body: string, extra: SourceFile[] = []): ParseResult<RouteRecord> {
  return parseDjangoRoutes([{ path: "site/urls.py", text: HEAD + body }, ...extra]);
}

describe("Django fixture project", () => {
  const result = parseDjangoRoutes(loadFixture("django"));

  test("follows include() from ROOT_URLCONF across apps, every route ANY", () => {
    expect(rows(result)).toEqual([
      ["ANY", "/", "mysite.views.home", "mysite/urls.py:18"],
      ["ANY", "/about", "django.views.generic.TemplateView", "mysite/urls.py:19"],
      ["ANY", "/blog", "blog.views.PostListView", "blog/urls.py:7"],
      ["ANY", "/blog/<slug:slug>", "blog.views.post_detail", "blog/urls.py:8"],
      ["ANY", "/blog/archive/<int:year>", "blog.views.year_archive", "blog/urls.py:9"],
      ["ANY", "/blog/author/<name>", "blog.views.by_author", "blog/urls.py:11"],
      ["ANY", "/blog/tag/<slug:tag>", "blog.views.by_tag", "blog/urls.py:10"],
      ["ANY", "/contact", "mysite.views.ContactView", "mysite/urls.py:29"],
      ["ANY", "/credit/reports", "mysite.views.report_list", "mysite/urls.py:13"],
      ["ANY", "/credit/reports/<int:id>", "mysite.views.report_detail", "mysite/urls.py:14"],
      ["ANY", "/shop/cart", "shop.views.cart", "shop/urls.py:6"],
      ["ANY", "/shop/checkout", "shop.views.CheckoutView", "shop/urls.py:7"],
      ["ANY", "^/legacy/(?P<year>[0-9]{4})/$", "mysite.views.legacy_year", "mysite/urls.py:25"],
    ]);
  });

  test("module is the handler's module", () => {
    expect(result.records.find((r) => r.path === "/shop/cart")?.module).toBe("shop.views");
  });

  test("admin.site.urls is reported, not guessed", () => {
    expect(result.issues).toEqual([
      {
        file: "mysite/urls.py",
        line: 20,
        severity: "warning",
        message: "The URL patterns of admin.site.urls are built at run time (admin comes from django.contrib, outside the files); not listed",
      },
    ]);
  });
});

describe("Django snippets", () => {
  test.each<[string, string, string]>([
    ["path() converters stay, trailing slash dropped", "path('articles/<int:year>/<slug:title>/', views.a)", "/articles/<int:year>/<slug:title>"],
    ["Django's str converter is the contract's string", "path('u/<str:name>/', views.a)", "/u/<string:name>"],
    ["the empty route is the root", "path('', views.a)", "/"],
    ["re_path \\d+ → int", "re_path(r'^articles/(?P<year>\\d+)/$', views.a)", "/articles/<int:year>"],
    ["re_path [0-9]+ → int", "re_path(r'^a/(?P<n>[0-9]+)/$', views.a)", "/a/<int:n>"],
    ["re_path [-\\w]+ → slug", "re_path(r'^t/(?P<tag>[-\\w]+)/$', views.a)", "/t/<slug:tag>"],
    ["re_path [-a-zA-Z0-9_]+ → slug", "re_path(r'^t/(?P<tag>[-a-zA-Z0-9_]+)/$', views.a)", "/t/<slug:tag>"],
    ["re_path [^/]+ → plain parameter", "re_path(r'^by/(?P<name>[^/]+)/$', views.a)", "/by/<name>"],
    ["re_path with an escaped dot", "re_path(r'^feed\\.xml$', views.a)", "/feed.xml"],
    ["re_path ^$ is the root", "re_path(r'^$', views.a)", "/"],
    ["a complex regex is kept as one", "re_path(r'^archive/(?P<year>[0-9]{4})/$', views.a)", "^/archive/(?P<year>[0-9]{4})/$"],
    ["a leaf regex without $ matches more than its text: kept as a regex", "url(r'^about/', views.a)", "^/about/"],
    ["an unnamed group is a regex", "re_path(r'^p/(\\d+)/$', views.a)", "^/p/(\\d+)/$"],
  ])("%s", (_name, entry, expected) => {
    const result = parseUrls(`urlpatterns = [\n    ${entry},\n]\n`);
    expect(result.records.map((r) => r.path)).toEqual([expected]);
    expect(result.records[0].method).toBe("ANY");
    expect(result.issues).toEqual([]);
  });

  test.each<[string, string, string]>([
    ["a function view", "path('x/', views.detail)", "site.views.detail"],
    ["a class-based view", "path('x/', views.Views.as_view())", "site.views.Views"],
    ["a class-based view with arguments", "path('x/', views.Views.as_view(template_name='x.html'))", "site.views.Views"],
    ["a view wrapped in a decorator", "path('x/', login_required(views.detail))", "site.views.detail"],
    ["a dotted string view (old Django)", "url(r'^x/$', 'site.views.detail')", "site.views.detail"],
  ])("handler of %s", (_name, entry, handler) => {
    expect(parseUrls(`urlpatterns = [${entry}]\n`).records.map((r) => r.handler)).toEqual([handler]);
  });

  test("include() of a dotted module, of a (module, app_name) tuple, of a list variable, of an inline list", () => {
    const result = parseUrls(
      [
        "extra = [",
        "    path('reports/', views.reports),",
        "]",
        "urlpatterns = [",
        "    path('blog/', include('blog.urls')),",
        "    path('shop/', include(('shop.urls', 'shop'), namespace='shop')),",
        "    path('credit/', include(extra)),",
        "    path('api/', include([path('ping/', views.ping)])),",
        "]",
        "",
      ].join("\n"),
      [
        { path: "blog/urls.py", text: "from django.urls import path\nfrom blog import views\nurlpatterns = [path('<int:pk>/', views.post)]\n" },
        { path: "shop/urls.py", text: "from django.urls import path\nfrom . import views\nurlpatterns = [path('', views.index)]\n" },
      ],
    );
    expect(rows(result)).toEqual([
      ["ANY", "/api/ping", "site.views.ping", "site/urls.py:11"],
      ["ANY", "/blog/<int:pk>", "blog.views.post", "blog/urls.py:3"],
      ["ANY", "/credit/reports", "site.views.reports", "site/urls.py:5"],
      ["ANY", "/shop", "shop.views.index", "shop/urls.py:3"],
    ]);
    expect(result.issues).toEqual([]);
  });

  test("include() of a list imported from a module that has no urlpatterns of its own", () => {
    const result = parseUrls("from site.api_routes import routes as api_routes\nurlpatterns = [path('api/', include(api_routes))]\n", [
      { path: "site/api_routes.py", text: "from django.urls import path\nfrom . import views\n\nroutes = [\n    path('ping/', views.ping),\n]\n" },
    ]);
    expect(rows(result)).toEqual([["ANY", "/api/ping", "site.views.ping", "site/api_routes.py:5"]]);
    expect(result.issues).toEqual([]);
  });

  test("urlpatterns += [...], .append() and .extend() add routes; comments and docstrings do not", () => {
    const result = parseUrls(
      [
        '"""Routes.',
        "",
        "    path('in-docstring/', views.nope),",
        '"""',
        "urlpatterns = [path('a/', views.a)]  # path('in-comment/', views.nope)",
        "# urlpatterns += [path('commented/', views.nope)]",
        "urlpatterns += [path('b/', views.b)]",
        "urlpatterns.append(path('c/', views.c))",
        "urlpatterns.extend([path('d/', views.d)])",
        "",
      ].join("\n"),
    );
    expect(result.records.map((r) => r.path)).toEqual(["/a", "/b", "/c", "/d"]);
  });

  test("a regex include prefix combined with path() children", () => {
    const result = parseUrls("urlpatterns = [\n    url(r'^api/', include('api.urls')),\n    re_path(r'^v(?P<version>[12])/', include('api.urls')),\n]\n", [
      { path: "api/urls.py", text: "from django.urls import path\nfrom . import views\nurlpatterns = [path('users/<int:id>/', views.user)]\n" },
    ]);
    expect(result.records.map((r) => r.path)).toEqual(["/api/users/<int:id>", "^/v(?P<version>[12])/users/(?P<id>[0-9]+)/$"]);
  });

  test("Django concatenates prefixes as written (no slash added)", () => {
    const result = parseUrls("urlpatterns = [path('blog', include('blog.urls'))]\n", [
      { path: "blog/urls.py", text: "from django.urls import path\nurlpatterns = [path('posts/', index)]\n" },
    ]);
    expect(result.records.map((r) => r.path)).toEqual(["/blogposts"]);
  });

  test.each<[string, string, string, RegExp]>([
    ["an f-string pattern", "urlpatterns = [path(f'{PREFIX}/x/', views.a)]", "/{PREFIX}/x", /listed with \{PREFIX\} in its place/],
    ["a computed pattern", "urlpatterns = [path(settings.PREFIX, views.a)]", "/{PREFIX}", /listed with \{PREFIX\} in its place/],
  ])("keeps %s with a {NAME} placeholder and warns (file and line)", (_name, body, path, message) => {
    const result = parseUrls(body + "\n");
    expect(result.records.map((r) => r.path)).toEqual([path]);
    expect(result.issues).toEqual([expect.objectContaining({ file: "site/urls.py", line: 4, severity: "warning", message: expect.stringMatching(message) })]);
  });

  test.each<[string, string, RegExp]>([
    ["a router that is not defined", "urlpatterns = [path('api/', include(router.urls))]", /URL patterns of router.urls are built at run time/],
    [
      "an include built by a function at run time",
      "urlpatterns = [path('x/', include(get_model_urls('dcim', 'site')))]",
      /include\(get_model_urls\(…\)\) builds its patterns at run time/,
    ],
    ["a missing module", "urlpatterns = [path('x/', include('nowhere.urls'))]", /include\('nowhere.urls'\): the module nowhere.urls is not among the files/],
  ])("warns about %s (file and line), lists nothing", (_name, body, message) => {
    const result = parseUrls(body + "\n");
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ file: "site/urls.py", line: 4, severity: "warning", message: expect.stringMatching(message) })]);
  });

  test("a duplicate route is kept once, with a warning naming both places", () => {
    const result = parseUrls("urlpatterns = [\n    path('x/', views.a),\n    path('x', views.b),\n]\n");
    expect(rows(result)).toEqual([["ANY", "/x", "site.views.a", "site/urls.py:5"]]);
    expect(result.issues).toEqual([
      {
        file: "site/urls.py",
        line: 6,
        severity: "warning",
        message: "Duplicate route ANY /x: defined at site/urls.py:5 and again at site/urls.py:6; keeping the first",
      },
    ]);
  });

  test("with ROOT_URLCONF, a URLconf nobody includes is reported and not listed", () => {
    const result = parseDjangoRoutes([
      { path: "proj/settings.py", text: "ROOT_URLCONF = 'proj.urls'\n" },
      { path: "proj/urls.py", text: "from django.urls import path\nurlpatterns = [path('a/', a)]\n" },
      { path: "old/urls.py", text: "from django.urls import path\nurlpatterns = [path('b/', b)]\n" },
    ]);
    expect(result.records.map((r) => r.path)).toEqual(["/a"]);
    expect(result.issues).toEqual([expect.objectContaining({ file: "old/urls.py", message: expect.stringMatching(/not included from ROOT_URLCONF/) })]);
  });

  test("without settings, every URLconf nobody includes is a root", () => {
    const result = parseDjangoRoutes([
      { path: "a/urls.py", text: "from django.urls import include, path\nurlpatterns = [path('a/', include('c.urls'))]\n" },
      { path: "b/urls.py", text: "from django.urls import path\nurlpatterns = [path('b/', b)]\n" },
      { path: "c/urls.py", text: "from django.urls import path\nurlpatterns = [path('c/', c)]\n" },
    ]);
    expect(result.records.map((r) => r.path)).toEqual(["/a/c", "/b"]);
  });
});
