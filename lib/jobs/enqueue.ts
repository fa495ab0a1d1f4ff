/**
 * Enqueueing a job in the transaction of the change that causes it: the job exists if and only
 * if the change committed (no lost event, no phantom one). pg-boss builds the insert; it runs on
 * the transaction's own connection through Prisma.
 */
import PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prismaExecutor } from "./executor";
import { QUEUES, type QueueKey } from "./queues";

type Tx = Prisma.TransactionClient;

/** A pg-boss that is never started: it only writes jobs, on the connection each call gives it. */
let sender: PgBoss | null = null;
function boss(): PgBoss {
  sender ??= new PgBoss({ db: { executeSql: () => Promise.reject(new Error("The job sender has no connection of its own.")) }, migrate: false });
  return sender;
}

export type EnqueueOptions = {
  /** Not before this instant, or this many seconds from now by the database's clock. */
  startAfter?: Date | number;
  /** At most one queued job with this key in the queue (a second send is dropped). */
  singletonKey?: string;
};

export async function enqueue(tx: Tx, queue: QueueKey, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  const { name, options: policy } = QUEUES[queue];
  return boss().send(name, data, { ...policy, ...options, db: prismaExecutor(tx) } as PgBoss.SendOptions);
}

/** Rows per insert statement of `enqueueMany` (one JSON parameter each). */
const INSERT_CHUNK = 1_000;

/**
 * Many jobs of one queue in the caller's transaction, with one multi-row insert per thousand
 * (pg-boss's `insert`) instead of one statement each. Same policy and singleton keys as `enqueue`:
 * a job whose singleton key is already queued is dropped.
 */
export async function enqueueMany(tx: Tx, queue: QueueKey, jobs: { data: object; singletonKey?: string }[]): Promise<void> {
  const { name, options: policy } = QUEUES[queue];
  for (let i = 0; i < jobs.length; i += INSERT_CHUNK) {
    const chunk = jobs.slice(i, i + INSERT_CHUNK).map((j) => ({ name, data: j.data, ...policy, ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}) }));
    await boss().insert(chunk, { db: prismaExecutor(tx) } as PgBoss.InsertOptions);
  }
}
