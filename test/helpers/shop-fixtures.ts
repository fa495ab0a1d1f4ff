/**
 * The shop the repository tests port: a legacy Flask app (its factory registering two blueprints)
 * and its new Django project. Each test varies the views it needs; the project around them is the
 * same text everywhere, so line numbers asserted by the tests stay put.
 */

/** shop/__init__.py of the legacy app: the users blueprint under /api/users, orders under /orders, and / itself. */
export const FLASK_SHOP_INIT = `from flask import Flask

from .users.views import bp as users_bp
from .orders.views import bp as orders_bp


def create_app():
    app = Flask(__name__)
    app.register_blueprint(users_bp, url_prefix="/api/users")
    app.register_blueprint(orders_bp, url_prefix="/orders")

    @app.route("/")
    def index():
        return "shop"

    return app
`;

/** A Django view: its URL pattern, its function, and whether it takes a `pk`. */
export type DjangoView = { url: string; view: string; pk?: boolean };

const urlsPy = (views: DjangoView[]) => `from django.urls import path

from . import views

urlpatterns = [
${views.map((v) => `    path("${v.url}", views.${v.view}),\n`).join("")}]
`;

const viewsPy = (views: DjangoView[]) => views.map((v) => `def ${v.view}(request${v.pk ? ", pk" : ""}):\n    pass\n`).join("\n\n");

/** The new Django project: mysite mounting shop under /app/ and accounts under /api/v2/users/. */
export function djangoShop(options: { shop: DjangoView[]; accounts: DjangoView[]; manage?: string }): Record<string, string> {
  return {
    "manage.py": options.manage ?? "import os\n",
    "mysite/__init__.py": "",
    "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\nINSTALLED_APPS = ["shop", "accounts"]\n',
    "mysite/urls.py": `from django.urls import include, path

urlpatterns = [
    path("app/", include("shop.urls")),
    path("api/v2/users/", include("accounts.urls")),
]
`,
    "shop/__init__.py": "",
    "shop/urls.py": urlsPy(options.shop),
    "shop/views.py": viewsPy(options.shop),
    "accounts/__init__.py": "",
    "accounts/urls.py": urlsPy(options.accounts),
    "accounts/views.py": viewsPy(options.accounts),
  };
}

/** The orders views every port has. */
export const ORDER_VIEWS: DjangoView[] = [
  { url: "orders/", view: "order_list" },
  { url: "orders/<str:pk>/", view: "order_detail", pk: true },
];
