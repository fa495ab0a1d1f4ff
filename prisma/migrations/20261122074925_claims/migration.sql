-- CreateEnum
CREATE TYPE "ClaimEnd" AS ENUM ('RELEASED', 'HANDED_OVER', 'COMPLETED');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "claimDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "claimLimit" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "rankingWeights" JSONB,
ADD COLUMN     "staleAfterDays" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "activeItemId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expectedFinish" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" "ClaimEnd",
    "endedById" TEXT,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Claim_activeItemId_key" ON "Claim"("activeItemId");

-- CreateIndex
CREATE INDEX "Claim_organizationId_projectId_holderId_endedAt_idx" ON "Claim"("organizationId", "projectId", "holderId", "endedAt");

-- CreateIndex
CREATE INDEX "Claim_itemId_startedAt_idx" ON "Claim"("itemId", "startedAt");

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_activeItemId_fkey" FOREIGN KEY ("activeItemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
