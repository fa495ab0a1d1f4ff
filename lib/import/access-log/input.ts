import type { FileHandle } from "node:fs/promises";

/** Chunks pulled from the input ahead of the count: bounded, so memory is too. */
const READ_AHEAD_CHUNKS = 4;

/**
 * Pulls the input ahead of the consumer, up to READ_AHEAD_CHUNKS chunks. A file stream reads in
 * 64 KiB steps, each a round trip through libuv's thread pool; pulled one at a time, those round
 * trips add up (~0.1 s over 125 MB). Pulled ahead, the next read is under way while a chunk is
 * counted. The input is iterated by one loop only, so any AsyncIterable works — as long as it
 * does not reuse a chunk's memory for the next one (Node's file, zlib and HTTP streams do not).
 * When the consumer stops early, the pump stops at its next chunk and closes the input.
 */
export async function* readAhead(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  let finished = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  let wakeConsumer: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const wake = (waiter: (() => void) | null) => waiter?.();

  void (async () => {
    try {
      for await (const chunk of input) {
        queue.push(chunk);
        wake(wakeConsumer);
        while (queue.length >= READ_AHEAD_CHUNKS && !stopped) await new Promise<void>((resolve) => (wakePump = resolve));
        if (stopped) break;
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      wake(wakeConsumer);
    }
  })();

  try {
    for (;;) {
      if (queue.length > 0) {
        const chunk = queue.shift()!;
        wake(wakePump);
        yield chunk;
      } else if (failure) {
        throw (failure as { error: unknown }).error;
      } else if (finished) {
        return;
      } else {
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    }
  } finally {
    stopped = true;
    wake(wakePump);
  }
}

const FILE_CHUNK_BYTES = 256 * 1024;

/**
 * A file's bytes in two alternating buffers: the next read runs (on libuv's thread pool) while
 * the consumer counts the chunk just yielded. Safe because countAccessLogChunks is done with a
 * chunk when it asks for the next one (the line splitter copies the piece of a line it carries
 * over, the counter the bytes it keeps), and the buffer refilled is the one before that.
 */
export async function* alternatingReads(file: FileHandle): AsyncGenerator<Buffer> {
  const buffers = [Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES), Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES)];
  let next = file.read(buffers[0], 0, FILE_CHUNK_BYTES, null);
  try {
    for (let turn = 0; ; turn++) {
      const { bytesRead, buffer } = await next;
      if (bytesRead === 0) return;
      next = file.read(buffers[(turn + 1) % 2], 0, FILE_CHUNK_BYTES, null);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // Stopped early (an error in the log): the read under way must end before the file closes.
    await next.catch(() => undefined);
  }
}
