"use client";

import { useRouter } from "next/navigation";
import { orgPath } from "@/lib/projects/paths";

type Org = { slug: string; name: string; role: string };

/** Switches organisation by navigating to its URL: the URL, not a cookie, says which tenant a page shows. */
export function OrgSwitcher({ current, organizations }: { current: string; organizations: Org[] }) {
  const router = useRouter();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="org-switcher" className="sr-only">
        Organisation
      </label>
      <select
        id="org-switcher"
        className="input w-auto max-w-[14rem] py-1.5"
        value={current}
        onChange={(event) => router.push(event.target.value === "__new" ? "/orgs/new" : orgPath(event.target.value))}
      >
        {organizations.map((org) => (
          <option key={org.slug} value={org.slug}>
            {org.name}
          </option>
        ))}
        <option value="__new">+ New organisation…</option>
      </select>
    </div>
  );
}
