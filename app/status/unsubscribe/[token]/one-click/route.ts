import { getDb } from "@/lib/db/client";
import { statusPaths } from "@/lib/projects/paths";
import { unsubscribeByToken } from "@/lib/status/subscribe";

// RFC 8058 one-click unsubscribe: the List-Unsubscribe header of every status e-mail names this
// URL, and a mail program POSTs `List-Unsubscribe=One-Click` to it. The secret in the URL is the
// authorisation (no session, no cookie). A GET (a person or a scanner following it) changes
// nothing: it is sent to the page with the button.
export const dynamic = "force-dynamic";

const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

export async function POST(_request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const { removed } = await unsubscribeByToken(await getDb(), token);
  return new Response(removed ? "Unsubscribed.\n" : "Not subscribed.\n", { status: 200, headers });
}

export async function GET(_request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  return new Response(null, { status: 303, headers: { Location: statusPaths.unsubscribe(token), "Cache-Control": "no-store" } });
}
