/**
 * E-mail over SMTP (nodemailer). Configured by WAYPOINT_SMTP_URL (smtp://user:pass@host:587,
 * smtps://… for implicit TLS) or WAYPOINT_SMTP_HOST/PORT/USER/PASS/SECURE, with WAYPOINT_SMTP_FROM.
 * Unset: no e-mail is queued and nothing connects anywhere.
 */
import nodemailer, { type Transporter } from "nodemailer";

type Env = Record<string, string | undefined>;
export type SmtpConfig = { transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } }; from: string };

export function smtpConfig(env: Env = process.env): SmtpConfig | null {
  const from = env.WAYPOINT_SMTP_FROM?.trim() || "Waypoint <waypoint@localhost>";
  if (env.WAYPOINT_SMTP_URL?.trim()) return { transport: env.WAYPOINT_SMTP_URL.trim(), from };
  const host = env.WAYPOINT_SMTP_HOST?.trim();
  if (!host) return null;
  const secure = env.WAYPOINT_SMTP_SECURE === "1";
  const port = Number(env.WAYPOINT_SMTP_PORT ?? (secure ? 465 : 587));
  const auth = env.WAYPOINT_SMTP_USER ? { user: env.WAYPOINT_SMTP_USER, pass: env.WAYPOINT_SMTP_PASS ?? "" } : undefined;
  return { transport: { host, port, secure, ...(auth ? { auth } : {}) }, from };
}

export const emailConfigured = (env: Env = process.env) => smtpConfig(env) !== null;

let cached: { key: string; transporter: Transporter } | null = null;

function transporter(config: SmtpConfig): Transporter {
  const key = JSON.stringify(config.transport);
  if (cached?.key !== key) {
    cached?.transporter.close();
    const options = typeof config.transport === "string" ? config.transport : config.transport;
    cached = { key, transporter: nodemailer.createTransport(options as Parameters<typeof nodemailer.createTransport>[0]) };
  }
  return cached.transporter;
}

/** `headers`: extra header lines, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
export type Email = { to: string; subject: string; text: string; headers?: Record<string, string> };

export async function sendEmail(email: Email): Promise<{ messageId: string }> {
  const config = smtpConfig();
  if (!config) throw new Error("E-mail is not configured (WAYPOINT_SMTP_URL or WAYPOINT_SMTP_HOST).");
  const info = await transporter(config).sendMail({
    from: config.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    ...(email.headers ? { headers: email.headers } : {}),
  });
  return { messageId: String(info.messageId) };
}

/** One event as an e-mail's text. */
export function eventText(e: { title: string; body: string; link: string | null }): string {
  const lines = [e.title, e.body, e.link ? `Open it: ${e.link}` : ""].filter(Boolean);
  return `${lines.join("\n\n")}\n\n— Waypoint. Choose what you receive in your account settings.\n`;
}
