import type { LoggedRequest } from "./types";

/** What a brief shows of a route's real traffic (issue 23): at most this many distinct requests. */
export const MAX_SAMPLES_PER_ROUTE = 20;
/** A logged request target longer than this is cut (a brief is not a log viewer). */
export const MAX_SAMPLE_LENGTH = 500;

/**
 * Keeps, per matched route, the first MAX_SAMPLES_PER_ROUTE distinct request targets (path and
 * query as logged) with how often each came. Bounded: once a route holds its 20, new targets are
 * not added — the known ones are still counted, and under a skewed load the first seen are the
 * frequent ones. Fed by RequestCounter's visitor; strings are made only for matched requests.
 */
export class RequestSamples {
  private readonly perRoute: (Map<string, number> | undefined)[];

  constructor(routes: number) {
    this.perRoute = new Array<Map<string, number> | undefined>(routes);
  }

  readonly visit = (route: number, request: LoggedRequest): void => {
    if (route < 0) return;
    let seen = this.perRoute[route];
    if (seen === undefined) {
      seen = new Map();
      this.perRoute[route] = seen;
    }
    const target = sampleTarget(request.target());
    const count = seen.get(target);
    if (count !== undefined) seen.set(target, count + 1);
    else if (seen.size < MAX_SAMPLES_PER_ROUTE) seen.set(target, 1);
  };

  /** Per route key: [target, count] pairs, most requested first. Routes without requests are left out. */
  byKey(routes: readonly { key: string }[]): Record<string, [string, number][]> {
    const out: Record<string, [string, number][]> = {};
    routes.forEach((route, index) => {
      const seen = this.perRoute[index];
      if (!seen || seen.size === 0) return;
      out[route.key] = [...seen.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    });
    return out;
  }
}

/** Capped, and safe for a text column and JSON: no NUL, no half of a surrogate pair left by the cut. */
export function sampleTarget(raw: string): string {
  let target = raw.length > MAX_SAMPLE_LENGTH ? raw.slice(0, MAX_SAMPLE_LENGTH) : raw;
  const last = target.charCodeAt(target.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) target = target.slice(0, -1);
  return target.includes("\u0000") ? target.replaceAll("\u0000", "\ufffd") : target;
}
