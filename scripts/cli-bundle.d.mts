import type { Metafile } from "esbuild";

/** Builds the command line's bundle under `base` (default .waypoint/cli) and makes it current. */
export function buildCliBundle(root: string, base?: string): Promise<{ files: number; dir: string; metafile: Metafile }>;
/** The current bundle's entry file, or null when there is none or a source differs from when it was built. */
export function freshCliBundle(root: string, base?: string): string | null;
