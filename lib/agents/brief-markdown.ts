/**
 * The porting brief as Markdown, for a person's clipboard and an agent's prompt. The brief's own
 * words are plain Markdown; every piece of text people wrote sits in a fenced block after the
 * preface line (DATA_PREFACE), fenced longer than any backtick run inside it, and keys, paths and
 * files in code spans their content cannot end.
 */
import type { Brief } from "./brief";
import { fencedData, inlineCode, type DataText } from "./brief-text";
import { statusText } from "./labels";
import { READINESS_LABELS } from "@/lib/inventory/labels";
import type { AgentReview, PortStatus, Readiness } from "@/lib/generated/prisma/enums";

const readiness = (r: string) => READINESS_LABELS[r as Readiness]?.toLowerCase() ?? r;
const status = (s: string, review?: string | null) => statusText(s as PortStatus, review as AgentReview | null);
const code = (t: DataText | string) => inlineCode(typeof t === "string" ? t : t.text);

export function briefMarkdown(brief: Brief): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const { item } = brief;

  push(`# Porting brief: ${code(item.key)}`, "");
  push(
    `Generated ${brief.generatedAt} by Waypoint. Sections: the item, what it uses, decisions, the porting guide, logged requests, smoke and gates, examples, earlier attempts sent back.`,
    "",
  );
  push(`> ${brief.notice.replace(/\n/g, " ")}`, "");

  push("## The item", "");
  push(`- Kind: ${item.kind.toLowerCase()}`, `- Status: ${status(item.status, item.agentReview)}`, `- Served by: ${item.servedBy.toLowerCase()}`);
  if (item.method || item.pathPattern) push(`- Route: ${code(`${item.method ?? ""} ${item.pathPattern ?? ""}`.trim())}`);
  if (item.handler) push(`- Handler: ${code(item.handler)}`);
  if (item.readiness) push(`- Readiness: ${readiness(item.readiness)}`);
  if (item.blockerCount) push(`- Blocked by ${item.blockerCount} item(s) it uses that are not yet ported or ready`);
  if (item.legacy) {
    push(
      `- Legacy code: ${code(`${item.legacy.file.text}${item.legacy.line ? `:${item.legacy.line}` : ""}`)}${item.legacy.commit ? ` at ${code(item.legacy.commit.slice(0, 12))}` : ""}`,
    );
  } else push("- Legacy code: not located by a scan");
  if (item.newCode) push(`- Found in the new code: ${code(`${item.newCode.file.text}${item.newCode.line ? `:${item.newCode.line}` : ""}`)}`);
  push("");
  push("Name:", "", fencedData(item.name.text));
  if (item.replacement) push("Replacement:", "", fencedData(item.replacement.text));
  if (item.notes && item.notes.text.trim()) push("Notes on the item:", "", fencedData(item.notes.text));
  if (item.legacy?.excerpt) {
    push(`Legacy source, lines ${item.legacy.excerpt.startLine}–${item.legacy.excerpt.endLine}:`, "", fencedData(item.legacy.excerpt.text.text, ""));
  } else if (item.legacy?.excerptMissing) push(`No source excerpt: ${item.legacy.excerptMissing}`, "");

  push("## What it uses", "");
  if (brief.uses.length === 0) push("Nothing recorded.", "");
  for (const u of brief.uses) {
    const facts = [
      u.kind.toLowerCase(),
      status(u.status),
      u.readiness ? `readiness ${readiness(u.readiness)}` : null,
      u.via === "needed-by-module" && u.viaKey ? `needed by ${code(u.viaKey)}` : null,
    ].filter(Boolean);
    push(`- ${code(u.key)} (${facts.join(", ")})${u.replacement ? ` — replacement: ${code(u.replacement)}` : ""}`);
  }
  if (brief.uses.length) push("");

  push("## Decisions that apply", "");
  if (brief.decisions.length === 0) push("None linked to the item, its modules or its dependencies.", "");
  for (const d of brief.decisions) {
    push(
      `### ${d.number} (${d.status.toLowerCase()}${d.supersededBy ? `, superseded by ${d.supersededBy}` : ""}${d.decidedOn ? `, ${d.decidedOn}` : ""})`,
      "",
      `Linked to: ${d.linkedTo.map(code).join(", ")}`,
      "",
    );
    const parts = [`Title: ${d.title.text}`];
    if (d.text) {
      parts.push("", `Decision:\n${d.text.decision.text}`);
      if (d.text.context.text.trim()) parts.push("", `Context:\n${d.text.context.text}`);
      if (d.text.consequences.text.trim()) parts.push("", `Consequences:\n${d.text.consequences.text}`);
    }
    push(fencedData(parts.join("\n"), "markdown"));
  }

  push("## Porting guide", "");
  if (brief.guide) push(`Version ${brief.guide.version}, ${brief.guide.updatedAt}.`, "", fencedData(brief.guide.body.text, "markdown"));
  else push("The project has no porting guide yet.", "");

  push("## Logged requests", "");
  if (brief.requests.samples.length === 0) push("None: no access log matched this route yet.", "");
  else {
    push(`Up to 20 real requests from the imported access logs, most frequent first (query values ${brief.requests.queryValues}).`, "");
    const width = Math.max(...brief.requests.samples.map((s) => String(s.count).length));
    push(fencedData(brief.requests.samples.map((s) => `${String(s.count).padStart(width)}  ${s.path.text}`).join("\n")));
  }

  push("## Smoke and gates", "");
  push("Smoke profiles (the status each expects):", "");
  for (const p of brief.smoke.profiles) {
    const last = p.latest ? ` — latest: ${p.latest.conclusion ?? "no result"} (${p.latest.observedAt})` : " — not run yet";
    push(`- ${code(p.name)}: ${p.expects}${last}`);
  }
  push("", `Run: ${code(brief.smoke.command)}`, "");
  for (const g of brief.smoke.gates) {
    push(`What must pass ${g.purpose}: ${g.requirements.length ? "" : "nothing (no requirements set)."}`);
    for (const r of g.requirements) push(`- ${r}`);
    push(`- Now: ${g.met ? "met" : "not met"}`);
    for (const m of g.missing) push(`  - missing: ${m.requirement}${m.profile ? ` (${m.profile})` : ""}: ${m.reason}. ${m.howToGet}`);
    push("");
  }

  push("## Examples already ported", "");
  if (brief.examples.length === 0) push("None yet in the same module or path.", "");
  for (const e of brief.examples) {
    const where = e.newCode ? ` — now at ${code(`${e.newCode.file.text}${e.newCode.line ? `:${e.newCode.line}` : ""}`)}` : "";
    push(`- ${code(e.key)} (${status(e.status)}${e.sameModule ? ", same module" : ", same path"})${e.handler ? `, handler ${code(e.handler)}` : ""}${where}`);
  }
  if (brief.examples.length) push("");

  push("## Earlier attempts sent back", "");
  if (brief.sentBack.length === 0) push("None.", "");
  for (const s of brief.sentBack) {
    push(`### Submitted ${s.submittedAt}, sent back ${s.decidedAt ?? "—"}`, "");
    const lines = [
      `Sent back by: ${s.decidedBy?.text ?? "—"}`,
      `Agent: ${s.agent.text}`,
      `Pull request: ${s.prUrl.text}`,
      "",
      `Review note:\n${s.reviewNote.text}`,
    ];
    if (s.notes.text.trim()) lines.push("", `The agent's notes:\n${s.notes.text}`);
    push(fencedData(lines.join("\n")));
  }
  return out.join("\n").trimEnd() + "\n";
}
