import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { ENDPOINTS } from "@/lib/api/endpoints";

const doc = buildOpenApiDocument();

describe("OpenAPI document", () => {
  test("is OpenAPI 3.1 with every endpoint and its error responses", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/projects",
        "/api/v1/projects/{projectId}",
        "/api/v1/projects/{projectId}/routes/{itemId}",
        "/api/v1/projects/{projectId}/dependencies/bulk",
      ]),
    );
    const list = doc.paths["/api/v1/projects"].get as { parameters: { name: string; required: boolean }[]; responses: Record<string, unknown> };
    expect(list.parameters.map((p) => p.name).sort()).toEqual(["archived", "cursor", "limit", "organization"]);
    expect(list.parameters.every((p) => p.required === false)).toBe(true);
    expect(Object.keys(list.responses)).toEqual(["200", "400", "401", "429", "503"]);
    const create = doc.paths["/api/v1/projects"].post as {
      requestBody: { content: { "application/json": { schema: { required: string[]; additionalProperties: boolean } } } };
    };
    const body = create.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["organization", "name", "fromStack", "toStack"]));
    expect(body.additionalProperties).toBe(false);
  });

  test("every $ref resolves to a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref);
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });

  test("every documented endpoint has a route handler exporting its method", async () => {
    for (const endpoint of ENDPOINTS) {
      const dir = endpoint.handlerDir ?? endpoint.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]");
      const file = path.join("app", dir, "route.ts");
      expect(fs.existsSync(file), file).toBe(true);
      const mod = await import(/* @vite-ignore */ path.resolve("app", dir, "route.ts"));
      expect(typeof mod[endpoint.method.toUpperCase()], `${endpoint.method} ${endpoint.path}`).toBe("function");
    }
  });

  test("every route handler under app/api/v1 is described by the document", async () => {
    // Not endpoints of the API: the document itself, and the catch-all that answers 404 in the API's format.
    const exempt = new Set(["api/v1/openapi.json", "api/v1/[...rest]"]);
    const described = new Set(ENDPOINTS.map((e) => `${e.method.toUpperCase()} ${e.handlerDir ?? e.path.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]")}`));
    const handlers: string[] = [];
    for (const file of fs.readdirSync("app/api/v1", { recursive: true, encoding: "utf8" })) {
      if (path.basename(file) !== "route.ts") continue;
      const dir = path.join("api/v1", path.dirname(file)).split(path.sep).join("/");
      if (exempt.has(dir)) continue;
      const mod = await import(/* @vite-ignore */ path.resolve("app", dir, "route.ts"));
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) if (typeof mod[method] === "function") handlers.push(`${method} ${dir}`);
    }
    expect(handlers.length).toBeGreaterThan(40);
    expect(handlers.filter((h) => !described.has(h))).toEqual([]);
  });

  test("every documented JSON body refuses fields it does not describe (the wrapper validates with it)", () => {
    const open: string[] = [];
    let checked = 0;
    for (const endpoint of ENDPOINTS.filter((e) => e.body)) {
      const op = (doc.paths[endpoint.path] as Record<string, { requestBody: { content: { "application/json": { schema: Record<string, unknown> } } } }>)[
        endpoint.method
      ];
      let schema = op.requestBody.content["application/json"].schema;
      if (typeof schema.$ref === "string") schema = doc.components.schemas[(schema.$ref as string).split("/").pop()!] as Record<string, unknown>;
      const variants = (schema.anyOf ?? schema.oneOf ?? [schema]) as Record<string, unknown>[];
      for (const v of variants) {
        if (v.type !== "object") continue;
        checked++;
        if (v.additionalProperties !== false) open.push(`${endpoint.method.toUpperCase()} ${endpoint.path}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(open).toEqual([]);
  });
});
