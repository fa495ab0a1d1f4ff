/**
 * Ends the process once what it wrote is out. Output to a pipe is written asynchronously, and
 * `process.exit` drops what is still queued: a long `waypoint import --json` document piped to
 * another program was cut at 64 KiB.
 */
export async function exitWhenWritten(code) {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
  process.exit(code);
}
