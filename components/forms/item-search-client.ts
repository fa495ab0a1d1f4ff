import type { ComboOption } from "./combobox";
import { KIND_SINGULAR } from "@/lib/inventory/labels";

/** The item pickers' question to the server (the session's cookie authenticates it). */
export async function searchProjectItems(projectId: string, text: string, signal: AbortSignal): Promise<ComboOption[]> {
  const url = `/api/v1/projects/${encodeURIComponent(projectId)}/items/search?${new URLSearchParams({ q: text, limit: "10" })}`;
  const res = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`Item search answered ${res.status}.`);
  const body = (await res.json()) as { data: { id: string; kind: keyof typeof KIND_SINGULAR; key: string }[] };
  return body.data.map((i) => ({ value: i.id, label: i.key, detail: KIND_SINGULAR[i.kind] }));
}
