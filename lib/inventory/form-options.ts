import type { Db } from "@/lib/db/client";
import type { OrgContext } from "@/lib/tenancy";
import { ownerOptions } from "@/lib/teams/teams";
import { HTTP_METHODS } from "./schemas";
import { READINESS_LABELS, READINESS_ORDER, SERVED_BY_LABELS, SERVED_BY_ORDER, STATUS_LABELS, STATUS_ORDER } from "./labels";

/** The choices of the item form: methods, statuses, readiness, served-by, and the organisation's owners. */
export async function itemFormOptions(db: Db, ctx: OrgContext) {
  return {
    methods: [...HTTP_METHODS],
    statuses: STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    readiness: READINESS_ORDER.map((r) => ({ value: r, label: READINESS_LABELS[r] })),
    servedBy: SERVED_BY_ORDER.map((s) => ({ value: s, label: SERVED_BY_LABELS[s] })),
    owners: (await ownerOptions(db, ctx)).map(({ value, label }) => ({ value, label })),
  };
}
