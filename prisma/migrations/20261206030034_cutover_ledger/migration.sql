-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('API', 'ROUTING', 'EVIDENCE', 'AGENT');

-- AlterEnum
ALTER TYPE "ServedBy" ADD VALUE 'CANARY';

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scope" "TokenScope" NOT NULL DEFAULT 'API';

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "canaryPercent" INTEGER;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "legacyRetired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legacyUpstream" TEXT,
ADD COLUMN     "mirrorUpstream" TEXT,
ADD COLUMN     "newUpstream" TEXT,
ADD COLUMN     "stickinessBy" TEXT NOT NULL DEFAULT 'address',
ADD COLUMN     "stickinessName" TEXT;

-- CreateTable
CREATE TABLE "TrafficSwitch" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "fromState" "ServedBy" NOT NULL,
    "fromPercent" INTEGER,
    "toState" "ServedBy" NOT NULL,
    "toPercent" INTEGER,
    "reason" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "batchId" TEXT,
    "actorId" TEXT,
    "frozenWindowId" TEXT,
    "overrideReason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrafficSwitch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT,
    "reason" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "cron" TEXT,
    "durationMinutes" INTEGER,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrafficSwitch_projectId_at_idx" ON "TrafficSwitch"("projectId", "at");

-- CreateIndex
CREATE INDEX "TrafficSwitch_itemId_at_idx" ON "TrafficSwitch"("itemId", "at");

-- CreateIndex
CREATE INDEX "TrafficSwitch_organizationId_idx" ON "TrafficSwitch"("organizationId");

-- CreateIndex
CREATE INDEX "FreezeWindow_organizationId_projectId_idx" ON "FreezeWindow"("organizationId", "projectId");

-- AddForeignKey
ALTER TABLE "TrafficSwitch" ADD CONSTRAINT "TrafficSwitch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrafficSwitch" ADD CONSTRAINT "TrafficSwitch_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FreezeWindow" ADD CONSTRAINT "FreezeWindow_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
