import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi";

// Public: the document describes the API, it holds no data.
export function GET() {
  return NextResponse.json(buildOpenApiDocument());
}
