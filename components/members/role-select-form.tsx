"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage } from "@/components/forms/fields";

export function RoleSelectForm({
  action,
  org,
  membershipId,
  role,
  name,
  roles,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  org: string;
  membershipId: string;
  role: string;
  name: string;
  roles: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <label htmlFor={`role-${membershipId}`} className="sr-only">
        Role of {name}
      </label>
      <select id={`role-${membershipId}`} name="role" defaultValue={role} className="input w-auto py-1.5" key={role}>
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <button type="submit" className="btn-secondary py-1.5" disabled={pending}>
        {pending ? "Saving…" : "Change"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
