-- AlterTable
ALTER TABLE "Repository" ADD COLUMN     "webhookProvider" TEXT NOT NULL DEFAULT 'github';

-- The repository queues of lib/jobs/queues.ts (pg-boss): one job per RepositoryScan, and the nightly full scan. Idempotent.
SELECT pgboss.create_queue('repositories.scan', '{"policy": "standard", "retryLimit": 10, "retryDelay": 10, "retryBackoff": true, "expireInSeconds": 1800, "retentionMinutes": 20160}'::json);
SELECT pgboss.create_queue('repositories.schedule', '{"policy": "standard", "retryLimit": 2, "retryDelay": 60, "retryBackoff": false, "expireInSeconds": 600, "retentionMinutes": 20160}'::json);
