import { expect, test, type APIRequestContext } from "@playwright/test";
import { createProject, importRoutesCsv, inviteLink, newAccount, newProject, signUp } from "./helpers";

/** One JSON-RPC message to /api/mcp, as an MCP client sends it over Streamable HTTP. */
function mcp(request: APIRequestContext, token: string, id: number, method: string, params: object) {
  return request.post("/api/mcp", {
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json, text/event-stream",
      "Content-Type": "application/json",
      "MCP-Protocol-Version": "2025-06-18",
      "X-Agent-Name": "e2e-agent",
    },
    data: { jsonrpc: "2.0", id, method, params },
  });
}

test("an engineer makes a coding agent's token on the tokens tab, the agent claims over MCP as them, and revoking it stops the agent", async ({
  page,
  browser,
  request,
}) => {
  const org = await signUp(page, newAccount("Manager"));
  const project = newProject("Agents");
  await createProject(page, org, project);
  const base = `/orgs/${org}/projects/${project.slug}`;
  await importRoutesCsv(page, base, "method,path,traffic_per_day\nGET,/orders,500\nGET,/about,10\n", "Imported: 2 new");

  const link = await inviteLink(page, org, "Engineer");
  const context = await browser.newContext();
  const ann = await context.newPage();
  const account = newAccount("Ann");
  await signUp(ann, account);
  await ann.goto(link);
  await ann.getByRole("button", { name: /^Join / }).click();
  await ann.waitForURL(/\/orgs\/[a-z0-9-]+$/);

  // The engineer's tokens tab offers only a coding agent's token, for themselves.
  await ann.goto(base);
  await ann.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "API tokens" }).click();
  await ann.waitForURL(`**${base}/tokens`);
  await expect(ann.getByRole("heading", { name: "New coding agent token" })).toBeVisible();
  await expect(ann.getByLabel("Acts as")).toHaveCount(0);
  await ann.getByLabel("Token name").fill("Claude on my laptop");
  await ann.getByRole("button", { name: "Create agent token" }).click();
  const secret = await ann.getByTestId("new-token").inputValue();
  expect(secret).toMatch(/^wpt_\S{16,}$/);
  await expect(ann.getByTestId("agent-config-hint")).toContainText("npx waypoint agent-config --client claude-code|cursor|vscode");
  const row = ann.getByTestId("token-row").filter({ hasText: "Claude on my laptop" });
  await expect(row).toContainText(`Coding agent of ${account.name}`);

  // The agent works over MCP as Ann; the REST API refuses its token.
  const init = await mcp(request, secret, 1, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "1" } });
  expect(init.status()).toBe(200);
  expect((await init.json()).result.serverInfo.name).toBe("waypoint");
  const claim = await mcp(request, secret, 2, "tools/call", { name: "claim", arguments: { item: "GET /orders" } });
  expect((await claim.json()).result.content[0].text).toMatch(/^You hold GET \/orders until /);
  expect((await request.get("/api/v1/projects", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(403);

  // The manager sees it among the project's tokens, and may make one for Ann too.
  await page.goto(`${base}/tokens`);
  await expect(page.getByTestId("token-row").filter({ hasText: "Claude on my laptop" })).toContainText(`Coding agent of ${account.name}`);
  await page.getByLabel("For", { exact: true }).selectOption({ label: "Coding agent (MCP), for its owner" });
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: account.name });
  await page.getByLabel("Token name").fill("Cursor for Ann");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("agent-config-hint")).toBeVisible();
  await expect(page.getByTestId("token-row").filter({ hasText: "Cursor for Ann" })).toContainText(`Coding agent of ${account.name}`);

  // Ann revokes her own token: the agent's next call is refused.
  await ann.reload();
  await expect(ann.getByTestId("token-row")).toHaveCount(2);
  await row.getByRole("button", { name: "Revoke" }).click();
  await ann.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  const after = await mcp(request, secret, 3, "tools/call", { name: "heartbeat", arguments: { item: "GET /orders" } });
  expect(after.status()).toBe(401);
  await context.close();
});
