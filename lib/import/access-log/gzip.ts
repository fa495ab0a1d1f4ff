import { Readable, pipeline } from "node:stream";
import { createGunzip, type ZlibOptions } from "node:zlib";

export class CorruptGzipError extends Error {}

export const toBuffer = (chunk: Uint8Array): Buffer => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

/**
 * Yields the input's bytes, gunzipped when it starts with the gzip magic bytes 1f 8b. Streams
 * through zlib (backpressure via pipeline); stopping early destroys zlib and the input.
 */
export async function* decompressIfGzip(input: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const source = input[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  // The first chunk may be a single byte: read on until the magic bytes can be checked.
  while (head.length < 2) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = head.length === 0 ? toBuffer(next.value) : Buffer.concat([head, toBuffer(next.value)]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (ended) return;
      for (let next = await source.next(); !next.done; next = await source.next()) yield toBuffer(next.value);
    } finally {
      await source.return?.();
    }
  }

  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield* rest(); // plain text
    return;
  }
  // Bigger output chunks than zlib's 16 KiB default: fewer trips through the async iteration.
  // Its readable buffer lets zlib (on libuv's thread pool, so on the other core) inflate ahead.
  const gunzip = createGunzip({ chunkSize: 128 * 1024, readableHighWaterMark: 1 << 20 } as ZlibOptions);
  // Errors reach us through the iteration of `gunzip`, which pipeline destroys with them.
  pipeline(Readable.from(rest(), { objectMode: false }), gunzip, () => {});
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("Z_")) throw new CorruptGzipError((err as Error).message);
    throw err;
  }
}
