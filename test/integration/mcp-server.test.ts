/**
 * The MCP server driven by the SDK's own client over real HTTP: the route's handlers behind
 * node:http (test/helpers/api-server.ts), the real test database, one client per agent token.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { testDb } from "../helpers/db";
import { newAdmin, newMember, newProject } from "../helpers/factories";
import { serveApi } from "../helpers/api-server";
import { call } from "../helpers/route";
import { pinClock } from "../helpers/clock";
import { authenticateApiToken, createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { createItem } from "@/lib/inventory/items";
import { TOOL_NAMES } from "@/lib/agents/mcp-tools";
import type { Db } from "@/lib/db/client";
import { agentContext, type AgentPrincipal } from "@/lib/agents/agent-context";
import { killSwitch, switchRoute as switchRoute_ } from "@/lib/cutover/switch";
import { createDecision } from "@/lib/stewardship/decisions";
import { confirmSubmission, listReviewQueue, sendBackSubmission } from "@/lib/agents/review";

const mcp = await import("@/app/api/mcp/route");
const projectRoute = await import("@/app/api/v1/projects/[projectId]/route");
const switchRoute = await import("@/app/api/v1/projects/[projectId]/items/[itemId]/switch/route");

let server: Awaited<ReturnType<typeof serveApi>>;
const clients: Client[] = [];

beforeAll(async () => {
  server = await serveApi([{ path: "/api/mcp", handlers: { POST: mcp.POST, GET: mcp.GET, DELETE: mcp.DELETE } }]);
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await server.close();
});

async function connect(secret: string, info = { name: "test-agent", version: "1.2.3" }) {
  const client = new Client(info);
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: { Authorization: `Bearer ${secret}` } } });
  await client.connect(transport);
  clients.push(client);
  return {
    client,
    call: (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
  };
}

const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");

/** A raw POST to /api/mcp, as a client that is not the SDK would send it. */
function post(secret: string | null, body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/mcp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      ...headers,
    },
    body,
  });
}

async function world() {
  const db = await testDb();
  const a = await newAdmin(db, "A");
  const project = await newProject(db, a.ctx);
  const ann = await newMember(db, a.organization.id, "ENGINEER", "Ann");
  const bob = await newMember(db, a.organization.id, "ENGINEER", "Bob");
  const agentToken = async (ownerId: string, name = "agent") =>
    (await createApiToken(db, a.ctx, { projectId: project.id, name, scope: "AGENT", ownerId, role: "MANAGER" })).secret;
  const route = (path: string) => createItem(db, a.ctx, project.id, "ROUTE", { method: "GET", path });
  return { db, a, project, ann, bob, agentToken, route };
}

async function rowCounts(db: Db) {
  const [claims, submissions, changes, evidence] = await Promise.all([
    db.claim.count(),
    db.agentSubmission.count(),
    db.itemChange.count(),
    db.evidenceRecord.count(),
  ]);
  return { claims, submissions, changes, evidence };
}

describe("MCP server", () => {
  test("lists its tools; an item is claimed, heartbeated and submitted: Ported awaiting confirmation, the submission recorded, the owner told", async () => {
    const { db, a, project, ann, agentToken, route } = await world();
    const item = await route("/orders/<int:id>");
    const agent = await connect(await agentToken(ann.user.id));
    const { tools } = await agent.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    expect(tools.find((t) => t.name === "submit")?.inputSchema.properties).toHaveProperty("prUrl");

    const next = await agent.call("next_targets", { limit: 5 });
    expect(next.isError).toBeFalsy();
    expect(textOf(next)).toContain("GET /orders/<int:id>");
    const found = await agent.call("search_items", { q: "orders" });
    expect((found.structuredContent as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([item.id]);

    const claimed = await agent.call("claim", { item: "GET /orders/<int:id>" });
    expect(claimed.isError).toBeFalsy();
    expect(textOf(await agent.call("claim", { item: item.id }))).toMatch(/^You already hold GET \/orders\/<int:id> until .*; send heartbeat/);
    const lease = await db.claim.findFirstOrThrow({ where: { itemId: item.id, endedAt: null } });
    expect(lease).toMatchObject({ holderId: ann.user.id, agentName: "test-agent", agentVersion: "1.2.3" });
    expect(lease.leaseExpiresAt!.getTime() - lease.startedAt.getTime()).toBe(120 * 60_000);

    pinClock(new Date(Date.now() + 60 * 60_000));
    const beat = await agent.call("heartbeat", { item: item.id, minutes: 30 });
    expect(beat.isError).toBeFalsy();
    const extended = await db.claim.findUniqueOrThrow({ where: { id: lease.id } });
    expect(extended.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(extended.leaseExpiresAt!.getTime()).toBeLessThan(lease.leaseExpiresAt!.getTime());

    expect((await agent.call("report_progress", { item: item.id, note: "Handler ported; tests next." })).isError).toBeFalsy();
    expect((await db.claim.findUniqueOrThrow({ where: { id: lease.id } })).progressNote).toBe("Handler ported; tests next.");

    const submitted = await agent.call("submit", { item: item.id, prUrl: "https://git.example/pr/12", commitSha: "ABCDEF1", notes: "Done." });
    expect(submitted.isError).toBeFalsy();
    expect(await db.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "PORTED", agentReview: "AWAITING" });
    expect(await db.claim.findUniqueOrThrow({ where: { id: lease.id } })).toMatchObject({ endReason: "SUBMITTED", activeItemId: null });
    const submission = await db.agentSubmission.findFirstOrThrow({ where: { itemId: item.id } });
    expect(submission).toMatchObject({
      holderId: ann.user.id,
      prUrl: "https://git.example/pr/12",
      commitSha: "abcdef1",
      notes: "Done.",
      agentName: "test-agent",
      outcome: null,
      claimedAt: lease.startedAt,
    });
    const history = await db.itemChange.findMany({ where: { itemId: item.id }, select: { field: true, toValue: true } });
    expect(history).toEqual(
      expect.arrayContaining([
        { field: "status", toValue: "PORTED" },
        { field: "agentReview", toValue: "AWAITING" },
      ]),
    );
    const told = await db.notification.findFirstOrThrow({ where: { userId: ann.user.id } });
    expect(told).toMatchObject({
      title: "test-agent submitted GET /orders/<int:id> for your review",
      link: `/orgs/${a.organization.slug}/projects/${project.slug}/review`,
    });

    const calls = await db.agentCall.findMany({ where: { projectId: project.id }, orderBy: { at: "asc" } });
    expect(calls.map((c) => [c.tool, c.ok])).toEqual([
      ["initialize", true],
      ["next_targets", true],
      ["search_items", true],
      ["claim", true],
      ["claim", false],
      ["heartbeat", true],
      ["report_progress", true],
      ["submit", true],
    ]);
    expect(calls.every((c) => c.agentName === "test-agent" && c.agentVersion === "1.2.3")).toBe(true);
    // Submitted: the lease is no longer held.
    const again = await agent.call("heartbeat", { item: item.id });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/expired or has ended; claim it again/);
  });

  test("two agents claim one item at once: exactly one lease, the other told who holds it", async () => {
    const { db, ann, bob, agentToken, route } = await world();
    const item = await route("/race");
    const [one, two] = await Promise.all([connect(await agentToken(ann.user.id, "one")), connect(await agentToken(bob.user.id, "two"))]);
    const answers = await Promise.all([one.call("claim", { item: item.id }), two.call("claim", { item: item.id })]);
    expect(answers.filter((r) => !r.isError)).toHaveLength(1);
    const refused = answers.find((r) => r.isError)!;
    expect(textOf(refused)).toMatch(/^(Already claimed by (Ann|Bob) since|Someone claimed this item at the same moment)/);
    expect(await db.claim.count({ where: { itemId: item.id } })).toBe(1);
  });

  test("past its expiry a lease is not held: heartbeat refused, another agent claims the item", async () => {
    const { db, ann, bob, agentToken, route } = await world();
    const item = await route("/expiring");
    const first = await connect(await agentToken(ann.user.id, "first"));
    const second = await connect(await agentToken(bob.user.id, "second"));
    expect((await first.call("claim", { item: item.id, minutes: 10 })).isError).toBeFalsy();
    const held = await second.call("claim", { item: item.id });
    expect(textOf(held)).toMatch(/Already claimed by Ann/);
    pinClock(new Date(Date.now() + 11 * 60_000));
    const late = await first.call("heartbeat", { item: item.id });
    expect(late.isError).toBe(true);
    expect(textOf(late)).toMatch(/expired or has ended; claim it again/);
    expect(await first.call("submit", { item: item.id, prUrl: "https://git.example/pr/1" })).toMatchObject({ isError: true });
    const taken = await second.call("claim", { item: item.id });
    expect(taken.isError).toBeFalsy();
    const claims = await db.claim.findMany({ where: { itemId: item.id }, orderBy: { startedAt: "asc" } });
    expect(claims.map((c) => [c.holderId, c.endReason])).toEqual([
      [ann.user.id, "EXPIRED"],
      [bob.user.id, null],
    ]);
  });

  test("the limits per token and for all agents hold, even for claims at once", async () => {
    const { db, project, ann, bob, agentToken, route } = await world();
    await db.project.update({ where: { id: project.id }, data: { agentLimitPerToken: 2, agentLimitTotal: 3, claimLimit: 10 } });
    const items = await Promise.all(["/l1", "/l2", "/l3", "/l4", "/l5"].map(route));
    const one = await connect(await agentToken(ann.user.id, "one"));
    const answers = await Promise.all(items.slice(0, 3).map((i) => one.call("claim", { item: i.id })));
    expect(answers.filter((r) => !r.isError)).toHaveLength(2);
    expect(textOf(answers.find((r) => r.isError)!)).toMatch(/already holds 2 leases, the project's limit per token/);
    const two = await connect(await agentToken(bob.user.id, "two"));
    expect((await two.call("claim", { item: items[3].id })).isError).toBeFalsy();
    const over = await two.call("claim", { item: items[4].id });
    expect(textOf(over)).toMatch(/Agents already hold 3 leases in this project/);
    expect(await db.claim.count({ where: { projectId: project.id, endedAt: null } })).toBe(3);
    // The owner's own claim limit holds for their agents as for them.
    await db.project.update({ where: { id: project.id }, data: { agentLimitTotal: 10, claimLimit: 1 } });
    const over2 = await two.call("claim", { item: items[4].id });
    expect(textOf(over2)).toMatch(/^Bob \(this token's owner\) already holds 1 active claims, this project's limit/);
    expect(await db.claim.count({ where: { projectId: project.id, endedAt: null } })).toBe(3);
  });

  test("bad input: a clear error and nothing written", async () => {
    const { db, project, ann, agentToken, route } = await world();
    const item = await route("/bad");
    const secret = await agentToken(ann.user.id);
    const agent = await connect(secret);
    expect((await agent.call("claim", { item: item.id })).isError).toBeFalsy();
    const before = await rowCounts(db);

    const ftp = await agent.call("submit", { item: item.id, prUrl: "ftp://git.example/pr/1" });
    expect(ftp.isError).toBe(true);
    expect(textOf(ftp)).toMatch(/http\(s\)/);
    const js = await agent.call("submit", { item: item.id, prUrl: "javascript:alert(1)" });
    expect(js.isError).toBe(true);
    const sha = await agent.call("submit", { item: item.id, prUrl: "https://git.example/pr/1", commitSha: "xyz" });
    expect(textOf(sha)).toMatch(/hexadecimal/);
    const unknown = await agent.call("claim", { item: "GET /no-such-route" });
    expect(textOf(unknown)).toMatch(/No item with the id or key "GET \/no-such-route" in this project. Use search_items/);
    const long = await agent.call("report_progress", { item: item.id, note: "x".repeat(2_001) });
    expect(long.isError).toBe(true);
    const tooLong = await agent.call("claim", { item: item.id, minutes: 481 });
    expect(tooLong.isError).toBe(true);
    expect((await agent.call("next_targets", { limit: 51 })).isError).toBe(true);

    const huge = await post(
      secret,
      JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "report_progress", arguments: { item: item.id, note: "x".repeat(1024 * 1024) } },
      }),
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ jsonrpc: "2.0", error: { message: expect.stringMatching(/larger than 1 MB/) } });

    const garbage = await post(secret, "{not json");
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: { code: -32700 } });
    const notRpc = await post(secret, JSON.stringify({ hello: "world" }));
    expect(notRpc.status).toBe(400);
    expect(await notRpc.json()).toMatchObject({ error: { code: -32700, message: expect.stringMatching(/Invalid JSON-RPC/) } });

    expect(await rowCounts(db)).toEqual(before);
    expect(await db.claim.findFirstOrThrow({ where: { itemId: item.id } })).toMatchObject({ progressNote: null, endedAt: null });
    // Refused tool calls are recorded as failed calls; the malformed and oversized requests are not.
    const failed = await db.agentCall.findMany({ where: { projectId: project.id, ok: false }, select: { tool: true } });
    expect(failed.map((c) => c.tool).sort()).toEqual(["claim", "claim", "next_targets", "report_progress", "submit", "submit", "submit"]);
  });

  test("GET and DELETE answer 405; no token, a wrong one, or a token that is not an agent's is refused", async () => {
    const { db, a, project, ann, agentToken } = await world();
    for (const method of ["GET", "DELETE"]) expect((await fetch(`${server.url}/api/mcp`, { method })).status).toBe(405);
    const init = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    });
    const none = await post(null, init);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32001 } });
    expect((await post("wpt_nope", init)).status).toBe(401);
    const { secret: apiSecret } = await createApiToken(db, a.ctx, { projectId: project.id, name: "ci", role: "ENGINEER" });
    const wrong = await post(apiSecret, init);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.message).toMatch(/not a coding agent's. Make an agent token/);
    expect((await post(await agentToken(ann.user.id), init)).status).toBe(200);
  });

  test("an agent token is refused by REST management endpoints and the switch; agents may not switch even through the domain", async () => {
    const { db, ann, project, agentToken, route } = await world();
    const item = await route("/switchme");
    const headers = { Authorization: `Bearer ${await agentToken(ann.user.id)}`, "Content-Type": "application/json" };
    const patch = await call(projectRoute.PATCH, { projectId: project.id }, { method: "PATCH", headers, json: { name: "Renamed" } });
    expect(patch.status).toBe(403);
    expect(patch.body.error.message).toMatch(/coding agent's: it works over MCP/);
    const read = await call(projectRoute.GET, { projectId: project.id }, { headers });
    expect(read.status).toBe(403);
    const sw = await call(switchRoute.POST, { projectId: project.id, itemId: item.id }, { method: "POST", headers, json: { to: "NEW" } });
    expect(sw.status).toBe(403);
    expect(sw.body.error.message).toMatch(/coding agent's/);
    // The rule holds in the domain too, whatever a later tool might reach.
    const principal = (await authenticateApiToken(db, headers.Authorization.slice("Bearer ".length)))!;
    const ctx = agentContext({ ...(principal as AgentPrincipal), ownerId: ann.user.id }, { name: "x", version: "1" });
    await expect(switchRoute_(db, ctx, project.id, item.id, { to: "NEW" })).rejects.toThrow(/A coding agent may not switch traffic/);
    await expect(killSwitch(db, ctx, project.id, { scope: { kind: "project" }, reason: "test" })).rejects.toThrow(/A coding agent may not switch traffic/);
  });

  test("release frees the item; post_evidence records for the token's project; list_decisions puts accepted ones first", async () => {
    const { db, a, project, ann, agentToken, route } = await world();
    const item = await route("/evidence");
    const secret = await agentToken(ann.user.id);
    const agent = await connect(secret);
    expect((await agent.call("claim", { item: item.id })).isError).toBeFalsy();
    expect((await agent.call("release", { item: item.id })).isError).toBeFalsy();
    expect(await db.claim.findFirstOrThrow({ where: { itemId: item.id } })).toMatchObject({ endReason: "RELEASED", activeItemId: null });
    expect((await agent.call("release", { item: item.id })).isError).toBe(true);

    const posted = await agent.call("post_evidence", { name: "unit tests", kind: "tests", conclusion: "success", items: [{ key: "GET /evidence" }] });
    expect(posted.isError).toBeFalsy();
    const record = await db.evidenceRecord.findFirstOrThrow({ where: { projectId: project.id } });
    expect(record).toMatchObject({ name: "unit tests", actorId: ann.user.id });
    const badKind = await agent.call("post_evidence", { name: "x", kind: "vibes", conclusion: "success", items: [{ key: "GET /evidence" }] });
    expect(textOf(badKind)).toMatch(/kind/);
    const otherProject = await newProject(db, a.ctx, { name: "Elsewhere" });
    await createItem(db, a.ctx, otherProject.id, "ROUTE", { method: "GET", path: "/elsewhere" });
    const elsewhere = await agent.call("post_evidence", { name: "x", kind: "tests", conclusion: "success", items: [{ key: "GET /elsewhere" }] });
    expect(elsewhere.isError).toBe(true);
    expect(await db.evidenceRecord.count({ where: { projectId: otherProject.id } })).toBe(0);
    expect(await db.evidenceRecord.count({ where: { projectId: project.id } })).toBe(1);

    await createDecision(db, a.ctx, project.id, { title: "Use SQLAlchemy 2 style", decision: "Always.", status: "PROPOSED" });
    await createDecision(db, a.ctx, project.id, { title: "Keep URLs", decision: "Same paths.", status: "ACCEPTED" });
    const decisions = await agent.call("list_decisions");
    expect((decisions.structuredContent as { decisions: { title: string }[] }).decisions.map((d) => d.title)).toEqual(["Keep URLs", "Use SQLAlchemy 2 style"]);
  });

  test("a revoked token fails on its next call; another project's or organisation's item is not found", async () => {
    const { db, a, project, ann, route } = await world();
    const mine = await route("/mine");
    const otherProject = await newProject(db, a.ctx, { name: "Other" });
    const theirs = await createItem(db, a.ctx, otherProject.id, "ROUTE", { method: "GET", path: "/theirs" });
    const b = await newAdmin(db, "B");
    const bProject = await newProject(db, b.ctx);
    const foreign = await createItem(db, b.ctx, bProject.id, "ROUTE", { method: "GET", path: "/foreign" });
    const { secret, token } = await createApiToken(db, a.ctx, { projectId: project.id, name: "agent", scope: "AGENT", ownerId: ann.user.id });
    const agent = await connect(secret);
    for (const ref of [theirs.id, foreign.id, "GET /theirs", "GET /foreign"]) {
      for (const toolName of ["claim", "get_brief"]) {
        const r = await agent.call(toolName, { item: ref });
        expect(r.isError).toBe(true);
        expect(textOf(r)).toMatch(/^No item with the id or key/);
      }
    }
    expect((await agent.call("search_items", { q: "theirs" })).structuredContent).toEqual({ items: [] });
    expect(await db.claim.count({ where: { itemId: { in: [theirs.id, foreign.id] } } })).toBe(0);
    expect((await agent.call("claim", { item: mine.id })).isError).toBeFalsy();
    await revokeApiToken(db, a.ctx, { projectId: project.id, tokenId: token.id });
    await expect(agent.call("heartbeat", { item: mine.id })).rejects.toThrow(/401|not valid or has been revoked/);
  });

  test("the agent's name: X-Agent-Name/X-Agent-Version headers first, else the token's latest initialize, else unknown", async () => {
    const { db, project, ann, agentToken, route } = await world();
    await route("/named");
    const secret = await agentToken(ann.user.id);
    const list = JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "search_items", arguments: { q: "named" } } });
    const headers = { "mcp-protocol-version": "2025-06-18" };
    expect((await post(secret, list, headers)).status).toBe(200);
    expect((await post(secret, list, { ...headers, "x-agent-name": "claude-code", "x-agent-version": "2.1.0" })).status).toBe(200);
    await connect(secret, { name: "cursor", version: "0.9" });
    expect((await post(secret, list, headers)).status).toBe(200);
    const calls = await db.agentCall.findMany({
      where: { projectId: project.id },
      orderBy: { at: "asc" },
      select: { tool: true, agentName: true, agentVersion: true },
    });
    expect(calls).toEqual([
      { tool: "search_items", agentName: "unknown", agentVersion: "unknown" },
      { tool: "search_items", agentName: "claude-code", agentVersion: "2.1.0" },
      { tool: "initialize", agentName: "cursor", agentVersion: "0.9" },
      { tool: "search_items", agentName: "cursor", agentVersion: "0.9" },
    ]);
  });

  test("the whole loop: submitted work waits in the owner's review queue; confirmed, the confirmer stands beside the agent; sent back, the next brief carries the note", async () => {
    const { db, a, project, ann, agentToken, route } = await world();
    const kept = await route("/books/<int:id>");
    const redo = await route("/authors/<int:id>");
    const agent = await connect(await agentToken(ann.user.id), { name: "porter", version: "0.9" });
    for (const item of [kept, redo]) {
      expect((await agent.call("claim", { item: item.key })).isError).toBeFalsy();
      expect((await agent.call("submit", { item: item.key, prUrl: `https://git.example/pr/${item.id}`, notes: "Ported with tests." })).isError).toBeFalsy();
    }
    const queue = await listReviewQueue(db, ann.ctx, project.id);
    expect(queue.pending.map((r) => r.item.key).sort()).toEqual(["GET /authors/<int:id>", "GET /books/<int:id>"]);
    const byItem = new Map(queue.pending.map((r) => [r.item.id, r.id]));

    // The agent cannot confirm its own work, whatever its owner may do.
    const principal = (await authenticateApiToken(db, await agentToken(ann.user.id, "self"))) as AgentPrincipal;
    const self = agentContext(principal, { name: "porter", version: "0.9" });
    await expect(confirmSubmission(db, self, project.id, byItem.get(kept.id)!)).rejects.toMatchObject({ code: "forbidden" });

    await confirmSubmission(db, ann.ctx, project.id, byItem.get(kept.id)!);
    expect(await db.item.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ status: "PORTED", agentReview: "CONFIRMED" });
    expect(await db.agentSubmission.findUniqueOrThrow({ where: { id: byItem.get(kept.id)! } })).toMatchObject({
      outcome: "CONFIRMED",
      decidedById: ann.user.id,
      agentName: "porter",
      holderId: ann.user.id,
    });

    await sendBackSubmission(db, a.ctx, project.id, byItem.get(redo.id)!, { note: "The 404 for an unknown author is missing." });
    expect(await db.item.findUniqueOrThrow({ where: { id: redo.id } })).toMatchObject({ status: "IN_PROGRESS", agentReview: null });
    const brief = await agent.call("get_brief", { item: redo.key });
    expect(brief.isError).toBeFalsy();
    expect(textOf(brief)).toContain("The 404 for an unknown author is missing.");
    const structured = brief.structuredContent as { sentBack: { reviewNote: { text: string } }[] };
    expect(structured.sentBack.map((s) => s.reviewNote.text)).toEqual(["The 404 for an unknown author is missing."]);
    // Sent back, it can be claimed again; the confirmed one is done and cannot.
    expect((await agent.call("claim", { item: redo.key })).isError).toBeFalsy();
    expect((await agent.call("claim", { item: kept.key })).isError).toBe(true);
  });
});
