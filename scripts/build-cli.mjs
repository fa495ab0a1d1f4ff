// `npm run build:cli`: bundles the command line (see cli-bundle.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCliBundle } from "./cli-bundle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const started = performance.now();
const { files } = await buildCliBundle(root);
console.log(`Bundled the command line (${files} source files) in ${Math.round(performance.now() - started)} ms.`);
