/**
 * Gives the event loop a turn: long work (reading a big upload, diffing 100,000 rows) awaits this
 * every few milliseconds so that other requests are answered meanwhile (setImmediate runs after
 * pending I/O; a resolved promise would not let any through).
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
