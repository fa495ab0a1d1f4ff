/**
 * Issue 18's attack suite found that no body was too large: a JSON body of any size was read whole
 * (and answered 400 only after parsing), an oversized import 400. Both now answer 413.
 */
import { describe, expect, test, vi } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject, tokenHeaders } from "../helpers/factories";
import { call, callRoute } from "../helpers/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/handler";
import { MAX_UPLOAD_BYTES } from "@/lib/import/pipeline/formats";

vi.mock("@/lib/auth/session", () => ({ getSessionUserId: async () => null }));

const items = await import("@/app/api/v1/projects/[projectId]/[kind]/route");
const imports = await import("@/app/api/v1/projects/[projectId]/imports/route");

async function setup() {
  const db = await testDb();
  const a = await newAdmin(db);
  const project = await newProject(db, a.ctx);
  const headers = await tokenHeaders(db, a.ctx, project.id, "ENGINEER");
  return { db, project, headers, params: { projectId: project.id, kind: "routes" } };
}

/** A body of `total` bytes that arrives in 1 MB chunks and declares no length. */
function stream(total: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe("JSON bodies", () => {
  test("past 1 MB answers 413 and stores nothing; the longest legitimate body is under the limit", async () => {
    const { db, project, headers, params } = await setup();
    const notes = "n".repeat(20_000);
    const ok = await call(items.POST, params, { method: "POST", headers, json: { method: "GET", path: "/fits", notes } });
    expect(ok.status).toBe(201);
    const big = await call(items.POST, params, { method: "POST", headers, json: { method: "GET", path: "/big", notes: "x".repeat(MAX_JSON_BODY_BYTES) } });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: "payload_too_large", message: "The request body is larger than 1 MB." });
    expect(await db.item.count({ where: { projectId: project.id } })).toBe(1);
  });

  test("a declared Content-Length past the limit is refused before the body is read; a lying one is cut off while reading", async () => {
    const { headers, params } = await setup();
    const declared = await callRoute(items.POST, params, {
      method: "POST",
      headers: { ...headers, "content-length": String(MAX_JSON_BODY_BYTES + 1) },
      body: "{}",
    });
    expect(declared.status).toBe(413);
    const lying = await callRoute(items.POST, params, {
      method: "POST",
      headers: { ...headers, "content-length": "2" },
      body: stream(5 * 1024 * 1024),
      duplex: "half",
    } as never);
    expect(lying.status).toBe(413);
  });
});

describe("imports", () => {
  test("a raw upload past 100 MB answers 413 as soon as it is crossed; a multipart one declared past it, before reading, and a chunked one while reading", async () => {
    const { db, project, headers } = await setup();
    const auth = { Authorization: headers.Authorization };
    const raw = await callRoute(imports.POST, { projectId: project.id }, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: stream(MAX_UPLOAD_BYTES + 1024 * 1024),
      duplex: "half",
      query: "?format=csv&kind=modules&fileName=big.csv",
    } as never);
    expect(raw.status).toBe(413);
    expect((await raw.json()).error.message).toBe("big.csv is larger than 100 MB.");
    const multipart = await callRoute(
      imports.POST,
      { projectId: project.id },
      {
        method: "POST",
        headers: { ...auth, "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_UPLOAD_BYTES + 1) },
        body: "--x--",
        query: "?format=csv&kind=modules",
      },
    );
    expect(multipart.status).toBe(413);
    // Multipart without a length (chunked): cut off while reading, not read whole first.
    const chunked = await callRoute(imports.POST, { projectId: project.id }, {
      method: "POST",
      headers: { ...auth, "content-type": "multipart/form-data; boundary=x" },
      body: stream(MAX_UPLOAD_BYTES + 1024 * 1024),
      duplex: "half",
      query: "?format=csv&kind=modules",
    } as never);
    expect(chunked.status).toBe(413);
    expect(await db.importBatch.count()).toBe(0);
  });

  test("a multipart upload still works", async () => {
    const { db, project, headers } = await setup();
    const form = new FormData();
    form.append("file", new File(["path\napp/billing\n"], "modules.csv", { type: "text/csv" }));
    const response = await imports.POST(
      new Request("http://localhost/x?format=csv&kind=modules", { method: "POST", headers: { Authorization: headers.Authorization }, body: form }),
      { params: Promise.resolve({ projectId: project.id }) },
    );
    expect(response.status).toBe(201);
    expect(await db.importBatch.count()).toBe(1);
  });
});
