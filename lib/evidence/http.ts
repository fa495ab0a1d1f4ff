/**
 * One HTTP request as the smoke test and the replay make it: a timeout that covers the whole
 * exchange (headers and body), a cap on the body kept (the rest is read past, not held),
 * redirects not followed (a 302 is an answer to compare, not a hop), and the time it took on a
 * monotonic clock. Failures come back as values, not exceptions: a hanging or refused target is
 * a result to count and report.
 */
import { performance } from "node:perf_hooks";

export type HttpAnswer = {
  ok: true;
  status: number;
  contentType: string;
  /** The body's first `maxBodyBytes` bytes. */
  body: Buffer;
  truncated: boolean;
  ms: number;
};
export type HttpFailure = { ok: false; error: "timeout" | "connection"; message: string; ms: number };
export type HttpResult = HttpAnswer | HttpFailure;

export type HttpOptions = {
  method?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Default 1 MiB. 0: the body is read past, not kept (HEAD, or a check of the status only). */
  maxBodyBytes?: number;
};

const DEFAULT_MAX_BODY = 1024 * 1024;

export async function httpRequest(url: string, options: HttpOptions): Promise<HttpResult> {
  const start = performance.now();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(url, { method: options.method ?? "GET", headers: options.headers, redirect: "manual", signal });
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (kept >= maxBody) {
          truncated ||= chunk.length > 0;
          continue; // read to the end so the connection can be reused; nothing more is kept
        }
        const room = maxBody - kept;
        const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (chunk.length > room) truncated = true;
        chunks.push(Buffer.from(piece));
        kept += piece.length;
      }
    }
    return { ok: true, status: response.status, contentType: response.headers.get("content-type") ?? "", body: Buffer.concat(chunks, kept), truncated, ms: performance.now() - start };
  } catch (error) {
    const ms = performance.now() - start;
    if (signal.aborted) return { ok: false, error: "timeout", message: `no answer within ${formatSeconds(options.timeoutMs)}`, ms };
    return { ok: false, error: "connection", message: describeFetchError(error), ms };
  }
}

const formatSeconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** fetch's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND…). */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message && !cause.message.includes(cause.code) ? `: ${cause.message}` : ""}`;
  return cause?.message ?? (error as Error).message ?? String(error);
}

/**
 * Runs `fn` over `items` with at most `concurrency` at once; results in the items' order. Items
 * are taken from the list as workers free up, so memory holds only what is in flight.
 */
export async function mapPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
