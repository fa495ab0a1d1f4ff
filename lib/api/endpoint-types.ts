import type { z } from "zod";

/** One endpoint of the API, as the OpenAPI document describes it and the handler enforces it. */
export type Endpoint = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is a file: raw bytes, or multipart/form-data with `file` parts. */
  upload?: boolean;
  /** Validates the body instead of `body.safeParse` when one schema cannot say which form was meant (`body` still documents it). */
  parseBody?: (body: unknown) => unknown;
  /** The largest JSON body taken (default 1 MB); larger answers 413. */
  maxBodyBytes?: number;
  /** The JSON body may be left out (an empty body is `{}`). */
  bodyOptional?: boolean;
  /** Token scopes that may call it besides a session (default: API tokens only). */
  scopes?: ("API" | "ROUTING" | "EVIDENCE")[];
  /** The route file's folder under app/, when a dynamic segment serves several documented paths. */
  handlerDir?: string;
  response: { status: number; schema: z.ZodType; description: string };
  errors: number[];
};
