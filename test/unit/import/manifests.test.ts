import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { detectManifestFormat, parseManifest, type ManifestFormat } from "@/lib/import/parsers/manifests";
import { parseRequirements } from "@/lib/import/parsers/manifests/requirements";
import { parsePackageJson } from "@/lib/import/parsers/manifests/package-json";
import { parseComposerJson } from "@/lib/import/parsers/manifests/composer-json";
import { parseGemfileLock } from "@/lib/import/parsers/manifests/gemfile-lock";
import type { DependencyRecord, Ecosystem } from "@/lib/import/types";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/import/manifests");
const fixture = (name: string) => ({ path: name, text: fs.readFileSync(path.join(FIXTURES, name), "utf8") });

/** [name, version, line, dev?] rows → records, so a whole manifest's result is one readable table. */
function records(file: string, ecosystem: Ecosystem, rows: [string, string | undefined, number, boolean?][]): DependencyRecord[] {
  return rows.map(([name, currentVersion, line, dev]) => ({
    name,
    ...(currentVersion === undefined ? {} : { currentVersion }),
    ecosystem,
    ...(dev ? { dev } : {}),
    file,
    line,
  }));
}
const inline = (text: string) => ({ path: "requirements.txt", text });

describe("requirements.txt", () => {
  test("a pip freeze of a Django app: every package pinned, names normalised per PEP 503", () => {
    const pins: [string, string][] = [
      ["amqp", "5.2.0"],
      ["asgiref", "3.7.2"],
      ["billiard", "4.2.0"],
      ["boto3", "1.34.11"],
      ["botocore", "1.34.11"],
      ["celery", "5.3.6"],
      ["certifi", "2023.11.17"],
      ["charset-normalizer", "3.3.2"],
      ["click", "8.1.7"],
      ["django", "4.2.8"],
      ["django-cors-headers", "4.3.1"],
      ["django-environ", "0.11.2"],
      ["django-filter", "23.5"],
      ["djangorestframework", "3.14.0"],
      ["gunicorn", "21.2.0"],
      ["idna", "3.6"],
      ["jmespath", "1.0.1"],
      ["kombu", "5.3.4"],
      ["markdown", "3.5.1"],
      ["pillow", "10.1.0"],
      ["psycopg2-binary", "2.9.9"],
      ["python-dateutil", "2.8.2"],
      ["pytz", "2023.3.post1"],
      ["pyyaml", "6.0.1"],
      ["redis", "5.0.1"],
      ["requests", "2.31.0"],
      ["s3transfer", "0.10.0"],
      ["sentry-sdk", "1.39.1"],
      ["six", "1.16.0"],
      ["sqlparse", "0.4.4"],
      ["typing-extensions", "4.9.0"],
      ["urllib3", "2.0.7"],
      ["zope-interface", "6.1"],
    ];
    expect(parseRequirements(fixture("requirements.txt"))).toEqual({
      records: records("requirements.txt", "pypi", [
        ...pins.map(([name, version], i): [string, string, number] => [name, version, i + 1]),
        ["acme-billing", undefined, 34], // -e git+…#egg=acme_billing
      ]),
      issues: [],
    });
  });

  test("pip-compile output: hashes, continuations, extras, markers, ranges, -r and -e", () => {
    expect(parseRequirements(fixture("requirements-compiled.txt"))).toEqual({
      records: records("requirements-compiled.txt", "pypi", [
        ["celery", "5.3.6", 10],
        ["django", ">=4.2,<5.0", 14],
        ["importlib-metadata", "6.8.0", 15],
        ["requests", "2.31.0", 16],
        ["acme-auth", undefined, 17],
        ["gunicorn", undefined, 19],
        ["uwsgi", "~=2.0.23", 20],
      ]),
      issues: [
        {
          file: "requirements-compiled.txt",
          line: 8,
          message: '"-r requirements-base.txt" is not followed: import requirements-base.txt on its own',
          severity: "warning",
        },
        {
          file: "requirements-compiled.txt",
          line: 18,
          message: 'cannot tell the package name of the editable install "./libs/local-tools" (no #egg=name); skipped',
          severity: "warning",
        },
      ],
    });
  });

  test.each([
    ["Flask==2.0.3", "flask", "2.0.3"],
    ["Flask_Login===0.6.3", "flask-login", "0.6.3"],
    ["ruamel.yaml>=0.17", "ruamel-yaml", ">=0.17"],
    ["Django >= 3.2, < 4", "django", ">=3.2,<4"],
    ["django==3.2.*", "django", "==3.2.*"],
    ["sqlalchemy (>=1.4,<2.0)", "sqlalchemy", ">=1.4,<2.0"],
    ["uvicorn[standard]==0.24.0 ; sys_platform != 'win32'", "uvicorn", "0.24.0"],
    ['pywin32==306; platform_system == "Windows"', "pywin32", "306"],
    ["numpy", "numpy", undefined],
    ["numpy @ file:///home/conda/feedstock_root/build_artifacts/numpy_1700000000/work", "numpy", undefined],
    ["mylib @ git+https://github.com/acme/mylib.git@v2.1", "mylib", undefined],
    ["git+https://github.com/acme/tools.git@main#egg=acme_tools", "acme-tools", undefined],
    ["https://files.example.com/packages/Pillow-10.1.0-cp311-cp311-manylinux_2_28_x86_64.whl", "pillow", "10.1.0"],
    ["--editable=git+https://github.com/acme/x.git#egg=acme-x", "acme-x", undefined],
    ["-e git+ssh://git@github.com/acme/y.git#subdirectory=pkg&egg=acme_y", "acme-y", undefined],
    ["requests==2.31.0 --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f", "requests", "2.31.0"],
    ["black==23.12.1  # formatter only", "black", "23.12.1"],
  ])("%s", (line, name, currentVersion) => {
    expect(parseRequirements(inline(line))).toEqual({ records: records("requirements.txt", "pypi", [[name, currentVersion, 1]]), issues: [] });
  });

  test("options that only steer downloads are ignored; unknown ones and -c are warned about", () => {
    const text = ["--index-url https://pypi.example.com/simple", "--trusted-host pypi.example.com", "-c constraints.txt", "--frobnicate", "six==1.16.0"].join(
      "\n",
    );
    expect(parseRequirements(inline(text))).toEqual({
      records: records("requirements.txt", "pypi", [["six", "1.16.0", 5]]),
      issues: [
        { file: "requirements.txt", line: 3, message: '"-c constraints.txt" is not followed: import constraints.txt on its own', severity: "warning" },
        { file: "requirements.txt", line: 4, message: 'unknown option "--frobnicate" ignored', severity: "warning" },
      ],
    });
  });

  test("-rother.txt glued to the option is read too", () => {
    expect(parseRequirements(inline("-rbase.txt")).issues).toEqual([
      { file: "requirements.txt", line: 1, message: '"-r base.txt" is not followed: import base.txt on its own', severity: "warning" },
    ]);
  });

  test("a package listed twice keeps the first, with a warning naming both lines", () => {
    const text = 'futures==3.3.0; python_version < "3"\n# py3\nFutures==3.4.0; python_version >= "3"\n';
    expect(parseRequirements(inline(text))).toEqual({
      records: records("requirements.txt", "pypi", [["futures", "3.3.0", 1]]),
      issues: [{ file: "requirements.txt", line: 3, message: '"futures" is listed twice (lines 1 and 3); the first is kept', severity: "warning" }],
    });
  });

  test("a line that is not a requirement is an error naming the line; the others are still read", () => {
    const text = "six==1.16.0\nDjango 4.2\nflask=2.0\nidna==3.6\r\n";
    expect(parseRequirements(inline(text))).toEqual({
      records: records("requirements.txt", "pypi", [
        ["six", "1.16.0", 1],
        ["idna", "3.6", 4],
      ]),
      issues: [
        { file: "requirements.txt", line: 2, message: 'cannot read "Django 4.2" as a requirement (expected name==version)', severity: "error" },
        { file: "requirements.txt", line: 3, message: 'cannot read "flask=2.0" as a requirement (expected name==version)', severity: "error" },
      ],
    });
  });

  test.each([
    ["an HTML page", "\n<!DOCTYPE html>\n<html><head><title>Sign in</title></head>\n", 2, "<"],
    ["a package.json", '{\n  "dependencies": {}\n}\n', 1, "{"],
  ])("%s uploaded as requirements.txt is one error", (_, text, line, char) => {
    expect(parseRequirements(inline(text))).toEqual({
      records: [],
      issues: [{ file: "requirements.txt", line, message: `this is not a requirements file (line ${line} starts with "${char}")`, severity: "error" }],
    });
  });
});

describe("package.json", () => {
  test("dependencies, optionalDependencies and devDependencies with the line of each entry; peerDependencies left out", () => {
    expect(parsePackageJson(fixture("package.json"))).toEqual({
      records: records("package.json", "npm", [
        ["body-parser", "^1.19.0", 16],
        ["connect-redis", "^6.1.3", 17],
        ["cookie-parser", "~1.4.5", 18],
        ["ejs", "^3.1.6", 19],
        ["express", "4.17.1", 20],
        ["express-session", "^1.17.2", 21],
        ["JSONStream", "1.3.5", 22],
        ["lodash", "^4.17.21", 23], // also in devDependencies: a runtime dependency wins
        ["moment", "^2.29.1", 24],
        ["mysql2", "^2.3.0", 25],
        ["passport", "^0.4.1", 26],
        ["passport-local", "^1.0.0", 27],
        ["@sentry/node", "^6.13.2", 28],
        ["stripe", "^8.174.0", 29],
        ["winston", "^3.3.3", 30],
        ["bufferutil", "^4.0.3", 33],
        ["chai", "^4.3.4", 36, true],
        ["eslint", "^7.32.0", 37, true],
        ["mocha", "^9.1.1", 39, true],
        ["nodemon", "^2.0.12", 40, true],
        ["sinon", "^11.1.2", 41, true],
        ["supertest", "^6.1.6", 42, true],
      ]),
      issues: [],
    });
  });

  test.each([
    ["not JSON at all", "<html>\n<body>502 Bad Gateway</body>\n</html>", 1, 'not valid JSON: unexpected "<" (column 1)'],
    [
      "a trailing comma",
      '{\n  "dependencies": {\n    "express": "^4.18.2",\n  }\n}',
      4,
      'not valid JSON: expected a property name in double quotes, unexpected "}" (column 3)',
    ],
    [
      "a missing comma",
      '{\n  "dependencies": {\n    "express": "^4.18.2"\n    "lodash": "^4"\n  }\n}',
      4,
      'not valid JSON: expected "," or "}" after a property value, unexpected "\\"" (column 5)',
    ],
    ["an array", "[]", 1, "expected a JSON object at the top level"],
    ["dependencies as a list", '{\n  "name": "x",\n  "dependencies": ["express"]\n}', 3, '"dependencies" must be an object mapping package names to versions'],
    ["a version that is not a string", '{\n  "devDependencies": {\n    "jest": 29\n  }\n}', 3, 'the version of "jest" in "devDependencies" must be a string'],
  ])("%s → an error naming the line", (_, text, line, message) => {
    expect(parsePackageJson({ path: "package.json", text })).toEqual({
      records: [],
      issues: [{ file: "package.json", line, message, severity: "error" }],
    });
  });
});

describe("composer.json", () => {
  test("require and require-dev, lower-cased, without php and its extensions", () => {
    expect(parseComposerJson(fixture("composer.json"))).toEqual({
      records: records("composer.json", "composer", [
        ["barryvdh/laravel-dompdf", "^0.9.0", 10],
        ["fruitcake/laravel-cors", "^2.0", 11],
        ["guzzlehttp/guzzle", "^7.0.1", 12],
        ["laravel/framework", "^8.75", 13],
        ["laravel/sanctum", "^2.11", 14],
        ["laravel/tinker", "^2.5", 15],
        ["league/flysystem-aws-s3-v3", "~1.0", 16],
        ["maatwebsite/excel", "3.1.33", 17],
        ["spatie/laravel-permission", "^5.5", 18],
        ["barryvdh/laravel-debugbar", "^3.6", 21, true],
        ["facade/ignition", "^2.5", 22, true],
        ["fakerphp/faker", "^1.9.1", 23, true],
        ["mockery/mockery", "^1.4.4", 24, true],
        ["phpunit/phpunit", "^9.5.10", 25, true],
      ]),
      issues: [],
    });
  });

  test.each(["php", "php-64bit", "ext-mbstring", "lib-icu", "composer-plugin-api", "composer-runtime-api"])("skips the platform package %s", (name) => {
    const text = JSON.stringify({ require: { [name]: "*", "monolog/monolog": "^2.0" } });
    expect(parseComposerJson({ path: "composer.json", text }).records.map((r) => r.name)).toEqual(["monolog/monolog"]);
  });

  test("not JSON → an error naming the line", () => {
    expect(parseComposerJson({ path: "composer.json", text: '{\n    "require": {\n        "php": ^8.1\n    }\n}' })).toEqual({
      records: [],
      issues: [{ file: "composer.json", line: 3, message: 'not valid JSON: unexpected "^" (column 16)', severity: "error" }],
    });
  });
});

describe("Gemfile.lock", () => {
  test("a Rails app: the direct dependencies with their locked versions, not the transitive ones", () => {
    expect(parseGemfileLock(fixture("Gemfile.lock"))).toEqual({
      records: records("Gemfile.lock", "rubygems", [
        ["acme_sso", "2.3.0", 6], // from the GIT section
        ["bootsnap", "1.17.0", 65],
        ["capybara", "3.39.2", 68],
        ["debug", "1.9.1", 79],
        ["devise", "4.9.3", 82],
        ["importmap-rails", "1.2.3", 90],
        ["jbuilder", "2.11.5", 94],
        ["nokogiri", "1.15.5", 98], // platform suffix dropped, one record for both platforms
        ["pg", "1.5.4", 106],
        ["puma", "6.4.0", 107],
        ["rails", "7.1.2", 111],
        ["redis", "5.0.8", 130],
        ["rspec-rails", "6.1.0", 134],
        ["selenium-webdriver", "4.16.0", 142],
        ["sidekiq", "7.2.0", 146],
        ["sprockets-rails", "3.4.2", 151],
        ["stimulus-rails", "1.3.0", 155],
        ["turbo-rails", "1.5.0", 157],
        ["web-console", "4.2.1", 163],
      ]),
      issues: [
        { file: "Gemfile.lock", line: 193, message: '"tzinfo-data" is not locked in this file (a gem for another platform?); skipped', severity: "warning" },
      ],
    });
  });

  test("without a DEPENDENCIES section every top-level spec is returned, never the 6-space sub-dependencies", () => {
    const text = [
      "GEM",
      "  remote: https://rubygems.org/",
      "  specs:",
      "    rack (2.2.8)",
      "    sinatra (3.1.0)",
      "      mustermann (~> 3.0)",
      "      rack (~> 2.2, >= 2.2.4)",
      "    mustermann (3.0.0)",
      "",
    ].join("\r\n");
    expect(parseGemfileLock({ path: "Gemfile.lock", text })).toEqual({
      records: records("Gemfile.lock", "rubygems", [
        ["rack", "2.2.8", 4],
        ["sinatra", "3.1.0", 5],
        ["mustermann", "3.0.0", 8],
      ]),
      issues: [],
    });
  });

  test("a dependency with a constraint and a source marker is still found", () => {
    const text = "GIT\n  remote: x\n  specs:\n    engine (0.1.0)\n\nGEM\n  specs:\n    rake (13.1.0)\n\nDEPENDENCIES\n  engine (~> 0.1)!\n  rake\n";
    expect(parseGemfileLock({ path: "Gemfile.lock", text }).records.map((r) => [r.name, r.currentVersion])).toEqual([
      ["engine", "0.1.0"],
      ["rake", "13.1.0"],
    ]);
  });

  test.each([
    ["an HTML page", "<!DOCTYPE html>\n<html></html>\n", 1, 'this is not a Gemfile.lock (unexpected "<!DOCTYPE html>")'],
    ["a Gemfile", 'source "https://rubygems.org"\n\ngem "rails", "~> 7.1"\n', 1, 'this is not a Gemfile.lock (unexpected "source "https://rubygems.org"")'],
    [
      "a merge conflict",
      "GEM\n  specs:\n<<<<<<< HEAD\n    rack (2.2.8)\n=======\n    rack (3.0.8)\n>>>>>>> main\n",
      3,
      "has an unresolved merge conflict; resolve it and run bundle install",
    ],
    ["indented text first", "  specs:\n    rack (2.2.8)\n", 1, "this is not a Gemfile.lock (it does not start with a section such as GEM)"],
    ["no GEM section", "PLATFORMS\n  ruby\n", undefined, "this is not a Gemfile.lock (it has no GEM section)"],
  ])("%s → an error", (_, text, line, message) => {
    expect(parseGemfileLock({ path: "Gemfile.lock", text })).toEqual({
      records: [],
      issues: [{ file: "Gemfile.lock", ...(line ? { line } : {}), message, severity: "error" }],
    });
  });
});

describe("parseManifest and detectManifestFormat", () => {
  test.each([
    ["requirements", "requirements.txt", 34],
    ["package-json", "package.json", 22],
    ["composer-json", "composer.json", 14],
    ["gemfile-lock", "Gemfile.lock", 19],
  ] as [ManifestFormat, string, number][])("%s reads %s", (format, name, count) => {
    expect(parseManifest(format, fixture(name)).records).toHaveLength(count);
  });

  test("an empty manifest gets a warning rather than passing silently", () => {
    expect(parseManifest("package-json", { path: "package.json", text: '{"name": "x"}' })).toEqual({
      records: [],
      issues: [{ file: "package.json", message: "no dependencies found", severity: "warning" }],
    });
    expect(parseManifest("requirements", inline("<html>")).issues.map((i) => i.message)).toEqual(['this is not a requirements file (line 1 starts with "<")']);
  });

  test.each([
    ["requirements.txt", "requirements"],
    ["backend/requirements-dev.txt", "requirements"],
    ["dev-requirements.txt", "requirements"],
    ["requirements/production.txt", "requirements"],
    ["web\\package.json", "package-json"],
    ["composer.json", "composer-json"],
    ["Gemfile.lock", "gemfile-lock"],
    ["gemfile.lock", "gemfile-lock"],
    ["package-lock.json", null],
    ["composer.lock", null],
    ["Gemfile", null],
    ["notes.txt", null],
    ["requirements.in", null],
  ])("%s → %s", (name, format) => {
    expect(detectManifestFormat(name)).toBe(format);
  });
});
