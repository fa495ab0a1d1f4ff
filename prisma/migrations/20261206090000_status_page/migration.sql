-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "statusShareTokenHash" TEXT,
ADD COLUMN     "statusSummary" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "StatusNote" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "scheduledSwitchId" TEXT,
    "title" TEXT NOT NULL,
    "howToNotice" TEXT NOT NULL,
    "whomToTell" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusSubscriber" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scheduledSwitchId" TEXT,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "StatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatusNote_organizationId_projectId_idx" ON "StatusNote"("organizationId", "projectId");

-- CreateIndex
CREATE INDEX "StatusSubscriber_organizationId_projectId_idx" ON "StatusSubscriber"("organizationId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_projectId_email_key" ON "StatusSubscriber"("projectId", "email");

-- CreateIndex
CREATE INDEX "StatusEvent_organizationId_projectId_notifiedAt_idx" ON "StatusEvent"("organizationId", "projectId", "notifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Project_statusShareTokenHash_key" ON "Project"("statusShareTokenHash");

-- AddForeignKey
ALTER TABLE "StatusNote" ADD CONSTRAINT "StatusNote_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusNote" ADD CONSTRAINT "StatusNote_scheduledSwitchId_fkey" FOREIGN KEY ("scheduledSwitchId") REFERENCES "ScheduledSwitch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusSubscriber" ADD CONSTRAINT "StatusSubscriber_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
