import { describe, expect, test } from "vitest";
import { parseDjangoRoutes } from "@/lib/import/parsers/source/django";
import type { SourceFile } from "@/lib/import/types";

const VIEWS_HEAD = "from rest_framework import mixins, viewsets\nfrom rest_framework.decorators import action\n";

function routes(viewsets: string, urls: string, extra: SourceFile[] = []) {
  const r = parseDjangoRoutes([
    { path: "api/views.py", text: VIEWS_HEAD + viewsets },
    {
      path: "api/urls.py",
      text: `from django.urls import include, path\nfrom rest_framework.routers import DefaultRouter, SimpleRouter\nfrom api import views\n${urls}`,
    },
    ...extra,
  ]);
  return { keys: r.records.map((x) => `${x.method} ${x.path}`).sort(), issues: r.issues.map((i) => `${i.file}:${i.line} ${i.message}`) };
}

describe("Django REST framework routers", () => {
  test.each<[string, string, string[]]>([
    [
      "ModelViewSet",
      "class V(viewsets.ModelViewSet):\n    pass\n",
      ["DELETE /things/<pk>", "GET /things", "GET /things/<pk>", "PATCH /things/<pk>", "POST /things", "PUT /things/<pk>"],
    ],
    ["ReadOnlyModelViewSet", "class V(viewsets.ReadOnlyModelViewSet):\n    pass\n", ["GET /things", "GET /things/<pk>"]],
    [
      "mixins and GenericViewSet",
      "class V(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):\n    pass\n",
      ["DELETE /things/<pk>", "GET /things"],
    ],
    [
      "a ViewSet with its own list and retrieve",
      "class V(viewsets.ViewSet):\n    def list(self, request):\n        pass\n    def retrieve(self, request, pk=None):\n        pass\n",
      ["GET /things", "GET /things/<pk>"],
    ],
    [
      "@action routes: detail, methods, url_path, mapping",
      "class V(viewsets.GenericViewSet):\n    @action(detail=True, methods=['post'], url_path='set-password')\n    def set_password(self, request, pk=None):\n        pass\n    @action(detail=False)\n    def recent(self, request):\n        pass\n    @recent.mapping.delete\n    def clear(self, request):\n        pass\n",
      ["DELETE /things/recent", "GET /things/recent", "POST /things/<pk>/set-password"],
    ],
    [
      "lookup_field and http_method_names",
      "class V(viewsets.ModelViewSet):\n    lookup_field = 'slug'\n    http_method_names = ['get', 'head']\n",
      ["GET /things", "GET /things/<slug>"],
    ],
    ["a digit lookup_value_regex", "class V(viewsets.ReadOnlyModelViewSet):\n    lookup_value_regex = r'\\d+'\n", ["GET /things", "GET /things/<int:pk>"]],
  ])("%s", (_name, viewsets, expected) => {
    const r = routes(viewsets, "router = SimpleRouter()\nrouter.register(r'things', views.V)\nurlpatterns = [path('', include(router.urls))]\n");
    expect(r.keys).toEqual(expected);
    expect(r.issues).toEqual([]);
  });

  test("a DefaultRouter adds its API root; `urlpatterns += router.urls` and a prefix both work", () => {
    const r = routes(
      "class V(viewsets.ReadOnlyModelViewSet):\n    pass\n",
      "router = DefaultRouter()\nrouter.register('things', views.V, basename='thing')\nurlpatterns = [path('health/', views.health)]\nurlpatterns += router.urls\n",
    );
    expect(r.keys).toEqual(["ANY /health", "GET /", "GET /things", "GET /things/<pk>"]);
  });

  test("a nested router (drf-nested-routers) puts the parent's lookup in front", () => {
    const r = routes(
      "class D(viewsets.ReadOnlyModelViewSet):\n    pass\nclass N(mixins.ListModelMixin, viewsets.GenericViewSet):\n    pass\n",
      "from rest_framework_nested import routers\nrouter = SimpleRouter()\nrouter.register(r'domains', views.D)\nns = routers.NestedSimpleRouter(router, r'domains', lookup='domain')\nns.register(r'nameservers', views.N)\nurlpatterns = [path('api/', include(router.urls)), path('api/', include(ns.urls))]\n",
    );
    expect(r.keys).toEqual(["GET /api/domains", "GET /api/domains/<domain_pk>/nameservers", "GET /api/domains/<pk>"]);
  });

  test("a viewset outside the files: its list and detail routes as ANY, with a warning", () => {
    const r = routes("", "from thirdparty.views import Remote\nrouter = SimpleRouter()\nrouter.register('remote', Remote)\nurlpatterns = router.urls\n");
    expect(r.keys).toEqual(["ANY /remote", "ANY /remote/<pk>"]);
    expect(r.issues).toEqual(['api/urls.py:6 The viewset of "remote" is not among the files; its list and detail routes are listed as ANY']);
  });
});

describe("URLconfs built by classes and prefixes that are not literals", () => {
  test("include(site.urls) of a class with get_urls(), super() and self.<app>.urls followed", () => {
    const r = parseDjangoRoutes([
      {
        path: "shop/apps.py",
        text: [
          "from django.urls import path, include",
          "from django.apps import apps",
          "class BaseConfig:",
          "    def get_urls(self):",
          "        return []",
          "class CatalogueConfig(BaseConfig):",
          "    label = 'catalogue'",
          "    def get_urls(self):",
          "        urls = super().get_urls()",
          "        urls += [path('', self.index_view.as_view()), path('<slug:slug>/', self.detail_view.as_view())]",
          "        return urls",
          "class Shop(BaseConfig):",
          "    name = 'shop'",
          "    def ready(self):",
          "        self.catalogue_app = apps.get_app_config('catalogue')",
          "    def get_urls(self):",
          "        urls = [path('', home), path('catalogue/', include(self.catalogue_app.urls))]",
          "        return urls",
          "",
        ].join("\n"),
      },
      {
        path: "urls.py",
        text: "from django.urls import path, include\nfrom django.apps import apps\nurlpatterns = [path('', include(apps.get_app_config('shop').urls))]\n",
      },
    ]);
    expect(r.records.map((x) => `${x.method} ${x.path}`).sort()).toEqual(["ANY /", "ANY /catalogue", "ANY /catalogue/<slug:slug>"]);
    expect(r.issues).toEqual([]);
  });

  test("path(prefix, include(...)) with prefix a module variable, and a settings prefix that cannot be known", () => {
    const r = parseDjangoRoutes([
      {
        path: "site/urls.py",
        text: "from django.conf import settings\nfrom django.urls import include, path\nprefix = 'app/'\nurlpatterns = [path(prefix, include('site.inner')), path(settings.BASE_PATH, include('site.inner'))]\n",
      },
      { path: "site/inner.py", text: "from django.urls import path\nurlpatterns = [path('x/', view)]\n" },
    ]);
    expect(r.records.map((x) => `${x.method} ${x.path}`).sort()).toEqual(["ANY /app/x", "ANY /{BASE_PATH}x"]);
    expect(r.issues.map((i) => `${i.file}:${i.line} ${i.message}`)).toEqual([
      "site/urls.py:4 The URL pattern here cannot be resolved statically; its routes are listed with {BASE_PATH} in its place",
    ]);
  });
});
