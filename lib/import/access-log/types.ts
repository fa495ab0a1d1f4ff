import type { ParseIssue } from "../types";

export type AccessLogOptions = {
  /** The file name, as the user knows it: it names every issue. */
  file: string;
  /** Longer lines are an error that stops the count (default 65,536 bytes). */
  maxLineLength?: number;
  /** How many of the most requested unmatched paths to list (default 50). */
  topUnmatched?: number;
  /**
   * Called for every request line, with the index of the route it matched (-1: none), as it is
   * counted: the replay samples requests this way. The request's bytes are valid only during the
   * call; its strings are made on demand, so a visitor that skips most lines costs little.
   */
  onRequest?: RequestVisitor;
};

/** One request line of the log, read during a `RequestVisitor` call. */
export type LoggedRequest = {
  /** "GET", "POST"…: shared strings for the usual methods. */
  method(): string;
  /** The request target as logged (path and query string, still percent-encoded). */
  target(): string;
  /** A 32-bit hash of the target's bytes, without making a string (the brief's samples count repeats with it). */
  targetHash?(): number;
};
export type RequestVisitor = (route: number, request: LoggedRequest) => void;

export type UnmatchedPath = { method: string; path: string; count: number };

export type AccessLogCount = {
  /** Lines read, blank and malformed ones included (up to the error that stopped the count, if any). */
  lines: number;
  /** Lines with a valid request: matched + unmatched. */
  requests: number;
  matched: number;
  /** Requests per route, same index as the `routes` argument. */
  perRoute: number[];
  /** The most requested unmatched paths, most first. */
  unmatched: UnmatchedPath[];
  /** Earliest and latest timestamp of the log lines (not necessarily the first and last line). */
  firstAt: Date | null;
  lastAt: Date | null;
  /** Non-blank lines that are not a log line, or whose request is "-" or not HTTP. */
  malformed: number;
  issues: ParseIssue[];
};
