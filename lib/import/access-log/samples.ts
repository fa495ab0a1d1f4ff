import type { LoggedRequest } from "./types";

/** Per route key: [target, count] pairs. */
export type SamplesByKey = Record<string, [string, number][]>;

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
type Sample = { count: number };
type RouteSamples = { byText: Map<string, Sample>; byHash: Map<number, Sample> };
/** Hash aliases kept per route: targets cut to the same text, or an unlucky collision. */
const MAX_HASHES = 200;

export class RequestSamples {
  private readonly perRoute: (RouteSamples | undefined)[];

  constructor(routes: number) {
    this.perRoute = new Array<RouteSamples | undefined>(routes);
  }

  /**
   * Most requests repeat a target already seen, or go to a route whose 20 are full: both are
   * answered from the target's hash, without making a string (900,000 strings for a 1,000,000-line
   * log cost the CLI ~80 MB of peak memory). A string is made only for a target not seen yet
   * while the route still has room.
   */
  readonly visit = (route: number, request: LoggedRequest): void => {
    if (route < 0) return;
    let seen = this.perRoute[route];
    if (seen === undefined) {
      seen = { byText: new Map(), byHash: new Map() };
      this.perRoute[route] = seen;
    }
    const hash = request.targetHash ? request.targetHash() : null;
    if (hash !== null) {
      const known = seen.byHash.get(hash);
      if (known) {
        known.count++;
        return;
      }
      if (seen.byText.size >= MAX_SAMPLES_PER_ROUTE) return;
    }
    const target = sampleTarget(request.target());
    const sample = seen.byText.get(target);
    if (sample) sample.count++;
    else if (seen.byText.size < MAX_SAMPLES_PER_ROUTE) {
      const fresh = { count: 1 };
      seen.byText.set(target, fresh);
      if (hash !== null) seen.byHash.set(hash, fresh);
      return;
    } else return;
    if (hash !== null && seen.byHash.size < MAX_HASHES) seen.byHash.set(hash, sample);
  };

  /** Per route key: [target, count] pairs, most requested first. Routes without requests are left out. */
  byKey(routes: readonly { key: string }[]): SamplesByKey {
    const out: SamplesByKey = {};
    routes.forEach((route, index) => {
      const seen = this.perRoute[index];
      if (!seen || seen.byText.size === 0) return;
      out[route.key] = [...seen.byText.entries()]
        .map(([path, s]): [string, number] => [path, s.count])
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
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
