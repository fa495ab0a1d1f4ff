/**
 * The job queues: their names and retry policy. Each queue is created by a migration
 * (`SELECT pgboss.create_queue(name, options)`, see prisma/migrations/*_job_queue*), so that a job
 * enqueued by any process — a request, the command line — lands in a queue that exists; a test
 * checks the database's queues against this list.
 */
export type QueueOptions = {
  retryLimit: number;
  /** Seconds before the first retry; doubled each time with `retryBackoff`. */
  retryDelay: number;
  retryBackoff: boolean;
  /** A job running longer than this is failed (and retried). */
  expireInSeconds: number;
};

export const QUEUES = {
  /** Carry out the planned switches of a project that are due (cutover, issue 15/17). */
  scheduledSwitch: { name: "cutover.scheduled-switch", options: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 } },
} as const satisfies Record<string, { name: string; options: QueueOptions }>;

export type QueueKey = keyof typeof QUEUES;
