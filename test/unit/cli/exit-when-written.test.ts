import { expect, test } from "vitest";
import { spawn } from "node:child_process";

/** Runs a script whose stdout is read only after `pauseMs`, as a slow program at the end of a pipe does. */
function slowlyRead(script: string, pauseMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), pauseMs);
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

test("a long output to a pipe is all written before the process exits", async () => {
  const out = await slowlyRead(
    `import { exitWhenWritten } from "${process.cwd()}/bin/exit-when-written.mjs";\nprocess.stdout.write("x".repeat(300000));\nawait exitWhenWritten(0);`,
    1500,
  );
  expect(out.length).toBe(300000);
});

test("(the same output with a plain process.exit is cut: the helper is what keeps it)", async () => {
  const out = await slowlyRead(`process.stdout.write("x".repeat(300000));\nprocess.exit(0);`, 1500);
  expect(out.length).toBeLessThan(300000);
});
