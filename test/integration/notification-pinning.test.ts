/**
 * Outbound sends go to the address that was checked (DNS pinning, issue 17 leftovers): a webhook
 * whose host resolves to a private address is refused and logged as a failed attempt with a clear
 * error; WAYPOINT_ALLOW_PRIVATE_WEBHOOKS=1 lets a receiver on this machine work; the request
 * connects to the pinned IP while HTTP and TLS still see the host name (SNI, certificate check).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import tls from "node:tls";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { testDb } from "../helpers/db";
import { newAdmin, newProject } from "../helpers/factories";
import { startHttp } from "../helpers/receivers";
import type { Db } from "@/lib/db/client";
import { deliverNotification } from "@/lib/notifications/deliver";
import { createWebhookEndpoint, listDeliveries } from "@/lib/notifications/channels";
import { notifyEvent } from "@/lib/notifications/notify-event";
import { postJson } from "@/lib/notifications/pinned-post";

let receiver: Awaited<ReturnType<typeof startHttp>>;
beforeAll(async () => {
  process.env.WAYPOINT_SECRET_KEY = randomBytes(32).toString("base64");
  receiver = await startHttp(() => 204);
});
beforeEach(() => {
  delete process.env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS;
});
afterAll(async () => {
  await receiver.close();
  delete process.env.WAYPOINT_SECRET_KEY;
  delete process.env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS;
});

/** An endpoint at `url` and one event queued for it: the delivery's job data. */
async function queuedDelivery(db: Db, url: string) {
  const admin = await newAdmin(db);
  const project = await newProject(db, admin.ctx);
  const endpoint = await createWebhookEndpoint(db, admin.ctx, null, { url });
  await db.$transaction((tx) =>
    notifyEvent(tx, {
      organizationId: admin.organization.id,
      projectId: project.id,
      event: "import.finished",
      subjectId: "s",
      recipients: [],
      title: "Imported",
    }),
  );
  const delivery = await db.notificationDelivery.findFirstOrThrow({ where: { organizationId: admin.organization.id, channel: "webhook" } });
  return { admin, endpoint, job: { organizationId: admin.organization.id, deliveryId: delivery.id, attempt: 1 } };
}

describe("outbound webhooks are sent only to checked, public addresses", () => {
  test("a host that resolves to a private address is refused: a failed attempt with a clear error, retried later, nothing sent", async () => {
    const db = await testDb();
    const { admin, endpoint, job } = await queuedDelivery(db, "https://hooks.example.test/in");
    const asked: string[] = [];
    const resolve = async (host: string) => (asked.push(host), ["10.1.2.3"]);
    expect(await deliverNotification(db, job, { resolve })).toEqual({ result: "retrying" });
    expect(asked).toEqual(["hooks.example.test"]);
    const [attempt] = await db.notificationAttempt.findMany({ where: { deliveryId: job.deliveryId } });
    expect(attempt).toMatchObject({ number: 1, ok: false, statusCode: null });
    expect(attempt.error).toMatch(/^The host hooks\.example\.test resolves to .* address \(10\.1\.2\.3\): refused/);
    const delivery = await db.notificationDelivery.findUniqueOrThrow({ where: { id: job.deliveryId } });
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastError: attempt.error });
    expect(delivery.nextAttemptAt).not.toBeNull();
    // The manager sees it in the endpoint's delivery log.
    const [logged] = await listDeliveries(db, admin.ctx, endpoint.id);
    expect(logged.attempts).toEqual([expect.objectContaining({ ok: false, error: attempt.error })]);
  });

  test("WAYPOINT_ALLOW_PRIVATE_WEBHOOKS=1 lets a receiver on this machine get it", async () => {
    const db = await testDb();
    process.env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS = "1";
    const { job } = await queuedDelivery(db, `${receiver.origin}/allowed`);
    expect(await deliverNotification(db, job)).toEqual({ result: "delivered" });
    expect(receiver.requests.filter((r) => r.path === "/allowed")).toHaveLength(1);
    // Without the setting, the same receiver (a loopback address) is refused when sending.
    const again = await queuedDelivery(db, `${receiver.origin}/refused`.replace("http://", "https://"));
    delete process.env.WAYPOINT_ALLOW_PRIVATE_WEBHOOKS;
    expect(await deliverNotification(db, again.job)).toEqual({ result: "retrying" });
    expect((await db.notificationDelivery.findUniqueOrThrow({ where: { id: again.job.deliveryId } })).lastError).toMatch(/private network|not a public/i);
    expect(receiver.requests.filter((r) => r.path === "/refused")).toHaveLength(0);
  });

  test("the request connects to the pinned address, with the host name in the Host header", async () => {
    // hooks.example.test resolves nowhere (.test is reserved): the request can only arrive through the pinned IP.
    const port = new URL(receiver.origin).port;
    const r = await postJson({ url: new URL(`http://hooks.example.test:${port}/pinned?a=1`), address: "127.0.0.1" }, '{"x":1}', { "webhook-id": "msg_1" });
    expect(r.status).toBe(204);
    const [got] = receiver.requests.filter((q) => q.path === "/pinned?a=1");
    expect(got.headers.host).toBe(`hooks.example.test:${port}`);
    expect(got.headers["webhook-id"]).toBe("msg_1");
    expect(got.body).toBe('{"x":1}');
  });

  test("over TLS the pinned connection names the host (SNI) and the certificate is still checked against it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pinned-tls-"));
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
      "-subj", "/CN=hooks.example.test", "-addext", "subjectAltName=DNS:hooks.example.test",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ], { stdio: "ignore" }); // prettier-ignore
    const credentials = { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) };
    const names: string[] = [];
    const server = https.createServer(
      {
        ...credentials,
        SNICallback: (servername, done) => {
          names.push(servername);
          done(null, tls.createSecureContext(credentials));
        },
      },
      (_req, res) => res.writeHead(204).end(),
    );
    server.on("tlsClientError", () => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // A self-signed certificate: the client refuses it — verification was not turned off by pinning.
      await expect(postJson({ url: new URL(`https://hooks.example.test:${port}/tls`), address: "127.0.0.1" }, "{}")).rejects.toThrow(/self[- ]signed/i);
      expect(names).toEqual(["hooks.example.test"]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
