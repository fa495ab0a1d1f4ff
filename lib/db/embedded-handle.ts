import type { PGlite } from "@electric-sql/pglite";

/**
 * The embedded database is shared through globalThis: the CLI process that starts the server
 * opens it, and the Next.js bundle (which has its own copy of these modules) must reuse that
 * same PGlite rather than open the folder a second time. Type-only import: reading the handle
 * does not load PGlite.
 */
export type EmbeddedHandle = { dataDir: string; pglite: PGlite; release: () => void; ready: Promise<void> };
const shared = globalThis as unknown as { __waypointEmbedded?: EmbeddedHandle };

export function embeddedHandle(): (EmbeddedHandle & { close: () => Promise<void> }) | null {
  const handle = shared.__waypointEmbedded;
  if (!handle) return null;
  return {
    ...handle,
    close: async () => {
      shared.__waypointEmbedded = undefined;
      await handle.pglite.close().catch(() => undefined);
      handle.release();
    },
  };
}

export function setEmbeddedHandle(handle: EmbeddedHandle) {
  shared.__waypointEmbedded = handle;
}
