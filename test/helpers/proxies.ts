import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";

/**
 * Real proxies in tests: the binaries Debian ships (nginx 1.22, HAProxy 2.6, Apache 2.4), run as
 * children of the test process on free ports, in front of tiny Node servers that answer with their
 * name and record what they received.
 */

/** The binary, or an error naming the Debian package to install (the tests do not skip). */
export function requireBinary(file: string, pkg: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: install Debian's ${pkg} (apt-get install -y --no-install-recommends ${pkg}); .ci/run installs it when absent.`);
  }
  return file;
}

/** A port nothing listens on right now (the system hands it out, we give it back). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
export type Backend = { name: string; url: string; received: Received[]; close(): Promise<void> };

export async function startBackend(name: string): Promise<Backend> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "text/plain" }).end(name);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    name,
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Answer = { status: number; body: string };

/** One request; a fresh connection unless an agent is given (a reload's new workers then answer). */
export function request(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers, agent: options.agent ?? false, timeout: 10_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from 127.0.0.1:${port}${path}`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Polls until `check` holds (a proxy starting or reloading), or fails with the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  let last: T | Error | undefined;
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    try {
      last = await probe();
      if (check(last)) return last;
    } catch (error) {
      last = error as Error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: still ${last instanceof Error ? last.message : JSON.stringify(last)} after ${timeoutMs} ms`);
}

/** A proxy as a child process; its output is kept for the failure message. */
export type Child = { process: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

export function startChild(command: string, args: string[]): Child {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString("utf8");
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return {
    process: child,
    output: () => output,
    stop: (signal: NodeJS.Signals = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill(signal);
      }),
  };
}

/** Runs `count` tasks, `width` at a time. */
export async function inBatches<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** The processes whose parent is `pid` (a proxy master's workers), from /proc. */
export function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * After a reload signal: waits until every worker the master had before is gone, so no request
 * can reach the previous configuration (old workers keep accepting for a moment after a reload).
 */
export async function workersReplaced(master: number, before: number[]): Promise<void> {
  await eventually(
    async () => childPids(master),
    (now) => now.length > 0 && !now.some((p) => before.includes(p)),
    `the workers of ${master} replaced`,
  );
}
