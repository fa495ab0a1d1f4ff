/** Links in messages that leave the app (e-mail, Slack, webhooks) must be absolute. */
export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/$/, "");
  return `http://localhost:${env.PORT ?? 3000}`;
}

export function absoluteLink(link: string | null | undefined): string | null {
  if (!link) return null;
  return /^https?:\/\//.test(link) ? link : `${publicOrigin()}${link.startsWith("/") ? "" : "/"}${link}`;
}
