/**
 * Reading an uploaded zip of a legacy code base, defensively.
 *
 * The archive is fed to fflate's streaming Unzip in small slices, so each slice of compressed data
 * is inflated (and counted) before the next one is read: a zip bomb is stopped when its running
 * output crosses a limit, with at most one slice's worth of output (about 1,000× the slice for
 * DEFLATE) in memory beyond the limit, never after the whole entry has been inflated.
 * Everything is synchronous: fflate's UnzipInflate calls back within push().
 */
import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import type { ParseIssue } from "./types";

export type ZipLimits = {
  /** Entries of any kind, directories and skipped files included (default 20,000). */
  maxEntries?: number;
  /** Uncompressed bytes of all extracted files together (default 200 MB). */
  maxTotalBytes?: number;
  /** Uncompressed bytes of one file (default 20 MB). */
  maxEntryBytes?: number;
  /** Uncompressed bytes so far ÷ size of the whole archive (default 100). */
  maxRatio?: number;
};

export type ZipEntry = { path: string; bytes: Uint8Array };
export type ZipResult = { ok: true; files: ZipEntry[]; issues: ParseIssue[] } | { ok: false; issue: ParseIssue };

const DEFAULT_LIMITS: Required<ZipLimits> = {
  maxEntries: 20_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 20 * 1024 * 1024,
  maxRatio: 100,
};
/**
 * Below this much output the ratio is not checked: a tiny archive of repetitive text (a CSV of
 * the same few values) legitimately expands more than 100× and cannot hurt anyone.
 */
const RATIO_GRACE_BYTES = 1024 * 1024;
/** Compressed bytes handed to the unzipper at a time; bounds the output of one inflate step. */
const SLICE = 16 * 1024;

/** Folders that never hold the legacy application's own code. Matched as whole path segments. */
const SKIPPED_FOLDERS = new Set(["__MACOSX", ".git", "node_modules", "vendor"]);

/** Thrown from inside fflate's callbacks to abandon the archive; the reason is kept aside. */
class Stop extends Error {}

export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): ZipResult {
  const { maxEntries, maxTotalBytes, maxEntryBytes, maxRatio } = { ...DEFAULT_LIMITS, ...limits };
  const error = (message: string): ZipResult => ({ ok: false, issue: { file, message, severity: "error" } });

  if (!startsLikeZip(bytes)) return error("is not a zip archive");
  // The streaming reader never looks at the central directory; requiring its end record at least
  // rejects a truncated upload instead of silently importing the part that arrived.
  if (!hasEndOfCentralDirectory(bytes)) return error("is not a complete zip archive (it may have been cut off during upload)");

  const files = new Map<string, ZipEntry>();
  const issues: ParseIssue[] = [];
  const unfinished = new Set<string>();
  let entries = 0;
  let totalBytes = 0;
  let failure: string | null = null;
  const stop = (reason: string): never => {
    failure ??= reason;
    throw new Stop(reason);
  };

  const unzip = new Unzip((entry: UnzipFile) => {
    if (failure) stop(failure);
    if (++entries > maxEntries) stop(`has more than ${maxEntries} entries`);
    const path = normalizeEntryPath(entry.name);
    if (path.unsafe) {
      issues.push({ file, message: `skipped "${entry.name}": its path points outside the archive`, severity: "warning" });
      return;
    }
    if (path.skip) return;
    if (entry.originalSize !== undefined && entry.originalSize > maxEntryBytes) {
      // The header may lie, so the running count below is the real guard; this one is just early.
      stop(`"${path.value}" is larger than ${maxEntryBytes} bytes uncompressed`);
    }

    const chunks: Uint8Array[] = [];
    let entryBytes = 0;
    unfinished.add(entry.name);
    entry.ondata = (err, data, final) => {
      if (failure) stop(failure);
      if (err) stop(`"${path.value}" cannot be read (${err.message}): the archive is corrupt or uses an unsupported compression`);
      entryBytes += data.length;
      totalBytes += data.length;
      if (entryBytes > maxEntryBytes) stop(`"${path.value}" is larger than ${maxEntryBytes} bytes uncompressed`);
      if (totalBytes > maxTotalBytes) stop(`expands to more than ${maxTotalBytes} bytes`);
      if (totalBytes > RATIO_GRACE_BYTES && totalBytes > maxRatio * bytes.length) {
        stop(`expands more than ${maxRatio} times its size (a zip bomb?)`);
      }
      if (data.length) chunks.push(data);
      if (final) {
        unfinished.delete(entry.name);
        if (files.has(path.value)) {
          issues.push({ file, message: `"${path.value}" appears twice in the archive; the last copy is used`, severity: "warning" });
        }
        files.set(path.value, { path: path.value, bytes: concat(chunks, entryBytes) });
      }
    };
    entry.start();
  });
  unzip.register(UnzipInflate);

  try {
    for (let offset = 0; offset < bytes.length; offset += SLICE) {
      const end = Math.min(offset + SLICE, bytes.length);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (e) {
    if (failure) return error(failure);
    return error(`is corrupt (${(e as Error).message})`);
  }
  if (failure) return error(failure);
  if (unfinished.size) return error(`is corrupt: "${[...unfinished][0]}" ends early`);
  return { ok: true, files: [...files.values()], issues };
}

/** A local file header ("PK\3\4") or, for an empty archive, the end of central directory ("PK\5\6"). */
function startsLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** The end of central directory record sits in the last 22 bytes, or up to 64 KiB earlier when there is a comment. */
function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) return true;
  }
  return false;
}

type EntryPath = { value: string; unsafe: boolean; skip: boolean };

/** Forward slashes, no empty or "." segments; unsafe when absolute or climbing out with "..". */
export function normalizeEntryPath(name: string): EntryPath {
  const slashed = name.replace(/\\/g, "/");
  const absolute = slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed);
  const segments = slashed.split("/").filter((s) => s !== "" && s !== ".");
  const value = segments.join("/");
  const unsafe = absolute || segments.includes("..");
  const directory = slashed.endsWith("/") || segments.length === 0;
  const skip = directory || segments.slice(0, -1).some((s) => SKIPPED_FOLDERS.has(s));
  return { value, unsafe, skip };
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
