-- The queues of lib/jobs/queues.ts (pg-boss: one partition of pgboss.job per queue). Idempotent.
SELECT pgboss.create_queue('cutover.scheduled-switch', '{"policy": "standard", "retryLimit": 5, "retryDelay": 10, "retryBackoff": true, "expireInSeconds": 300, "retentionMinutes": 20160}'::json);
