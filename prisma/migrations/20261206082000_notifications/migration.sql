-- CreateTable
CREATE TABLE "NotificationEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT,
    "event" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "inbox" BOOLEAN NOT NULL DEFAULT true,
    "email" TEXT NOT NULL DEFAULT 'immediate',

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationMute" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationMute_pkey" PRIMARY KEY ("userId","projectId")
);

-- CreateTable
CREATE TABLE "SlackWebhook" (
    "projectId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "urlSealed" TEXT NOT NULL,
    "urlHint" TEXT NOT NULL,
    "groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "SlackWebhook_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "secretSealed" TEXT NOT NULL,
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "disabledAt" TIMESTAMP(3),
    "disabledReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotificationEvent_organizationId_createdAt_idx" ON "NotificationEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationEvent_organizationId_dedupeKey_key" ON "NotificationEvent"("organizationId", "dedupeKey");

-- CreateIndex
CREATE INDEX "NotificationDelivery_organizationId_channel_target_createdA_idx" ON "NotificationDelivery"("organizationId", "channel", "target", "createdAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channel_status_target_idx" ON "NotificationDelivery"("channel", "status", "target");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationDelivery_eventId_channel_target_key" ON "NotificationDelivery"("eventId", "channel", "target");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationAttempt_deliveryId_number_key" ON "NotificationAttempt"("deliveryId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationPreference_organizationId_userId_group_key" ON "NotificationPreference"("organizationId", "userId", "group");

-- CreateIndex
CREATE INDEX "NotificationMute_organizationId_idx" ON "NotificationMute"("organizationId");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_organizationId_projectId_idx" ON "WebhookEndpoint"("organizationId", "projectId");

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "NotificationEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "NotificationDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The notification queues of lib/jobs/queues.ts (pg-boss). Idempotent.
SELECT pgboss.create_queue('notifications.deliver', '{"policy": "standard", "retryLimit": 3, "retryDelay": 30, "retryBackoff": true, "expireInSeconds": 120, "retentionMinutes": 20160}'::json);
SELECT pgboss.create_queue('notifications.sweep', '{"policy": "standard", "retryLimit": 2, "retryDelay": 60, "retryBackoff": false, "expireInSeconds": 600, "retentionMinutes": 20160}'::json);
SELECT pgboss.create_queue('notifications.digest', '{"policy": "standard", "retryLimit": 2, "retryDelay": 60, "retryBackoff": false, "expireInSeconds": 600, "retentionMinutes": 20160}'::json);
