/**
 * Issue 22: the public push webhook (/api/hooks/repositories/{repoId}) attacked: no signature, a
 * wrong one, a signature made with another repository's secret, an unknown or malformed id, a
 * replayed body with one byte changed, an oversized body (declared and not), a GitLab token sent
 * to a GitHub repository. Each answers 401 (or 413) and queues nothing; unknown ids answer exactly
 * like a wrong signature.
 */
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { linkRepository } from "@/lib/repositories/manage";
import { POST } from "@/app/api/hooks/repositories/[repoId]/route";
import type { Db } from "@/lib/db/client";

const saved = { key: process.env.WAYPOINT_SECRET_KEY, root: process.env.WAYPOINT_REPOSITORY_ROOT };
let db: Db;
let mine: { id: string; secret: string };
let theirs: { id: string; secret: string };

beforeAll(async () => {
  process.env.WAYPOINT_SECRET_KEY = randomBytes(32).toString("base64");
  process.env.WAYPOINT_REPOSITORY_ROOT = "/srv/git";
  db = await testDb();
  const link = async (name: string) => {
    const admin = await newAdmin(db, name);
    const project = await newProject(db, admin.ctx);
    // An https remote on a public address literal: checked without DNS (nothing is fetched here).
    const { repository, webhookSecret } = await linkRepository(db, admin.ctx, project.id, { role: "LEGACY", url: "https://8.8.8.8/acme/shop.git" });
    return { id: repository.id, secret: webhookSecret };
  };
  mine = await link("Home");
  theirs = await link("Other");
});
afterAll(() => {
  process.env.WAYPOINT_SECRET_KEY = saved.key;
  process.env.WAYPOINT_REPOSITORY_ROOT = saved.root;
});

const body = JSON.stringify({ ref: "refs/heads/main", before: "1".repeat(40), after: "2".repeat(40), commits: [] });
const sign = (secret: string, raw: string) => `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;

async function send(repoId: string, headers: Record<string, string>, raw: BodyInit = body) {
  const request = new Request(`http://localhost/api/hooks/repositories/${encodeURIComponent(repoId)}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "push", ...headers },
    body: raw,
  });
  const response = await POST(request, { params: Promise.resolve({ repoId }) });
  return { status: response.status, text: await response.text() };
}

const scans = () => db.repositoryScan.count();

test("every forged, foreign or oversized push is refused and queues nothing; unknown ids look like wrong signatures", async () => {
  const before = await scans();
  const wrong = await send(mine.id, { "x-hub-signature-256": sign("guess", body) });
  expect(wrong.status).toBe(401);
  const attempts: [string, Promise<{ status: number; text: string }>, number][] = [
    ["no signature", send(mine.id, {}), 401],
    ["another repository's secret", send(mine.id, { "x-hub-signature-256": sign(theirs.secret, body) }), 401],
    ["a signature of another body", send(mine.id, { "x-hub-signature-256": sign(mine.secret, body + " ") }), 401],
    ["a malformed signature", send(mine.id, { "x-hub-signature-256": "sha256=zz" }), 401],
    ["sha1 instead of sha256", send(mine.id, { "x-hub-signature-256": `sha1=${createHmac("sha1", mine.secret).update(body).digest("hex")}` }), 401],
    ["the secret as a GitLab token", send(mine.id, { "x-gitlab-token": mine.secret, "x-gitlab-event": "Push Hook" }), 401],
    ["an unknown id", send("c0unknownrepository000000", { "x-hub-signature-256": sign(mine.secret, body) }), 401],
    ["a malformed id", send("../../etc/passwd", { "x-hub-signature-256": sign(mine.secret, body) }), 401],
    ["6 MB", send(mine.id, { "x-hub-signature-256": sign(mine.secret, body) }, "x".repeat(6 * 1024 * 1024)), 413],
    ["6 MB declared small", send(mine.id, { "x-hub-signature-256": sign(mine.secret, body), "content-length": "20" }, "x".repeat(6 * 1024 * 1024)), 413],
  ];
  for (const [what, answer, status] of attempts) {
    const a = await answer;
    expect(a.status, what).toBe(status);
    if (status === 401) expect(a.text, what).toBe(wrong.text);
  }
  expect(await scans()).toBe(before);
  // The right secret does queue (the control).
  expect((await send(mine.id, { "x-hub-signature-256": sign(mine.secret, body) })).status).toBe(202);
  expect(await scans()).toBe(before + 1);
});
