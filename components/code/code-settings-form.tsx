"use client";

import { useState } from "react";
import type { CallResult } from "@/lib/actions/org-action";
import { FieldErrors as Errors, FormOutcome, useFieldForm } from "@/components/forms/use-field-form";

export type CodeSettingsValues = {
  prefixMap: { legacy: string; new: string }[];
  manualLinks: { legacy: string; new: string }[];
  ownerTeams: { owner: string; teamId: string }[];
  autoAcceptScope: boolean;
  autoApplyStatus: boolean;
  driftDays: number;
};

type Save = (settings: Record<string, unknown>) => Promise<CallResult<{ saved: true }>>;

type PairKey = "prefixMap" | "manualLinks";

const PAIRS: Record<PairKey, { title: string; help: string; legacy: string; next: string; legacyPlaceholder: string; nextPlaceholder: string; add: string }> = {
  prefixMap: {
    title: "Prefix map",
    help: "How a legacy path becomes the new one: the longest legacy prefix that covers a path is replaced, whole segments only.",
    legacy: "Legacy prefix",
    next: "New prefix",
    legacyPlaceholder: "/api/",
    nextPlaceholder: "/api/v2/",
    add: "Add a prefix",
  },
  manualLinks: {
    title: "Manual links",
    help: "Renamed routes: a legacy route and the new route that serves it. A link wins over the prefix map.",
    legacy: "Legacy route",
    next: "New route",
    legacyPlaceholder: "GET /profile",
    nextPlaceholder: "GET /app/account",
    add: "Add a link",
  },
};

/**
 * The project's code settings as a form: the prefix map, manual links, the CODEOWNERS owner → team
 * table, the automatic switches and the drift delay. Rows are added and removed with buttons; the
 * server's messages come back to their fields ("prefixMap.0.legacy").
 */
export function CodeSettingsForm({ initial, teams, save }: { initial: CodeSettingsValues; teams: { id: string; name: string }[]; save: Save }) {
  const [form, setForm] = useState<CodeSettingsValues>(initial);
  const [driftDays, setDriftDays] = useState(String(initial.driftDays));
  const { fid, err, aria, message, pending, submit: run } = useFieldForm(() => "Code settings saved. They apply from the next scan.");

  const setPair = (key: PairKey, index: number, side: "legacy" | "new", value: string) =>
    setForm((f) => ({ ...f, [key]: f[key].map((r, i) => (i === index ? { ...r, [side]: value } : r)) }));
  const setOwner = (index: number, change: Partial<{ owner: string; teamId: string }>) =>
    setForm((f) => ({ ...f, ownerTeams: f.ownerTeams.map((r, i) => (i === index ? { ...r, ...change } : r)) }));

  const submit = () =>
    run(() => {
      const days = driftDays.trim() === "" ? Number.NaN : Number(driftDays);
      return save({ ...form, driftDays: Number.isFinite(days) ? days : driftDays });
    });

  return (
    <form
      className="space-y-6"
      aria-label="Code settings"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {(Object.keys(PAIRS) as PairKey[]).map((key) => {
        const p = PAIRS[key];
        return (
          <fieldset key={key} className="space-y-3 rounded-md border border-slate-200 p-4">
            <legend className="px-1 text-base font-semibold">{p.title}</legend>
            <p className="text-sm text-slate-600">{p.help}</p>
            <Errors id={fid(key)} messages={err(key)} />
            <ol className="space-y-2">
              {form[key].map((row, i) => (
                <li key={i} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto]" aria-label={`${p.title} row ${i + 1}`}>
                  {(["legacy", "new"] as const).map((side) => {
                    const path = `${key}.${i}.${side}`;
                    return (
                      <div key={side}>
                        <label htmlFor={fid(path)} className="label">
                          {side === "legacy" ? p.legacy : p.next}
                        </label>
                        <input
                          id={fid(path)}
                          className="input font-mono"
                          value={row[side]}
                          placeholder={side === "legacy" ? p.legacyPlaceholder : p.nextPlaceholder}
                          onChange={(e) => setPair(key, i, side, e.target.value)}
                          {...aria(path)}
                        />
                        <Errors id={`${fid(path)}-error`} messages={err(path)} />
                      </div>
                    );
                  })}
                  <div className="flex items-end">
                    <button
                      type="button"
                      className="btn-secondary"
                      onClick={() => setForm((f) => ({ ...f, [key]: f[key].filter((_, j) => j !== i) }))}
                      aria-label={`Remove ${p.title.toLowerCase()} row ${i + 1}`}
                    >
                      Remove
                    </button>
                  </div>
                </li>
              ))}
            </ol>
            <button type="button" className="btn-secondary" onClick={() => setForm((f) => ({ ...f, [key]: [...f[key], { legacy: "", new: "" }] }))}>
              {p.add}
            </button>
          </fieldset>
        );
      })}

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-base font-semibold">Owners from CODEOWNERS</legend>
        <p className="text-sm text-slate-600">
          Which team each CODEOWNERS owner stands for. The team is suggested for routes nobody owns; a person&apos;s choice always wins.
        </p>
        {teams.length === 0 ? <p className="text-sm text-slate-600">This organisation has no teams yet.</p> : null}
        <ol className="space-y-2">
          {form.ownerTeams.map((row, i) => (
            <li key={i} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto]" aria-label={`Owner row ${i + 1}`}>
              <div>
                <label htmlFor={fid(`ownerTeams.${i}.owner`)} className="label">
                  CODEOWNERS owner
                </label>
                <input
                  id={fid(`ownerTeams.${i}.owner`)}
                  className="input font-mono"
                  value={row.owner}
                  placeholder="@acme/orders"
                  onChange={(e) => setOwner(i, { owner: e.target.value })}
                  {...aria(`ownerTeams.${i}.owner`)}
                />
                <Errors id={`${fid(`ownerTeams.${i}.owner`)}-error`} messages={err(`ownerTeams.${i}.owner`)} />
              </div>
              <div>
                <label htmlFor={fid(`ownerTeams.${i}.teamId`)} className="label">
                  Team
                </label>
                <select
                  id={fid(`ownerTeams.${i}.teamId`)}
                  className="input"
                  value={row.teamId}
                  onChange={(e) => setOwner(i, { teamId: e.target.value })}
                  {...aria(`ownerTeams.${i}.teamId`)}
                >
                  <option value="">Choose a team</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
                <Errors id={`${fid(`ownerTeams.${i}.teamId`)}-error`} messages={err(`ownerTeams.${i}.teamId`)} />
              </div>
              <div className="flex items-end">
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => setForm((f) => ({ ...f, ownerTeams: f.ownerTeams.filter((_, j) => j !== i) }))}
                  aria-label={`Remove owner row ${i + 1}`}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button type="button" className="btn-secondary" onClick={() => setForm((f) => ({ ...f, ownerTeams: [...f.ownerTeams, { owner: "", teamId: "" }] }))}>
          Add an owner
        </button>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-base font-semibold">Automatic decisions and drift</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={form.autoAcceptScope} onChange={(e) => setForm((f) => ({ ...f, autoAcceptScope: e.target.checked }))} />
          <span>Accept additions and retirements from the legacy code automatically (history still names the commit).</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={form.autoApplyStatus} onChange={(e) => setForm((f) => ({ ...f, autoApplyStatus: e.target.checked }))} />
          <span>Set Ported automatically when a route is found in the new code.</span>
        </label>
        <div className="max-w-xs">
          <label htmlFor={fid("driftDays")} className="label">
            Days a match may wait while Not started
          </label>
          <input
            id={fid("driftDays")}
            className="input"
            inputMode="numeric"
            value={driftDays}
            onChange={(e) => setDriftDays(e.target.value)}
            {...aria("driftDays")}
          />
          <Errors id={`${fid("driftDays")}-error`} messages={err("driftDays")} />
        </div>
      </fieldset>

      <FormOutcome message={message} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save code settings"}
      </button>
    </form>
  );
}
