import Link from "next/link";
import type { Brief, DataText } from "@/lib/agents/brief";
import { READINESS_LABELS, STATUS_LABELS } from "@/lib/inventory/labels";
import { CopyMarkdown } from "./copy-markdown";

/** Text people wrote: shown as it is, preformatted, never as HTML. */
function Data({ text }: { text: DataText; label?: string }) {
  if (!text.text.trim()) return <p className="text-sm text-slate-500">—</p>;
  return (
    <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-900">
      {text.text}
    </pre>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`brief-${id}`} className="space-y-2" data-testid={`brief-${id}`}>
      <h4 id={`brief-${id}`} className="font-semibold">
        {title}
      </h4>
      {children}
    </section>
  );
}

const status = (s: string) => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s;
const at = (file: DataText, line: number | null) => `${file.text}${line ? `:${line}` : ""}`;

/**
 * The item page's "Porting brief" (issue 23): what a person or a coding agent needs to port the
 * item, the same document as `GET …/items/{id}/brief`, with the Markdown to copy.
 */
export function BriefPanel({
  brief,
  markdown,
  jsonHref,
  markdownHref,
  itemHref,
}: {
  brief: Brief;
  markdown: string;
  jsonHref: string;
  markdownHref: string;
  itemHref: (id: string) => string;
}) {
  const { item } = brief;
  return (
    <section className="card space-y-5" aria-labelledby="brief-heading" data-testid="brief-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="brief-heading" className="text-lg font-semibold">
          Porting brief
        </h3>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <CopyMarkdown markdown={markdown} />
          <a href={jsonHref} data-testid="brief-json">
            JSON
          </a>
          <a href={markdownHref} data-testid="brief-markdown">
            Markdown
          </a>
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Everything needed to port this {item.kind.toLowerCase()}: give it to a newcomer or a coding agent. Text people wrote is shown in boxes; secrets and
        e-mail addresses are removed.
      </p>

      <Section id="item" title="The item">
        <ul className="list-inside list-disc text-sm">
          {item.method || item.pathPattern ? (
            <li>
              Route: <code>{`${item.method ?? ""} ${item.pathPattern ?? ""}`.trim()}</code>
            </li>
          ) : null}
          {item.handler ? (
            <li>
              Handler: <code>{item.handler.text}</code>
            </li>
          ) : null}
          <li>
            Status: {status(item.status)}
            {item.agentReview === "AWAITING"
              ? " — agent-reported, awaiting confirmation"
              : item.agentReview === "CONFIRMED"
                ? " — agent's work, confirmed"
                : ""}
          </li>
          <li>
            Legacy code:{" "}
            {item.legacy ? (
              item.legacy.href ? (
                <a href={item.legacy.href} rel="noreferrer noopener" target="_blank" className="font-mono text-xs">
                  {at(item.legacy.file, item.legacy.line)}
                </a>
              ) : (
                <code className="text-xs">{at(item.legacy.file, item.legacy.line)}</code>
              )
            ) : (
              "not located by a scan"
            )}
          </li>
        </ul>
        {item.legacy?.excerpt ? (
          <div>
            <p className="text-xs text-slate-600">
              Lines {item.legacy.excerpt.startLine}–{item.legacy.excerpt.endLine}
            </p>
            <Data text={item.legacy.excerpt.text} label="Legacy source excerpt" />
          </div>
        ) : item.legacy?.excerptMissing ? (
          <p className="text-sm text-slate-600">No source excerpt: {item.legacy.excerptMissing}</p>
        ) : null}
      </Section>

      <Section id="uses" title="What it uses">
        {brief.uses.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing recorded.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {brief.uses.map((u) => (
              <li key={u.id}>
                <Link href={itemHref(u.id)} prefetch={false} className="font-mono">
                  {u.key}
                </Link>{" "}
                — {u.kind.toLowerCase()}, {status(u.status)}
                {u.readiness ? `, ${READINESS_LABELS[u.readiness]}` : ""}
                {u.via === "needed-by-module" && u.viaKey ? `, needed by ${u.viaKey}` : ""}
                {u.replacement ? ` — replacement: ${u.replacement.text}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="decisions" title="Decisions that apply">
        {brief.decisions.length === 0 ? (
          <p className="text-sm text-slate-600">None linked to the item, its modules or its dependencies.</p>
        ) : (
          brief.decisions.map((d) => (
            <div key={d.id} className="space-y-1">
              <p className="text-sm">
                <strong>{d.number}</strong> {d.title.text} ({d.status.toLowerCase()}
                {d.supersededBy ? `, superseded by ${d.supersededBy}` : ""}) — linked to {d.linkedTo.join(", ")}
              </p>
              {d.text ? <Data text={d.text.decision} label={`${d.number} decision`} /> : null}
            </div>
          ))
        )}
      </Section>

      <Section id="guide" title="Porting guide">
        {brief.guide ? (
          <>
            <p className="text-xs text-slate-600">Version {brief.guide.version}</p>
            <Data text={brief.guide.body} label="Porting guide" />
          </>
        ) : (
          <p className="text-sm text-slate-600">The project has no porting guide yet (Settings → Porting guide).</p>
        )}
      </Section>

      <Section id="requests" title="Logged requests">
        {brief.requests.samples.length === 0 ? (
          <p className="text-sm text-slate-600">None: no imported access log matched this route yet.</p>
        ) : (
          <>
            <p className="text-xs text-slate-600">Most frequent first; query values {brief.requests.queryValues}.</p>
            <table className="text-sm">
              <thead>
                <tr>
                  <th className="pr-4 text-right">Requests</th>
                  <th className="text-left">Path</th>
                </tr>
              </thead>
              <tbody>
                {brief.requests.samples.map((s) => (
                  <tr key={s.path.text}>
                    <td className="pr-4 text-right tabular-nums">{s.count.toLocaleString("en")}</td>
                    <td className="font-mono text-xs break-all">{s.path.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Section>

      <Section id="smoke" title="Smoke and gates">
        <ul className="text-sm">
          {brief.smoke.profiles.map((p) => (
            <li key={p.name}>
              Profile <code>{p.name}</code> expects {p.expects}
              {p.latest ? ` — latest: ${p.latest.conclusion ?? "no result"}` : " — not run yet"}
            </li>
          ))}
        </ul>
        {brief.smoke.gates.map((g) => (
          <div key={g.name} className="text-sm">
            <p>
              What must pass {g.purpose}: {g.requirements.length ? g.requirements.join("; ") : "nothing (no requirements set)"} —{" "}
              <strong>{g.met ? "met" : "not met"}</strong>
            </p>
            {g.missing.length ? (
              <ul className="list-inside list-disc text-xs text-slate-700">
                {g.missing.map((m, i) => (
                  <li key={i}>
                    {m.reason}: <code className="break-all">{m.howToGet}</code>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ))}
      </Section>

      <Section id="examples" title="Examples already ported">
        {brief.examples.length === 0 ? (
          <p className="text-sm text-slate-600">None yet in the same module or path.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {brief.examples.map((e) => (
              <li key={e.id}>
                <Link href={itemHref(e.id)} prefetch={false} className="font-mono">
                  {e.key}
                </Link>{" "}
                — {status(e.status)}, {e.sameModule ? "same module" : "same path"}
                {e.newCode ? (
                  <>
                    , now at <code className="text-xs">{at(e.newCode.file, e.newCode.line)}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="sent-back" title="Earlier attempts sent back">
        {brief.sentBack.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          brief.sentBack.map((s) => (
            <div key={s.id} className="space-y-1 text-sm">
              <p>
                Submitted {s.submittedAt.slice(0, 10)} by {s.agent.text}, sent back{s.decidedBy ? ` by ${s.decidedBy.text}` : ""}
              </p>
              <Data text={s.reviewNote} label="Review note" />
            </div>
          ))
        )}
      </Section>
    </section>
  );
}
