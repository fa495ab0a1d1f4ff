/** Limits of the access-log count (see the module comments of ../access-log.ts). */
export const DEFAULT_MAX_LINE_LENGTH = 65_536;
export const DEFAULT_TOP_UNMATCHED = 50;
/** If none of the first non-empty lines is a log line, the file is something else (a CSV, binary). */
export const FORMAT_PROBE_LINES = 1_000;
export const MAX_MALFORMED_WARNINGS = 20;
/** Distinct unmatched "METHOD path" counted; past it only known ones are (scanners try millions). */
export const MAX_UNMATCHED_PATHS = 100_000;
/** How far past the limit an over-long line is read just to tell its length. */
export const LONG_LINE_MEASURE_FACTOR = 16;
export const QUOTE_CHARS = 80;
