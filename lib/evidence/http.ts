/**
 * One HTTP request as the smoke test and the replay make it: a timeout that covers the whole
 * exchange (headers and body), a cap on the body kept (the rest is read past, not held),
 * redirects not followed (a 302 is an answer to compare, not a hop), and the time it took on a
 * monotonic clock. Failures come back as values, not exceptions: a hanging or refused target is
 * a result to count and report.
 */
import http from "node:http";
import https from "node:https";
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

/**
 * Keep-alive agents shared by every request of the process: a replay sends tens of thousands of
 * requests to two hosts, and a new connection per request would measure TCP, not the backend.
 */
const agents = { "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }), "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/**
 * Node's http client rather than fetch: fetch builds WHATWG streams, headers and signal objects
 * per request, and at a replay's rate (thousands a second) that garbage alone took the process
 * past 250 MB before the collector caught up; this path allocates a fraction of it.
 */
export async function httpRequest(url: string, options: HttpOptions): Promise<HttpResult> {
  const first = await attempt(url, options);
  // A kept-alive socket the server closed just as it was reused: Node's documented case for one
  // retry (the request never reached the server).
  return first.retry ? (await attempt(url, options)).result : first.result;
}

function attempt(url: string, options: HttpOptions): Promise<{ result: HttpResult; retry: boolean }> {
  const start = performance.now();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: HttpResult, retry = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ result, retry });
    };
    const fail = (error: Error, reused: boolean) => {
      const ms = performance.now() - start;
      if (timedOut) finish({ ok: false, error: "timeout", message: `no answer within ${formatSeconds(options.timeoutMs)}`, ms });
      else finish({ ok: false, error: "connection", message: describeError(error), ms }, reused && (error as { code?: string }).code === "ECONNRESET");
    };
    let request: http.ClientRequest;
    try {
      const target = new URL(url);
      const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
      if (!client) throw new Error(`not an http(s) URL: ${url}`);
      request = client.request(
        target,
        { method: options.method ?? "GET", headers: options.headers, agent: agents[target.protocol as "http:" | "https:"] },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          let truncated = false;
          response.on("data", (chunk: Buffer) => {
            if (kept >= maxBody) {
              truncated ||= chunk.length > 0;
              return; // read to the end so the connection can be reused; nothing more is kept
            }
            const room = maxBody - kept;
            if (chunk.length > room) truncated = true;
            const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
            chunks.push(piece);
            kept += piece.length;
          });
          response.on("end", () => {
            const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept);
            finish({
              ok: true,
              status: response.statusCode ?? 0,
              contentType: response.headers["content-type"] ?? "",
              body,
              truncated,
              ms: performance.now() - start,
            });
          });
          response.on("error", (error) => fail(error, false));
        },
      );
    } catch (error) {
      // A bad URL, or a header value Node refuses (control characters): no request was sent.
      finish({ ok: false, error: "connection", message: (error as Error).message, ms: 0 });
      return;
    }
    timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error("timeout"));
    }, options.timeoutMs);
    request.on("error", (error) => fail(error, request.reusedSocket));
    request.end();
  });
}

const formatSeconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function describeError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : code && message.startsWith(code) ? code : message;
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
