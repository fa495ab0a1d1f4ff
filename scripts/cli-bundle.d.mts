/** Builds the command line's bundle into .waypoint/cli; answers how many source files it holds. */
export function buildCliBundle(root: string): Promise<number>;
/** The bundle's entry file, or null when there is none or a source changed after it was built. */
export function freshCliBundle(root: string): string | null;
