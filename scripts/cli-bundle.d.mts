/** Builds the command line's bundle into `out` (default .waypoint/cli); answers how many source files it holds. */
export function buildCliBundle(root: string, out?: string): Promise<number>;
/** The bundle's entry file, or null when there is none or a source changed after it was built. */
export function freshCliBundle(root: string, out?: string): string | null;
