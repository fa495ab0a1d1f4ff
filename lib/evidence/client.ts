/**
 * Where the smoke test and the replay get their routes and send their evidence: two small
 * interfaces, implemented over Waypoint's HTTP API for the command line (`WaypointApi`) and in
 * memory by the tests.
 */
import { evidenceBatchSchema, EVIDENCE_LIMITS, type EvidenceRecordInput } from "./schemas";

/** A route of the inventory, as the checks need it. */
export type RouteTarget = {
  id?: string;
  /** "GET /users/<id>": the item's key. */
  key: string;
  method: string;
  /** The canonical pattern ("/users/<id>", or a regex source starting with "^/"). */
  path: string;
  status?: string;
  /** Concrete paths to request for it ("/users/42"), when the inventory has some. */
  examples?: string[];
};

export interface SmokeSource {
  /** Every route of the project. */
  routes(): Promise<RouteTarget[]>;
}

export interface EvidenceSink {
  /** Records the evidence; resolves with how many records were accepted. */
  post(records: EvidenceRecordInput[]): Promise<{ accepted: number }>;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type WaypointApiOptions = {
  /** The Waypoint instance, e.g. https://waypoint.internal (no /api/v1). */
  url: string;
  projectId: string;
  token: string;
  timeoutMs?: number;
};

const PAGE = 100;

/** `SmokeSource` and `EvidenceSink` over Waypoint's API, with a project token. */
export class WaypointApi implements SmokeSource, EvidenceSink {
  private readonly base: string;
  constructor(private readonly options: WaypointApiOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new ApiError(`The Waypoint URL "${options.url}" is not a URL.`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new ApiError(`The Waypoint URL must be http(s): ${options.url}`);
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, "")}/api/v1/projects/${encodeURIComponent(options.projectId)}`;
  }

  async routes(): Promise<RouteTarget[]> {
    const routes: RouteTarget[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: String(PAGE), sort: "key", ...(cursor ? { cursor } : {}) });
      const page = (await this.call("GET", `/routes?${query}`)) as { data?: unknown[]; nextCursor?: string | null };
      if (!Array.isArray(page.data)) throw new ApiError("The API's route list has no data array: is the URL a Waypoint instance?");
      for (const row of page.data) routes.push(toRouteTarget(row));
      cursor = page.nextCursor ?? null;
    } while (cursor);
    return routes;
  }

  async post(records: EvidenceRecordInput[]): Promise<{ accepted: number }> {
    let accepted = 0;
    for (const slice of batches(records)) {
      const batch = { records: slice };
      // Checked here first: a bad record is our bug, and is better told before anything is sent.
      const checked = evidenceBatchSchema.safeParse(batch);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new ApiError(`A record to post is invalid (${issue.path.join(".")}: ${issue.message}).`);
      }
      const answer = (await this.call("POST", "/evidence/batch", batch)) as { accepted?: number; data?: unknown[] };
      accepted += typeof answer.accepted === "number" ? answer.accepted : Array.isArray(answer.data) ? answer.data.length : batch.records.length;
    }
    return { accepted };
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = `${this.base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: "application/json",
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ApiError(`${method} ${url}: ${cause ?? (error as Error).message}`);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below
    }
    if (!response.ok) {
      const apiMessage = (json as { error?: { message?: string } } | null)?.error?.message;
      throw new ApiError(`${method} ${url} answered ${response.status}${apiMessage ? `: ${apiMessage}` : ""}`, response.status);
    }
    if (json === null) throw new ApiError(`${method} ${url} answered ${response.status} without JSON.`, response.status);
    return json;
  }
}

/**
 * Splits records into batches the endpoint takes: at most `recordsPerBatch` records and at most
 * half the batch body limit in JSON (replay records carry their worst examples in the summary).
 */
export function batches<T>(records: readonly T[], maxBytes = EVIDENCE_LIMITS.batchBodyBytes / 2): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record), "utf8") + 1;
    if (current.length > 0 && (current.length >= EVIDENCE_LIMITS.recordsPerBatch || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function toRouteTarget(row: unknown): RouteTarget {
  const r = row as { id?: unknown; key?: unknown; method?: unknown; path?: unknown; status?: unknown; examples?: unknown };
  if (typeof r.key !== "string" || typeof r.method !== "string" || typeof r.path !== "string")
    throw new ApiError("A route in the API's list has no key, method or path.");
  return {
    ...(typeof r.id === "string" && { id: r.id }),
    key: r.key,
    method: r.method,
    path: r.path,
    ...(typeof r.status === "string" && { status: r.status }),
    ...(Array.isArray(r.examples) && { examples: r.examples.filter((e): e is string => typeof e === "string") }),
  };
}
