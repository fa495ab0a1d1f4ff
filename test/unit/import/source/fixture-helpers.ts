import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ParseResult, RouteRecord, SourceFile } from "@/lib/import/types";

const FIXTURES = path.resolve(import.meta.dirname, "../../../fixtures/import/source");

/** Every file of a fixture project, with paths relative to its root, in a stable order. */
export function loadFixture(name: string): SourceFile[] {
  const root = path.join(FIXTURES, name);
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
  return walk(root).map((p) => ({ path: path.relative(root, p).split(path.sep).join("/"), text: readFileSync(p, "utf8") }));
}

/** [method, path, handler, "file:line"] per route, in the parser's order. */
export function rows(r: ParseResult<RouteRecord>): Array<[string, string, string | null, string]> {
  return r.records.map((x) => [x.method, x.path, x.handler ?? null, `${x.file}:${x.line}`]);
}
