import { z } from "zod";
import { ENDPOINTS } from "./endpoints";
import { apiErrorSchema } from "./error-schema";

const ERROR_TEXT: Record<number, string> = {
  304: "Not modified: the If-None-Match you sent is the current ETag.",
  400: "Invalid input: the message and `details.fields` say which field and why.",
  401: "No credentials, or a token that is unknown or revoked.",
  403: "Authenticated, but your role may not do this.",
  404: "Unknown, or not yours to see.",
  409: "Conflicts with the current state.",
  413: "The body is larger than the endpoint takes (1 MB of JSON; 100 MB for an import, an access log excepted).",
  415: "A request with a session cookie whose body is not `application/json` (or that came from another origin).",
  429: "Too many failed authentication attempts from this address: `Retry-After` says when to try again.",
  503: "The database is saturated (no connection within the wait): `Retry-After` says when to try again.",
};

type JsonSchema = Record<string, unknown>;

/** Converts a schema, moving named sub-schemas (`.meta({ id })`) into components. */
function schemaRef(schema: z.ZodType, components: Record<string, JsonSchema>, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" });
  // JSON Schema's local "#/$defs/X" become OpenAPI's shared "#/components/schemas/X".
  const json = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
    id?: string;
  };
  const { $defs, $schema: _schema, id, ...rest } = json;
  for (const [name, def] of Object.entries($defs ?? {})) components[name] = def;
  if (typeof id !== "string") return rest;
  components[id] = rest;
  return { $ref: `#/components/schemas/${id}` };
}

export function buildOpenApiDocument(serverUrl = "/") {
  const components: Record<string, JsonSchema> = {};
  const errorRef = schemaRef(apiErrorSchema, components, "output");
  const paths: Record<string, Record<string, unknown>> = {};

  for (const endpoint of ENDPOINTS) {
    const parameters: unknown[] = [];
    for (const [name, description] of Object.entries(endpoint.pathParams ?? {})) {
      parameters.push({ name, in: "path", required: true, description, schema: { type: "string" } });
    }
    if (endpoint.query) {
      for (const [name, field] of Object.entries(endpoint.query.shape)) {
        const schema = schemaRef(field as z.ZodType, components, "input");
        parameters.push({ name, in: "query", required: !(field as z.ZodType).safeParse(undefined).success, schema });
      }
    }
    const responses: Record<string, unknown> = {
      [endpoint.response.status]:
        endpoint.response.status === 204
          ? { description: endpoint.response.description }
          : {
              description: endpoint.response.description,
              content: { "application/json": { schema: schemaRef(endpoint.response.schema, components, "output") } },
            },
    };
    // Every endpoint can refuse a throttled client and answer busy; every endpoint with a JSON body, another content type; every one with a body, one too large.
    for (const status of [...endpoint.errors, ...(endpoint.body || endpoint.upload ? [413] : []), ...(endpoint.body ? [415] : []), 429, 503]) {
      responses[status] =
        status === 304 ? { description: ERROR_TEXT[status] } : { description: ERROR_TEXT[status], content: { "application/json": { schema: errorRef } } };
    }
    (paths[endpoint.path] ??= {})[endpoint.method] = {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      parameters,
      ...(endpoint.upload
        ? {
            requestBody: {
              required: true,
              content: {
                "application/octet-stream": { schema: { type: "string", format: "binary" } },
                "multipart/form-data": { schema: { type: "object", properties: { file: { type: "array", items: { type: "string", format: "binary" } } } } },
              },
            },
          }
        : {}),
      ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaRef(endpoint.body, components, "input") } } } } : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Waypoint API",
      version: "1.0.0",
      description:
        "Authenticate with a project API token (`Authorization: Bearer wpt_…`, created under a project's API tokens) " +
        "or a signed-in session. Errors are `{ error: { code, message, details } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }, { session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A project API token." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}
