-- CreateTable
CREATE TABLE "ScheduledSwitch" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "toState" "ServedBy" NOT NULL,
    "toPercent" INTEGER,
    "reason" TEXT NOT NULL,
    "runAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "outcome" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledSwitch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScheduledSwitch_organizationId_projectId_status_runAt_idx" ON "ScheduledSwitch"("organizationId", "projectId", "status", "runAt");

-- AddForeignKey
ALTER TABLE "ScheduledSwitch" ADD CONSTRAINT "ScheduledSwitch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduledSwitch" ADD CONSTRAINT "ScheduledSwitch_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
