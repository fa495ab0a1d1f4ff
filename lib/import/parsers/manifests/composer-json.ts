/**
 * composer.json: "require" and "require-dev" (dev: true).
 * Platform requirements are not packages and are skipped: php itself, its extensions (ext-*),
 * system libraries (lib-*), and composer's own APIs. Names are lower-cased, as Composer compares them.
 */
import type { DependencyRecord, ParseResult, SourceFile } from "../../types";
import { readJsonManifest } from "./package-json";

const PLATFORM = /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|composer|composer-plugin-api|composer-runtime-api|ext-.+|lib-.+)$/;

export function parseComposerJson(file: SourceFile): ParseResult<DependencyRecord> {
  return readJsonManifest(file, {
    ecosystem: "composer",
    sections: [
      { key: "require", dev: false },
      { key: "require-dev", dev: true },
    ],
    normalizeName: (name) => name.toLowerCase(),
    skip: (name) => PLATFORM.test(name),
  });
}
