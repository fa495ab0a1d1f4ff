/**
 * A synthetic repository for the source-import benchmark, shaped like the real ones of the route
 * corpus: a Django + Django REST framework backend (apps with URLconfs, DRF routers, viewsets with
 * actions, a prefix from settings), a React frontend whose API clients call `api.get(...)`, an
 * Express server with routers, and the tests, docs and static files a repository also holds.
 * Deterministic: the same arguments write the same files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type GeneratedRepository = { dir: string; files: number; bytes: number };

/** Filler Python: helpers with branches and strings, like the business code around the routes. */
function pythonFiller(name: string, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    out += `\n\ndef ${name}_helper_${i}(request, value=None):\n    """Helper ${i}: normalise the input and look it up."""\n    if value is None:\n        value = request.GET.get("q", "")\n    data = {"name": "${name}", "index": ${i}, "path": f"/internal/{value}"}\n    for key, item in data.items():\n        if isinstance(item, str) and item.startswith("/"):\n            data[key] = item.rstrip("/")\n    return data\n`;
  }
  return out;
}

function tsxFiller(name: string, i: number): string {
  return `import React, { useEffect, useState } from "react";\nimport { api } from "../api/client";\n\nexport function ${name}({ id }: { id: string }) {\n  const [data, setData] = useState<unknown>(null);\n  useEffect(() => {\n    api.get(\`/api/items/\${id}/part-${i}\`).then((r) => setData(r.data));\n  }, [id]);\n  return <div className="card-${i}">{JSON.stringify(data)}</div>;\n}\n`.repeat(
    3,
  );
}

/**
 * Writes the repository into a temporary folder: `apps` Django apps (8 files each, tests included),
 * `components` frontend files, and an Express server; about 3,000 files for apps=200, components=1,500.
 */
export function generateRepository(options: { apps: number; components: number }): GeneratedRepository {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waypoint-bench-repo-"));
  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    files++;
    bytes += Buffer.byteLength(text);
  };

  write("backend/manage.py", 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")\n');
  write("backend/project/__init__.py", "");
  write("backend/project/settings.py", 'import os\nROOT_URLCONF = "project.urls"\nAPI_PREFIX = os.getenv("API_PREFIX", "api/")\nINSTALLED_APPS = []\n');
  const includes: string[] = [];
  for (let a = 0; a < options.apps; a++) {
    const app = `app${a}`;
    includes.push(`    path(f"{settings.API_PREFIX}${app}/", include("apps.${app}.urls")),`);
    write(`backend/apps/${app}/__init__.py`, "");
    write(`backend/apps/${app}/apps.py`, `from django.apps import AppConfig\n\n\nclass App${a}Config(AppConfig):\n    name = "apps.${app}"\n`);
    write(
      `backend/apps/${app}/models.py`,
      `from django.db import models\n\n\nclass Thing${a}(models.Model):\n    name = models.CharField(max_length=100)\n${pythonFiller(`model${a}`, 6)}`,
    );
    write(`backend/apps/${app}/serializers.py`, `from rest_framework import serializers\n${pythonFiller(`ser${a}`, 4)}`);
    write(
      `backend/apps/${app}/views.py`,
      `from rest_framework import mixins, viewsets\nfrom rest_framework.decorators import action\nfrom rest_framework.response import Response\n\n\nclass ThingViewSet(viewsets.ModelViewSet):\n    @action(detail=True, methods=["post"])\n    def archive(self, request, pk=None):\n        return Response({})\n\n\nclass LogViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):\n    pass\n\n\ndef index(request):\n    return Response({})\n\n\ndef detail(request, pk):\n    return Response({})\n${pythonFiller(`view${a}`, 10)}`,
    );
    write(
      `backend/apps/${app}/urls.py`,
      `from django.urls import include, path, re_path\nfrom rest_framework.routers import SimpleRouter\n\nfrom . import views\n\nrouter = SimpleRouter()\nrouter.register(r"things", views.ThingViewSet)\nrouter.register(r"logs", views.LogViewSet, basename="log")\n\nurlpatterns = [\n    path("", views.index),\n    path("<int:pk>/", views.detail),\n    re_path(r"^export/(?P<fmt>[a-z]+)/$", views.index),\n    path("", include(router.urls)),\n]\n`,
    );
    write(`backend/apps/${app}/tests/test_views.py`, `from django.test import TestCase\n${pythonFiller(`test${a}`, 5)}`);
  }
  write(
    "backend/project/urls.py",
    `from django.conf import settings\nfrom django.contrib import admin\nfrom django.urls import include, path\n\nurlpatterns = [\n    path("admin/", admin.site.urls),\n${includes.join("\n")}\n]\n`,
  );

  write(
    "frontend/server/index.js",
    "const express = require('express');\nconst api = require('./routes/api');\nconst app = express();\napp.use('/app-api', api);\napp.get('/healthz', (req, res) => res.send('ok'));\nmodule.exports = app;\n",
  );
  let routes = "const express = require('express');\nconst router = express.Router();\n";
  for (let r = 0; r < 30; r++)
    routes += `router.get('/feature-${r}/:id', (req, res) => res.json({}));\nrouter.post('/feature-${r}', (req, res) => res.json({}));\n`;
  write("frontend/server/routes/api.js", `${routes}module.exports = router;\n`);
  write("frontend/src/api/client.ts", "import axios from 'axios';\nexport const api = axios.create({ baseURL: '/' });\n");
  for (let c = 0; c < options.components; c++) {
    write(`frontend/src/components/group${c % 40}/Component${c}.tsx`, tsxFiller(`Component${c}`, c));
  }
  for (let s = 0; s < 60; s++) write(`frontend/public/vendor/lib${s}.js`, `!function(){var a=${s};window.lib${s}=function(){return a}}();\n`.repeat(20));
  for (let d = 0; d < 40; d++) write(`docs/page-${d}.md`, `# Page ${d}\n\nCall \`GET /api/app${d}/\` to list.\n`);
  return { dir, files, bytes };
}
