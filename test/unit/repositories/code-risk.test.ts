import { describe, expect, test } from "vitest";
import { assessHandler, findPythonHandler, isTestFile, suggestComplexity } from "@/lib/repositories/code-risk";

const VIEWS = `import json
import six
from flask import Blueprint, request
from .models import Order, Refund
from ..billing import gateway as gw


bp = Blueprint("orders", __name__)


@bp.route("/<order_id>/refund", methods=["POST"])
def refund(order_id):
    """Refunds an order.  if this docstring said "if" it would not count."""
    order = Order.get(order_id)  # if a comment said if, neither
    if order is None or order.cancelled:
        return {}, 404
    for line in order.lines:
        if line.refundable and not line.refunded:
            gw.refund(line)
        elif line.partial:
            continue
        else:
            pass
    try:
        notify(order)
    except IOError:
        pass
    status = "ok" if order.total else "empty"
    return {"status": status}, 202


@bp.route("/")
def list_orders():
    return []
`;

const TESTS = [
  { path: "tests/test_refunds.py", text: 'def test_refund(client):\n    r = client.post(f"/orders/{order.id}/refund")\n' },
  { path: "tests/test_other.py", text: "from shop.orders.views import refund\n" },
  { path: "shop/orders/helpers.py", text: 'URL = "/orders/1/refund"\n' }, // not a test file
];

describe("risk read from a handler's code", () => {
  test("a Python view: size, branches, imports, and the tests that mention it", () => {
    const risk = assessHandler({
      file: { path: "shop/orders/views.py", text: VIEWS },
      line: 11,
      route: { path: "/orders/<order_id>/refund", handler: "shop.orders.views.refund" },
      testFiles: TESTS,
    });
    expect(risk).toEqual({
      size: 17,
      // if, or, for, if, and, elif, else, except, the ternary's if
      branches: 9,
      imports: ["..billing", ".models", "flask", "json", "six"],
      mentionedBy: [
        { file: "tests/test_other.py", line: 1, by: "handler" },
        { file: "tests/test_refunds.py", line: 2, by: "path" },
        { file: "tests/test_refunds.py", line: 2, by: "handler" }, // "test_refund" on line 1 is another word
      ],
      suggested: { complexity: 3, testCoverage: 40 },
      reasons: ["17 lines, 9 branches (shop/orders/views.py:12–29)", "its file imports 5 modules", "mentioned by 2 test file(s), e.g. tests/test_other.py:1"],
    });
  });

  test("a handler nothing tests, with a common name that is not searched for", () => {
    const risk = assessHandler({
      file: { path: "shop/orders/views.py", text: VIEWS },
      line: 32,
      route: { path: "/orders", handler: "shop.orders.views.index" },
      testFiles: TESTS,
    });
    expect(risk).toMatchObject({ size: 2, branches: 0, mentionedBy: [], suggested: { complexity: 1, testCoverage: 0 } });
    expect(risk.reasons[2]).toBe("no test file mentions its path or handler");
  });

  test("JavaScript: from the line to the closing brace; && || ?? and ternaries count, optional chaining does not", () => {
    const js = `const express = require("express");
import { audit } from "./audit.js";
const router = express.Router();

router.get("/users/:id", async (req, res) => {
  // if (comment) { }
  const user = await find(req.params.id);
  if (!user || user.deleted) {
    return res.status(404).end("not { found");
  } else if (user?.banned && !req.admin) {
    return res.status(403).end();
  }
  const name = user.name ?? "anonymous";
  res.json({ name: req.query.full ? user.fullName : name });
});

router.post("/users", (req, res) => {});
`;
    const risk = assessHandler({
      file: { path: "routes/users.js", text: js },
      line: 5,
      route: { path: "/users/<id>" },
      testFiles: [{ path: "test/users.test.js", text: "await request(app).get('/users/42')\n" }],
    });
    expect(risk).toMatchObject({
      size: 10,
      branches: 7,
      imports: ["./audit.js", "express"],
      mentionedBy: [{ file: "test/users.test.js", line: 1, by: "path" }],
    });
  });

  test("Ruby: from def to its end", () => {
    const rb =
      "require 'json'\nclass UsersController\n  def show\n    if params[:id] && admin?\n      render json: {}\n    end\n  end\n\n  def index\n  end\nend\n";
    expect(
      assessHandler({ file: { path: "app/controllers/users_controller.rb", text: rb }, line: 3, route: { path: "/users/<id>" }, testFiles: [] }),
    ).toMatchObject({ size: 5, branches: 2, imports: ["json"] });
  });

  test.each([
    [5, 0, 1],
    [25, 3, 2],
    [40, 1, 3],
    [12, 15, 4],
    [200, 0, 5],
  ])("complexity of %i lines and %i branches is %i", (size, branches, complexity) => {
    expect(suggestComplexity(size, branches)).toBe(complexity);
  });

  test.each([
    ["tests/test_a.py", true],
    ["app/a_test.py", true],
    ["src/a.test.ts", true],
    ["spec/models/user_spec.rb", true],
    ["tests/Feature/UserTest.php", true],
    ["app/views.py", false],
    ["src/testing.ts", false],
  ])("%s is a test file: %s", (path, expected) => {
    expect(isTestFile(path)).toBe(expected);
  });

  test("a Python handler is found by its dotted name", () => {
    const files = [
      { path: "src/shop/orders/views.py", text: VIEWS },
      { path: "src/shop/__init__.py", text: "class Thing:\n    pass\n" },
    ];
    expect(findPythonHandler("shop.orders.views.refund", files)).toMatchObject({ file: { path: "src/shop/orders/views.py" }, line: 12 });
    expect(findPythonHandler("shop.Thing", files)).toMatchObject({ file: { path: "src/shop/__init__.py" }, line: 1 });
    expect(findPythonHandler("shop.orders.views.nope", files)).toBeUndefined();
  });
});
