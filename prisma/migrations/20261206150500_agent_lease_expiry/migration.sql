-- The coding agents' lease expiry queue of lib/jobs/queues.ts (pg-boss), run every minute. Idempotent.
SELECT pgboss.create_queue('agents.lease-expiry', '{"policy": "standard", "retryLimit": 1, "retryDelay": 30, "retryBackoff": false, "expireInSeconds": 120, "retentionMinutes": 20160}'::json);
