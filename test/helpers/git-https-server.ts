import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/repositories");
/** A self-signed certificate for localhost / 127.0.0.1 (valid 2000–2099), trusted by the tests through WAYPOINT_GIT_CA_FILE. */
export const TEST_CA_FILE = path.join(FIXTURES, "localhost-cert.pem");

/**
 * A local HTTPS git server: `git http-backend` (git's own smart-HTTP CGI) behind Node's https
 * server, serving the repositories under `projectRoot` to requests that carry
 * `Authorization: Basic base64(username:token)`; any other request gets 401 — as GitHub answers
 * a wrong token. Records each request's Authorization header.
 */
export async function startGitHttpsServer(options: { projectRoot: string; username: string; token: string }) {
  const expected = `Basic ${Buffer.from(`${options.username}:${options.token}`).toString("base64")}`;
  const authorizations: Array<string | undefined> = [];
  const server = https.createServer({ key: fs.readFileSync(path.join(FIXTURES, "localhost-key.pem")), cert: fs.readFileSync(TEST_CA_FILE) }, (req, res) => {
    authorizations.push(req.headers.authorization);
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"', "Content-Type": "text/plain" });
      res.end("Unauthorized\n");
      return;
    }
    const url = new URL(req.url ?? "/", "https://localhost");
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: "1",
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ""),
      REQUEST_METHOD: req.method ?? "GET",
      CONTENT_TYPE: req.headers["content-type"] ?? "",
      HTTP_CONTENT_ENCODING: String(req.headers["content-encoding"] ?? ""),
      GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
      REMOTE_USER: options.username,
      REMOTE_ADDR: "127.0.0.1",
    };
    const cgi = spawn("git", ["http-backend"], { stdio: ["pipe", "pipe", "inherit"], env: env as NodeJS.ProcessEnv });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number(value.split(" ")[0]);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.on("close", () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    authorizations,
    url: (repo: string) => `https://127.0.0.1:${port}/${repo}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
