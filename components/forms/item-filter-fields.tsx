import { KIND_LABELS, KINDS } from "@/lib/inventory/labels";

/** The kind, team and owner selects shared by the filter forms of Next targets and Progress. */
export function ItemFilterFields({
  idPrefix,
  values,
  teams,
  owners,
}: {
  idPrefix: string;
  values: { kind?: string; team?: string; owner?: string };
  teams: { id: string; name: string }[];
  owners: { value: string; label: string }[];
}) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-kind`} className="label">
          Kind
        </label>
        <select id={`${idPrefix}-kind`} name="kind" defaultValue={values.kind ?? ""} className="input py-1.5">
          <option value="">All kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-team`} className="label">
          Team
        </label>
        <select id={`${idPrefix}-team`} name="team" defaultValue={values.team ?? ""} className="input py-1.5">
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-owner`} className="label">
          Owner
        </label>
        <select id={`${idPrefix}-owner`} name="owner" defaultValue={values.owner ?? ""} className="input py-1.5">
          <option value="">Anyone</option>
          <option value="none">Nobody (unowned)</option>
          {owners.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
