import { AGENT_CLIENTS, agentConfig, CONFIG_PLACE, TOKEN_VARIABLE, type AgentClient } from "@/lib/agents/agent-config";
import { parseOptions } from "./args";
import { CliError } from "./cli-error";

/** `waypoint agent-config --client claude-code|cursor|vscode [--url URL] [--token T]`: prints an MCP client's configuration. */
export async function agentConfigCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { client: { type: "string" }, url: { type: "string" }, token: { type: "string" } });
  const client = values.client as AgentClient | undefined;
  if (!client || !AGENT_CLIENTS.includes(client)) throw new CliError(`agent-config needs --client ${AGENT_CLIENTS.join("|")}.`);
  const origin = values.url ?? process.env.NEXTAUTH_URL;
  if (!origin) throw new CliError("Give Waypoint's address with --url https://waypoint.example (or set NEXTAUTH_URL).");
  if (!/^https?:\/\/[^\s/]+/i.test(origin)) throw new CliError(`--url must be an http(s) address, not "${origin}".`);
  if (values.token !== undefined && !/^wpt_\S+$/.test(values.token)) throw new CliError("--token must be an agent token (wpt_…).");
  console.error(CONFIG_PLACE[client] + (values.token ? "" : ` Set ${TOKEN_VARIABLE} to the agent token first.`));
  console.log(agentConfig(client, origin, values.token));
  return 0;
}
