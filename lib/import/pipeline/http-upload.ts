import { z } from "zod";
import { AppError, fromZod, tooLarge } from "@/lib/errors";
import { kindFromSegment } from "@/lib/inventory/labels";
import { IMPORT_FORMAT_NAMES, MAX_UPLOAD_BYTES, type ImportFormat } from "./formats";
import type { UploadSource } from "./preview-upload";
import type { ItemKindName } from "../types";

export const importQuerySchema = z
  .object({
    format: z.enum(IMPORT_FORMAT_NAMES as [ImportFormat, ...ImportFormat[]], { error: `format is one of: ${IMPORT_FORMAT_NAMES.join(", ")}.` }),
    kind: z.enum(["routes", "modules", "dependencies"]).optional(),
    fileName: z.string().trim().min(1).max(300).optional(),
    /** Source code: read tests, examples, docs and static folders too. */
    includeSkipped: z
      .enum(["true", "false", "1", "0"])
      .optional()
      .transform((v) => v === "true" || v === "1"),
  })
  .strict();

/** Reads a raw request body, refusing more than `max` bytes (413) as soon as it is exceeded. */
async function* limited(body: ReadableStream<Uint8Array>, max: number, name: string): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > max) throw tooLarge(max, name);
    yield chunk;
  }
}

function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

/**
 * An import request: `?format=&kind=&fileName=` and either a raw body (one file; an access log is
 * streamed straight into the counter) or multipart/form-data with one or more `file` parts.
 */
export async function readImportRequest(
  request: Request,
): Promise<{ format: ImportFormat; kind?: ItemKindName; fileName: string; source: UploadSource; includeSkipped: boolean }> {
  const parsed = importQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw fromZod(parsed.error, "Invalid import parameters.");
  const { format, kind: segment, includeSkipped } = parsed.data;
  const kind = segment ? (kindFromSegment(segment) as ItemKindName) : undefined;
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    // The form is read whole: its size is checked first (the declared length, then the bytes as they come).
    const declared = Number(request.headers.get("content-length"));
    if (format !== "access-log" && Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) throw tooLarge(MAX_UPLOAD_BYTES, "The upload");
    const body =
      format === "access-log" || !request.body
        ? request
        : new Response(streamOf(limited(request.body, MAX_UPLOAD_BYTES, "The upload")), { headers: { "content-type": type } });
    const form = await body.formData().catch((error) => {
      if (error instanceof AppError) throw error;
      throw new AppError("invalid_input", "The upload is not valid multipart/form-data.");
    });
    const files = form.getAll("file").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
    if (files.length === 0) throw new AppError("invalid_input", "Send the file(s) in form fields named `file`.");
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_UPLOAD_BYTES && format !== "access-log") throw tooLarge(MAX_UPLOAD_BYTES, "The upload");
    const fileName = parsed.data.fileName ?? (files.length === 1 ? files[0].name : `${files.length} files`);
    if (format === "access-log") {
      return { format, kind, fileName, includeSkipped, source: { stream: files[0].stream() as unknown as AsyncIterable<Uint8Array> } };
    }
    return {
      format,
      kind,
      fileName,
      includeSkipped,
      source: { files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))) },
    };
  }
  if (!request.body) throw new AppError("invalid_input", "The request has no body: send the file.");
  const fileName = parsed.data.fileName ?? "upload";
  const max = format === "access-log" ? Number.MAX_SAFE_INTEGER : MAX_UPLOAD_BYTES;
  if (Number(request.headers.get("content-length")) > max) throw tooLarge(max, fileName);
  return { format, kind, fileName, includeSkipped, source: { stream: limited(request.body, max, fileName) } };
}
