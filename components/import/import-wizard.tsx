"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { UnmatchedPaths } from "./unmatched-paths";

export type Issue = { file: string; line?: number; field?: string; message: string; severity: "error" | "warning" };
type Counts = { new: number; changed: number; unchanged: number; restored: number };
export type Summary = Counts & {
  errors: number;
  warnings: number;
  relations: number;
  teamsToCreate: string[];
  files: number;
  byKind: Record<"ROUTE" | "MODULE" | "DEPENDENCY", Counts>;
  traffic?: { days: number; requests: number; matched: number; unmatched: { method: string; path: string; count: number }[] };
  frameworks?: { framework: string; folder: string; routes: number }[];
  manifests?: { file: string; format: string; dependencies: number }[];
  skipped?: { folder: string; reason: string; files: number }[];
};
type Sample = {
  type: "create" | "update" | "restore";
  kind: string;
  key: string;
  changes: { field: string; fromValue: string | null; toValue: string | null }[];
  file: string;
  line: number;
};
type Preview = { id: string; fileName: string; summary: Summary; issues: Issue[]; samples: Sample[] };
type Phase =
  | { name: "idle" }
  | { name: "uploading"; loaded: number; total: number }
  | { name: "processing" }
  | { name: "failed"; message: string; issues: Issue[] }
  | { name: "preview"; preview: Preview }
  | { name: "committing"; preview: Preview }
  | { name: "committed"; id: string; summary: Summary };

type Props = { projectId: string; inventoryHref: string; formats: { value: string; label: string; needsKind: boolean; streams: boolean; source?: boolean }[] };

const number = new Intl.NumberFormat("en");
const KIND_NAMES = { ROUTE: "Routes", MODULE: "Modules", DEPENDENCY: "Dependencies" } as const;

/** Upload → preview → commit, with a real progress bar for the upload (access logs can be large). */
export function ImportWizard({ projectId, inventoryHref, formats }: Props) {
  const router = useRouter();
  const [format, setFormat] = useState(formats[0].value);
  const [kind, setKind] = useState("routes");
  const [folder, setFolder] = useState(false);
  const [includeSkipped, setIncludeSkipped] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);
  const chosen = formats.find((f) => f.value === format)!;
  const base = `/api/v1/projects/${projectId}/imports`;

  function upload(event: React.FormEvent) {
    event.preventDefault();
    const files = [...(fileInput.current?.files ?? [])];
    if (files.length === 0) {
      setPhase({ name: "failed", message: "Choose a file (or a folder) to import.", issues: [] });
      return;
    }
    const params = new URLSearchParams({ format, fileName: files.length === 1 ? files[0].name : `${files.length} files` });
    if (chosen.needsKind || (format === "json" && kind)) params.set("kind", kind);
    if (chosen.source && includeSkipped) params.set("includeSkipped", "true");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base}?${params}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => setPhase({ name: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.upload.onload = () => setPhase({ name: "processing" });
    xhr.onerror = () => setPhase({ name: "failed", message: "The upload did not reach the server. Check the connection and try again.", issues: [] });
    xhr.onload = () => {
      const body = xhr.response as (Preview & { error?: { message: string; details?: { issues?: Issue[] } } }) | null;
      if (xhr.status === 201 && body) setPhase({ name: "preview", preview: body });
      else setPhase({ name: "failed", message: body?.error?.message ?? `The server answered ${xhr.status}.`, issues: body?.error?.details?.issues ?? [] });
    };
    setPhase({ name: "uploading", loaded: 0, total: files.reduce((n, f) => n + f.size, 0) });
    if (files.length === 1 && !folder) {
      // One file goes as the raw body, so an access log streams into the counter.
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.send(files[0]);
    } else {
      const form = new FormData();
      for (const f of files) form.append("file", f, (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name);
      xhr.send(form);
    }
  }

  async function commit(preview: Preview) {
    setPhase({ name: "committing", preview });
    const response = await fetch(`${base}/${preview.id}/commit`, { method: "POST" }).catch(() => null);
    const body = await response?.json().catch(() => null);
    if (response?.ok) {
      setPhase({ name: "committed", id: preview.id, summary: body.summary });
      router.refresh();
    } else setPhase({ name: "failed", message: body?.error?.message ?? "Committing failed; nothing was written.", issues: body?.error?.details?.issues ?? [] });
  }

  async function discard(preview: Preview) {
    await fetch(`${base}/${preview.id}`, { method: "DELETE" }).catch(() => null);
    setPhase({ name: "idle" });
    router.refresh();
  }

  const busy = phase.name === "uploading" || phase.name === "processing" || phase.name === "committing";
  return (
    <div className="space-y-6">
      <form onSubmit={upload} className="card grid gap-4 sm:grid-cols-2" aria-label="Upload a file to import">
        <div>
          <label htmlFor="import-format" className="label">
            What are you importing?
          </label>
          <select id="import-format" className="input" value={format} onChange={(e) => setFormat(e.target.value)} disabled={busy}>
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {chosen.needsKind || format === "json" ? (
          <div>
            <label htmlFor="import-kind" className="label">
              Rows are
            </label>
            <select id="import-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value)} disabled={busy}>
              <option value="routes">Routes</option>
              <option value="modules">Modules</option>
              <option value="dependencies">Dependencies</option>
              {format === "json" ? <option value="">Several kinds ({"{ routes, modules, dependencies }"})</option> : null}
            </select>
          </div>
        ) : (
          <div />
        )}
        <div className="sm:col-span-2">
          <label htmlFor="import-file" className="label">
            {folder ? "Folder" : "File"}
          </label>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-600 file:px-3 file:py-2 file:text-white"
            multiple={folder}
            disabled={busy}
            {...(folder ? { webkitdirectory: "", directory: "" } : {})}
          />
          <p className="mt-1 text-xs text-slate-500">
            A single file, a .zip of a repository{chosen.streams ? ", or a log of any size (plain or .gz)" : ""}.{" "}
            <label className="inline-flex items-center gap-1">
              <input type="checkbox" checked={folder} onChange={(e) => setFolder(e.target.checked)} disabled={busy} /> choose a folder instead
            </label>
            {chosen.source ? (
              <>
                {" "}
                <label className="inline-flex items-center gap-1">
                  <input type="checkbox" checked={includeSkipped} onChange={(e) => setIncludeSkipped(e.target.checked)} disabled={busy} /> also read tests,
                  examples, docs and static files
                </label>
              </>
            ) : null}
          </p>
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary" disabled={busy}>
            Upload and preview
          </button>
        </div>
      </form>

      {phase.name === "uploading" ? (
        <div className="card" aria-live="polite">
          <p className="mb-2 text-sm">
            Uploading… {phase.total ? `${Math.floor((phase.loaded / phase.total) * 100)}%` : `${number.format(phase.loaded)} bytes`}
          </p>
          <progress className="h-2 w-full" value={phase.loaded} max={phase.total || undefined} aria-label="Upload progress" />
        </div>
      ) : null}
      {phase.name === "processing" || phase.name === "committing" ? (
        <div className="card" aria-live="polite" aria-busy="true">
          <p className="mb-2 text-sm">
            {phase.name === "processing" ? "Reading the upload and comparing it with the inventory…" : "Committing in one transaction…"}
          </p>
          <progress className="h-2 w-full" aria-label="Working" />
        </div>
      ) : null}

      {phase.name === "failed" ? (
        <div role="alert" className="card border-red-200 bg-red-50">
          <p className="font-medium text-red-900">{phase.message}</p>
          {phase.issues.length ? <IssueTable issues={phase.issues} /> : null}
        </div>
      ) : null}

      {phase.name === "preview" || phase.name === "committing" ? (
        <PreviewPanel preview={phase.preview} busy={busy} onCommit={() => commit(phase.preview)} onDiscard={() => discard(phase.preview)} />
      ) : null}

      {phase.name === "committed" ? (
        <div role="status" className="card border-green-200 bg-green-50">
          <p className="font-medium text-green-900">
            Imported: {phase.summary.new} new, {phase.summary.changed} changed, {phase.summary.restored} restored, {phase.summary.unchanged} unchanged.
          </p>
          <p className="mt-2 text-sm">
            <Link href={inventoryHref}>Open the inventory</Link> ·{" "}
            <button type="button" className="underline" onClick={() => setPhase({ name: "idle" })}>
              Import another file
            </button>
          </p>
        </div>
      ) : null}
      {phase.name === "committed" && phase.summary.traffic?.unmatched.length ? (
        <section className="card text-sm" aria-label="Paths that match no route">
          <UnmatchedPaths importUrl={`${base}/${phase.id}`} unmatched={phase.summary.traffic.unmatched} days={phase.summary.traffic.days} />
        </section>
      ) : null}
    </div>
  );
}

function PreviewPanel({ preview, busy, onCommit, onDiscard }: { preview: Preview; busy: boolean; onCommit: () => void; onDiscard: () => void }) {
  const s = preview.summary;
  const nothing = s.new + s.changed + s.restored + s.relations === 0;
  return (
    <section className="card space-y-4" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Preview of {preview.fileName}
      </h2>
      <div className="grid gap-3 sm:grid-cols-4" data-testid="import-summary">
        <Stat label="New" value={s.new} />
        <Stat label="Changed" value={s.changed} />
        <Stat label="Unchanged" value={s.unchanged} />
        <Stat label="Restored" value={s.restored} />
      </div>
      <table className="text-sm">
        <caption className="sr-only">By kind</caption>
        <thead>
          <tr className="text-left text-slate-600">
            <th className="pr-6 font-medium">Kind</th>
            <th className="pr-6 font-medium">New</th>
            <th className="pr-6 font-medium">Changed</th>
            <th className="font-medium">Unchanged</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(s.byKind) as (keyof typeof KIND_NAMES)[])
            .filter((k) => s.byKind[k].new + s.byKind[k].changed + s.byKind[k].unchanged + s.byKind[k].restored > 0)
            .map((k) => (
              <tr key={k}>
                <th scope="row" className="pr-6 text-left font-normal">
                  {KIND_NAMES[k]}
                </th>
                <td className="pr-6">{s.byKind[k].new}</td>
                <td className="pr-6">{s.byKind[k].changed}</td>
                <td>{s.byKind[k].unchanged}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <SourceFindings summary={s} />
      {s.relations ? <p className="text-sm">{s.relations} relations (route uses module, module needs dependency) will be recorded.</p> : null}
      {s.teamsToCreate.length ? <p className="text-sm">New teams will be created for owners: {s.teamsToCreate.join(", ")}.</p> : null}
      {s.traffic ? (
        <div className="text-sm">
          <p>
            {number.format(s.traffic.requests)} requests over {s.traffic.days} day(s); {number.format(s.traffic.matched)} (
            {s.traffic.requests ? Math.round((s.traffic.matched / s.traffic.requests) * 100) : 0}%) matched a route. Traffic is stored per day.
          </p>
          {s.traffic.unmatched.length ? (
            <details className="mt-2">
              <summary className="cursor-pointer">
                Most requested paths that match no route ({s.traffic.unmatched.length}) — once committed, you can add them to the inventory
              </summary>
              <ul className="mt-2 max-h-60 overflow-y-auto font-mono text-xs">
                {s.traffic.unmatched.map((u) => (
                  <li key={`${u.method} ${u.path}`}>
                    {number.format(u.count)} × {u.method} {u.path}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      {preview.samples.length ? (
        <details open={preview.samples.length <= 10}>
          <summary className="cursor-pointer text-sm font-medium">What will change (first {preview.samples.length})</summary>
          <ul className="mt-2 max-h-80 space-y-1 overflow-y-auto text-sm">
            {preview.samples.map((x) => (
              <li key={`${x.kind} ${x.key}`}>
                <span className={`mr-2 rounded px-1.5 text-xs ${x.type === "create" ? "bg-green-100" : x.type === "restore" ? "bg-sky-100" : "bg-amber-100"}`}>
                  {x.type === "create" ? "new" : x.type === "restore" ? "restored" : "changed"}
                </span>
                <span className="font-mono text-xs">{x.key}</span>
                {x.changes.length ? (
                  <span className="text-xs text-slate-600">
                    {" "}
                    — {x.changes.map((c) => `${c.field}: ${c.fromValue ?? "∅"} → ${c.toValue ?? "∅"}`).join("; ")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {preview.issues.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-amber-800">{preview.issues.length} warning(s)</summary>
          <IssueTable issues={preview.issues} />
        </details>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className="btn-primary" onClick={onCommit} disabled={busy || nothing}>
          {nothing ? "Nothing to change" : "Commit import"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDiscard} disabled={busy}>
          Discard
        </button>
      </div>
    </section>
  );
}

const FRAMEWORK_NAMES: Record<string, string> = {
  flask: "Flask",
  fastapi: "FastAPI",
  django: "Django",
  express: "Express",
  rails: "Rails",
  laravel: "Laravel",
};

/** Source code: which framework gave routes in which folder, and what was skipped as never served. */
export function SourceFindings({ summary: s }: { summary: Summary }) {
  if (!s.frameworks?.length && !s.skipped?.length && !s.manifests?.length) return null;
  const skipped = s.skipped?.reduce((n, x) => n + x.files, 0) ?? 0;
  return (
    <div className="text-sm" data-testid="import-frameworks">
      {s.frameworks?.length ? (
        <p>
          Framework detected:{" "}
          {s.frameworks.map((f, n) => (
            <span key={`${f.framework} ${f.folder}`}>
              {n ? ", " : ""}
              <strong>{FRAMEWORK_NAMES[f.framework] ?? f.framework}</strong> in{" "}
              <span className="font-mono text-xs">{f.folder === "." ? "the top folder" : `${f.folder}/`}</span> ({number.format(f.routes)} route
              {f.routes === 1 ? "" : "s"})
            </span>
          ))}
          .
        </p>
      ) : null}
      {s.manifests?.length ? (
        <p data-testid="import-manifests">
          Dependencies read from{" "}
          {s.manifests.map((m, n) => (
            <span key={m.file}>
              {n ? ", " : ""}
              <span className="font-mono text-xs">{m.file}</span> ({number.format(m.dependencies)})
            </span>
          ))}
          .
        </p>
      ) : null}
      {skipped ? (
        <details className="mt-1">
          <summary className="cursor-pointer">{number.format(skipped)} source file(s) skipped: tests, examples, docs and static files are never served</summary>
          <ul className="mt-1 font-mono text-xs">
            {s.skipped!.map((x) => (
              <li key={`${x.folder} ${x.reason}`}>
                {x.folder ? `${x.folder}/` : "(by name)"} — {x.reason}, {number.format(x.files)}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-600">
            To read them too, tick “also read tests, examples, docs and static files” (API: <code>includeSkipped=true</code>, command line:{" "}
            <code>--include-skipped</code>).
          </p>
        </details>
      ) : null}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <p className="text-xs text-slate-600">{label}</p>
      <p className="text-xl font-semibold tabular-nums">{number.format(value)}</p>
    </div>
  );
}

export function IssueTable({ issues }: { issues: Issue[] }) {
  return (
    <div className="mt-3 max-h-96 overflow-auto">
      <table className="w-full text-sm" data-testid="import-issues">
        <thead>
          <tr className="text-left text-slate-600">
            <th className="pr-3 font-medium">File</th>
            <th className="pr-3 font-medium">Line</th>
            <th className="pr-3 font-medium">Field</th>
            <th className="font-medium">Problem</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, n) => (
            <tr key={n} className="border-t border-slate-200 align-top">
              <td className="pr-3 font-mono text-xs">{i.file}</td>
              <td className="pr-3 tabular-nums">{i.line ?? ""}</td>
              <td className="pr-3">{i.field ?? ""}</td>
              <td>
                {i.severity === "warning" ? <span className="mr-1 text-amber-700">warning:</span> : null}
                {i.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
