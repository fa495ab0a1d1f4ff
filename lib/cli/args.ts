import { parseArgs } from "node:util";
import { CliError } from "./cli-error";

type Options = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/** Parses `--name value` options; unknown options are an error that names them. */
export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** A whole number option within [min, max]; `fallback` when absent. */
export function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} is a whole number from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}, not "${value}".`);
  return n;
}

/** A number option within [min, max]; `fallback` when absent. */
export function numberOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) throw new CliError(`--${name} is a number from ${min} to ${max}, not "${value}".`);
  return n;
}
