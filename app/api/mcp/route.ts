import { handleMcpPost, mcpMethodNotAllowed } from "@/lib/agents/mcp-server";

/** The MCP server for coding agents (lib/agents/mcp-server.ts): stateless Streamable HTTP, POST only. */
export const POST = (request: Request) => handleMcpPost(request);
export const GET = () => mcpMethodNotAllowed();
export const DELETE = () => mcpMethodNotAllowed();
