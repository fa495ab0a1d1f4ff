/**
 * Waypoint's MCP server for coding agents (issue 23): Streamable HTTP at /api/mcp, stateless —
 * every POST builds its own server and transport, so any app instance answers any request and
 * nothing is kept between requests. GET (a server-sent stream) and DELETE (ending a session) are
 * what a stateless server does not offer: 405.
 *
 * Before the SDK sees a request: the agent token (the REST API's throttled check), the 1 MB body
 * limit, and the JSON parse — each refused with a JSON-RPC error and nothing written.
 *
 * The agent's name and version are self-reported. A stateless server sees the client's
 * `initialize` (with its clientInfo) as one request among others, so: the X-Agent-Name and
 * X-Agent-Version headers when the client sends them (agent-config adds them), else the clientInfo
 * of this token's latest initialize (recorded as an AgentCall with the tool "initialize"), else
 * "unknown".
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, HTTP_STATUS, databaseBusyError } from "@/lib/errors";
import { MAX_JSON_BODY_BYTES, readBodyLimited } from "@/lib/api/handler";
import { AGENT_NAME_HEADER, AGENT_VERSION_HEADER, agentContext, agentLabel, agentPrincipal, UNKNOWN_AGENT, type AgentPrincipal } from "./agent-context";
import { INITIALIZE, lastClientInfo, recordAgentCalls, type RecordedCall } from "./calls";
import { registerTools } from "./mcp-tools";

export const MCP_SERVER_INFO = { name: "waypoint", version: "1.0.0" };

const INSTRUCTIONS =
  "Waypoint tracks a migration's inventory. Loop: next_targets → get_brief → claim → (heartbeat while working, report_progress) → submit with the PR URL, " +
  "or release. A person confirms submitted work in Review. You may not switch traffic, override gates or freeze windows, or confirm work.";

/** JSON-RPC's codes, and the server-defined ones (-32000…-32099) for what HTTP refuses. */
const PARSE_ERROR = -32700;
const SERVER_ERROR_CODES: Partial<Record<AppError["code"], number>> = {
  unauthenticated: -32001,
  forbidden: -32003,
  payload_too_large: -32013,
  rate_limited: -32029,
};

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status, headers });
}

function appErrorResponse(error: AppError): Response {
  const headers: Record<string, string> = {};
  if (error.code === "unauthenticated") headers["WWW-Authenticate"] = 'Bearer realm="waypoint"';
  if (typeof error.details?.retryAfter === "number") headers["Retry-After"] = String(error.details.retryAfter);
  return jsonRpcError(HTTP_STATUS[error.code], SERVER_ERROR_CODES[error.code] ?? -32000, error.message, headers);
}

type Message = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: { name?: unknown; clientInfo?: { name?: unknown; version?: unknown } } };
const messagesOf = (body: unknown): Message[] => (Array.isArray(body) ? body : [body]).filter((m): m is Message => typeof m === "object" && m !== null);

async function agentIdentity(db: Db, request: Request, principal: AgentPrincipal, messages: Message[]) {
  const init = messages.find((m) => m.method === "initialize")?.params?.clientInfo;
  const headerName = agentLabel(request.headers.get(AGENT_NAME_HEADER));
  const headerVersion = agentLabel(request.headers.get(AGENT_VERSION_HEADER));
  if (headerName) return { name: headerName, version: headerVersion ?? UNKNOWN_AGENT, initialize: Boolean(init) };
  if (init) return { name: agentLabel(init.name) ?? UNKNOWN_AGENT, version: agentLabel(init.version) ?? UNKNOWN_AGENT, initialize: true };
  const last = messages.some((m) => m.method === "tools/call") ? await lastClientInfo(db, principal.tokenId) : null;
  return { name: last?.name ?? UNKNOWN_AGENT, version: last?.version ?? UNKNOWN_AGENT, initialize: false };
}

/** The tools/call requests of the body and whether each succeeded, read from the JSON answer. */
async function callOutcomes(messages: Message[], response: Response): Promise<RecordedCall[]> {
  const calls = messages.filter((m) => m.method === "tools/call" && m.id !== undefined);
  if (calls.length === 0) return [];
  let answers: { id?: unknown; error?: unknown; result?: { isError?: unknown } }[] = [];
  if ((response.headers.get("content-type") ?? "").includes("application/json")) {
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    answers = (Array.isArray(body) ? body : [body]).filter((a) => typeof a === "object" && a !== null);
  }
  return calls.map((m) => {
    const answer = answers.find((a) => a.id === m.id);
    return { tool: typeof m.params?.name === "string" ? m.params.name : "(none)", ok: Boolean(answer && !answer.error && answer.result?.isError !== true) };
  });
}

/** POST /api/mcp. */
export async function handleMcpPost(request: Request): Promise<Response> {
  try {
    const db = await getDb();
    const principal = await agentPrincipal(db, request);
    const bytes = await readBodyLimited(request, MAX_JSON_BODY_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return jsonRpcError(400, PARSE_ERROR, "Parse error: the body is not valid JSON (send one JSON-RPC 2.0 message).");
    }
    const messages = messagesOf(body);
    const agent = await agentIdentity(db, request, principal, messages);
    const ctx = agentContext(principal, agent);
    const server = new McpServer(MCP_SERVER_INFO, { instructions: INSTRUCTIONS });
    registerTools(server, db, ctx);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(request, { parsedBody: body });
      const calls = response.ok ? await callOutcomes(messages, response) : [];
      if (agent.initialize && response.ok) calls.unshift({ tool: INITIALIZE, ok: true });
      // The answer stands even if its record cannot be written: the tool's own change is committed.
      await recordAgentCalls(db, principal, agent, calls).catch((error: unknown) => console.error("MCP: could not record agent calls", error));
      return response;
    } finally {
      await server.close();
    }
  } catch (error) {
    if (error instanceof AppError) return appErrorResponse(error);
    const busy = databaseBusyError(error);
    if (busy) return appErrorResponse(busy);
    console.error("MCP error", error);
    return jsonRpcError(500, -32603, "Internal error on Waypoint's side. It has been logged.");
  }
}

/** GET and DELETE: a stateless server keeps no stream and no session. */
export function mcpMethodNotAllowed(): Response {
  return jsonRpcError(405, -32000, "Method not allowed: this MCP server is stateless; send JSON-RPC messages with POST.", { Allow: "POST" });
}
