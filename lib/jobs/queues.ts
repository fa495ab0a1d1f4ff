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
  /**
   * Send one notification delivery (e-mail, Slack, webhook). A failed send is not a failed job: the
   * delivery records the attempt and enqueues the next one on its own schedule (Standard Webhooks'
   * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); pg-boss's retries only cover a worker that died mid-job.
   */
  deliverNotification: {
    name: "notifications.deliver",
    options: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
    batchSize: 20,
  },
  /** Hourly: action items that became overdue (one event per item and due date). */
  notificationSweep: { name: "notifications.sweep", options: { retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 600 }, cron: "5 * * * *" },
  /** Daily: one e-mail per person with the events they chose to get as a digest. */
  notificationDigest: {
    name: "notifications.digest",
    options: { retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 600 },
    cron: "0 7 * * *",
  },
  /**
   * Run one repository scan (issue 22; one job per RepositoryScan). A scan that fails records why
   * on the scan and the repository and completes; the retries are for a scan that waits for
   * another of the same repository, and for a worker that died mid-scan.
   */
  repositoryScan: { name: "repositories.scan", options: { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 1800 } },
  /** Nightly: a full scan of every repository (re-detects frameworks, re-reads every file). */
  repositorySchedule: {
    name: "repositories.schedule",
    options: { retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 600 },
    cron: "30 2 * * *",
  },
  /** Every minute: end the coding agents' leases that ran out without a heartbeat (issue 23). */
  agentLeaseExpiry: {
    name: "agents.lease-expiry",
    options: { retryLimit: 1, retryDelay: 30, retryBackoff: false, expireInSeconds: 120 },
    cron: "* * * * *",
  },
} as const satisfies Record<string, { name: string; options: QueueOptions; batchSize?: number; cron?: string }>;

export type QueueKey = keyof typeof QUEUES;
