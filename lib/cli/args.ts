import { parseArgs } from "node:util";
import { CliError } from "./cli-error";

type Options = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Parses `--name value` options; unknown options are an error that names them. */
export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
