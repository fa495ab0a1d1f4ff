"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormMessage, SubmitButton } from "@/components/forms/fields";

export function AddTeamMemberForm({
  action,
  org,
  teamId,
  teamName,
  people,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  org: string;
  teamId: string;
  teamName: string;
  people: { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(action, null);
  if (people.length === 0) return null;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="teamId" value={teamId} />
      <label htmlFor={`add-${teamId}`} className="sr-only">
        Add a member to {teamName}
      </label>
      <select id={`add-${teamId}`} name="userId" className="input w-auto py-1.5" required defaultValue="">
        <option value="" disabled>
          Add a person…
        </option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <SubmitButton className="btn-secondary py-1.5" pendingText="Adding…">
        Add
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
