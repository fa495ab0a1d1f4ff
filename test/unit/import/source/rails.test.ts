import { describe, expect, test } from "vitest";
import { loadFixture } from "./fixture-helpers";
import { parseRailsRoutes, railsPathVariants } from "@/lib/import/parsers/source/rails";
import type { ParseResult, RouteRecord } from "@/lib/import/types";

/** "METHOD path handler" per route (the line is checked separately where it matters). */
function routes(r: ParseResult<RouteRecord>): string[] {
  return r.records.map((x) => `${x.method} ${x.path} ${x.handler ?? "-"}`);
}

function parseRoutes(body: string): ParseResult<RouteRecord> {
  return parseRailsRoutes([{ path: "config/routes.rb", text: `Rails.application.routes.draw do\n${body}\nend\n` }]);
}

describe("Rails fixture project", () => {
  const result = parseRailsRoutes(loadFixture("rails"));

  test("every route, with handler, file and line", () => {
    expect(result.records.map((x) => [x.method, x.path, x.handler ?? null, `${x.file}:${x.line}`])).toEqual([
      ["GET", "/", "pages#home", "config/routes.rb:3"],
      ["GET", "/about", "pages#about", "config/routes.rb:5"],
      ["GET", "/admin/dashboard", "admin/dashboard#index", "config/routes.rb:26"],
      ["GET", "/admin/users", "admin/users#index", "config/routes.rb:25"],
      ["GET", "/api/v2/orders", "api/v2/orders#index", "config/routes/api.rb:3"],
      ["POST", "/api/v2/orders", "api/v2/orders#create", "config/routes/api.rb:3"],
      ["GET", "/api/v2/orders/<id>/receipt", "api/v2/orders#receipt", "config/routes/api.rb:4"],
      ["GET", "/contact", "pages#contact", "config/routes.rb:7"],
      ["POST", "/contact", "pages#contact", "config/routes.rb:7"],
      ["GET", "/magazines", "magazines#index", "config/routes.rb:18"],
      ["GET", "/magazines/<id>", "magazines#show", "config/routes.rb:18"],
      ["GET", "/magazines/<magazine_id>/ads", "ads#index", "config/routes.rb:19"],
      ["POST", "/magazines/<magazine_id>/ads", "ads#create", "config/routes.rb:19"],
      ["DELETE", "/magazines/<magazine_id>/ads/<id>", "ads#destroy", "config/routes.rb:19"],
      ["GET", "/magazines/<magazine_id>/ads/<id>", "ads#show", "config/routes.rb:19"],
      ["GET", "/magazines/<magazine_id>/ads/new", "ads#new", "config/routes.rb:19"],
      ["GET", "/photos", "photos#index", "config/routes.rb:9"],
      ["POST", "/photos", "photos#create", "config/routes.rb:9"],
      ["DELETE", "/photos/<id>", "photos#destroy", "config/routes.rb:9"],
      ["GET", "/photos/<id>", "photos#show", "config/routes.rb:9"],
      ["PATCH", "/photos/<id>", "photos#update", "config/routes.rb:9"],
      ["PUT", "/photos/<id>", "photos#update", "config/routes.rb:9"],
      ["GET", "/photos/<id>/edit", "photos#edit", "config/routes.rb:9"],
      ["GET", "/photos/<id>/preview", "photos#preview", "config/routes.rb:11"],
      ["GET", "/photos/new", "photos#new", "config/routes.rb:9"],
      ["GET", "/photos/popular", "photos#popular", "config/routes.rb:6"],
      ["GET", "/photos/search", "photos#search", "config/routes.rb:14"],
      ["GET", "/profile", "profiles#show", "config/routes.rb:22"],
      ["PATCH", "/profile", "profiles#update", "config/routes.rb:22"],
      ["PUT", "/profile", "profiles#update", "config/routes.rb:22"],
      ["GET", "/profile/edit", "profiles#edit", "config/routes.rb:22"],
      ["GET", "/v1/status", "api/status#show", "config/routes.rb:30"],
    ]);
    expect(result.issues).toEqual([]);
  });
});

describe("Rails snippets", () => {
  test.each<[string, string, string[]]>([
    [
      "resources: the seven actions, update as PATCH and PUT",
      "resources :photos",
      [
        "GET /photos photos#index",
        "POST /photos photos#create",
        "DELETE /photos/<id> photos#destroy",
        "GET /photos/<id> photos#show",
        "PATCH /photos/<id> photos#update",
        "PUT /photos/<id> photos#update",
        "GET /photos/<id>/edit photos#edit",
        "GET /photos/new photos#new",
      ],
    ],
    ["only: with a list", "resources :photos, only: [:index, :show]", ["GET /photos photos#index", "GET /photos/<id> photos#show"]],
    ["only: with one symbol", "resources :photos, only: :show", ["GET /photos/<id> photos#show"]],
    ["except: with %i[]", "resources :photos, except: %i[new edit create update destroy]", ["GET /photos photos#index", "GET /photos/<id> photos#show"]],
    [
      "resource (singular): no index, no id, plural controller",
      "resource :profile, except: [:new, :create, :destroy]",
      ["GET /profile profiles#show", "PATCH /profile profiles#update", "PUT /profile profiles#update", "GET /profile/edit profiles#edit"],
    ],
    [
      "nested resources take the parent's singular _id",
      "resources :categories, only: [] do\n  resources :entries, only: [:index, :show]\nend",
      ["GET /categories/<category_id>/entries entries#index", "GET /categories/<category_id>/entries/<id> entries#show"],
    ],
    [
      "member, collection and on:",
      "resources :photos, only: [] do\n  member do\n    get 'preview'\n    post :publish\n  end\n  collection do\n    get 'search'\n  end\n  get 'thumb', on: :member\n  get 'nested'\nend",
      [
        "GET /photos/<id>/preview photos#preview",
        "POST /photos/<id>/publish photos#publish",
        "GET /photos/<id>/thumb photos#thumb",
        "GET /photos/<photo_id>/nested photos#nested",
        "GET /photos/search photos#search",
      ],
    ],
    [
      "namespace: path and controller module",
      "namespace :admin do\n  root to: 'dashboard#show'\n  resources :users, only: :index\n  namespace :reports do\n    get 'daily', to: 'daily#show'\n  end\nend",
      ["GET /admin admin/dashboard#show", "GET /admin/reports/daily admin/reports/daily#show", "GET /admin/users admin/users#index"],
    ],
    [
      "scope: path only; scope module: controller module only",
      "scope '/v1' do\n  get 'ping', to: 'health#ping'\nend\nscope module: 'legacy' do\n  get 'old', to: 'pages#old'\nend",
      ["GET /old legacy/pages#old", "GET /v1/ping health#ping"],
    ],
    ["a hash-rocket route", "get 'welcome' => 'pages#welcome'", ["GET /welcome pages#welcome"]],
    ["match via: :all is ANY", "match 'hook', to: 'hooks#receive', via: :all", ["ANY /hook hooks#receive"]],
    ["to: redirect(...)", "get '/stories', to: redirect('/articles')", ["GET /stories redirect"]],
    ["a digits constraint makes an int parameter", "get 'photos/:id', to: 'photos#show', constraints: { id: /\\d+/ }", ["GET /photos/<int:id> photos#show"]],
    ["a glob", "get 'files/*path', to: 'files#show'", ["GET /files/<path:path> files#show"]],
    [
      "an optional locale scope gives both routes",
      "scope '(:locale)' do\n  get 'faq', to: 'pages#faq'\nend",
      ["GET /<locale>/faq pages#faq", "GET /faq pages#faq"],
    ],
    [
      "comments do not route",
      "# get 'commented', to: 'x#y'\n=begin\nget 'block', to: 'x#y'\n=end\nget 'real', to: 'x#real' # get 'trailing', to: 'x#y'",
      ["GET /real x#real"],
    ],
    [
      "shallow nesting moves member routes out of the parent",
      "resources :articles, only: [], shallow: true do\n  resources :comments, only: [:index, :show]\nend",
      ["GET /articles/<article_id>/comments comments#index", "GET /comments/<id> comments#show"],
    ],
    [
      "concerns",
      "concern :commentable do\n  resources :comments, only: :index\nend\nresources :posts, only: [], concerns: :commentable\nresources :videos, only: [] do\n  concerns :commentable\nend",
      ["GET /posts/<post_id>/comments comments#index", "GET /videos/<video_id>/comments comments#index"],
    ],
    ["routes inside if blocks still count", "if Rails.env.development?\n  get 'debug', to: 'debug#show'\nend", ["GET /debug debug#show"]],
    ["a one-line block", "resources :tags, only: [] do get 'cloud', on: :collection end", ["GET /tags/cloud tags#cloud"]],
  ])("%s", (_name, body, expected) => {
    const result = parseRoutes(body);
    expect(routes(result)).toEqual(expected);
    expect(result.issues).toEqual([]);
  });

  test.each<[string, string, string, RegExp]>([
    [
      "an interpolated path",
      'get "#{prefix}/x", to: "x#y"',
      "GET /{prefix}/x",
      /route path here cannot be resolved statically; the route is listed with \{prefix\}/,
    ],
    [
      "an interpolated scope",
      'scope "/#{ENV["TENANT"]}" do\n  get "x", to: "x#y"\nend',
      "GET /{TENANT}/x",
      /scope path here cannot be resolved statically; the routes inside are listed with \{TENANT\}/,
    ],
  ])("keeps %s with a {NAME} placeholder, and warns with the line", (_name, body, route, message) => {
    const result = parseRoutes(body);
    expect(result.records.map((r) => `${r.method} ${r.path}`)).toEqual([route]);
    expect(result.issues).toEqual([
      expect.objectContaining({ file: "config/routes.rb", line: 2, severity: "warning", message: expect.stringMatching(message) }),
    ]);
  });

  test.each<[string, string, RegExp, number]>([
    ["match without via:", "match 'x', to: 'x#y'", /via/, 2],
    ["a mounted engine", "mount Sidekiq::Web => '/sidekiq'", /mount Sidekiq::Web at \/sidekiq/, 2],
    ["devise_for", "devise_for :users", /devise_for/, 2],
    ["a missing draw file", "draw :missing", /config\/routes\/missing\.rb/, 2],
  ])("warns about %s, with the line", (_name, body, message, line) => {
    const result = parseRoutes(body);
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ file: "config/routes.rb", line, severity: "warning", message: expect.stringMatching(message) })]);
  });

  test("a duplicate route is kept once, with a warning naming both places", () => {
    const result = parseRoutes("get 'a', to: 'x#first'\nget 'a', to: 'x#second'");
    expect(routes(result)).toEqual(["GET /a x#first"]);
    expect(result.issues).toEqual([
      {
        file: "config/routes.rb",
        line: 3,
        severity: "warning",
        message: "Duplicate route GET /a: defined at config/routes.rb:2 and again at config/routes.rb:3; keeping the first",
      },
    ]);
  });

  test("a routes file never drawn is reported", () => {
    const result = parseRailsRoutes([
      { path: "config/routes.rb", text: "Rails.application.routes.draw do\nend\n" },
      { path: "config/routes/orphan.rb", text: "get 'x', to: 'x#y'\n" },
    ]);
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ file: "config/routes/orphan.rb", message: expect.stringMatching(/never loaded/) })]);
  });

  test.each<[string, string[]]>([
    ["photos/:id", ["/photos/<id>"]],
    ["photos/:id(.:format)", ["/photos/<id>"]],
    ["(:locale/)faq", ["/<locale>/faq", "/faq"]],
    ["files/*rest", ["/files/<path:rest>"]],
    ["", ["/"]],
  ])("path %s", (input, expected) => {
    expect(railsPathVariants(input)).toEqual(expected);
  });
});
