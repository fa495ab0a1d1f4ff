-- AlterTable
ALTER TABLE "StatusSubscriber" ADD COLUMN     "confirmTokenHash" TEXT,
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "requestedAt" TIMESTAMP(3),
ADD COLUMN     "unsubscribeTokenHashes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_confirmTokenHash_key" ON "StatusSubscriber"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "StatusSubscriber_projectId_requestedAt_idx" ON "StatusSubscriber"("projectId", "requestedAt");

-- CreateIndex
CREATE INDEX "StatusSubscriber_unsubscribeTokenHashes_idx" ON "StatusSubscriber" USING GIN ("unsubscribeTokenHashes");

-- Addresses subscribed before the double opt-in were added by stewards or by members themselves:
-- they count as confirmed when they were added.
UPDATE "StatusSubscriber" SET "confirmedAt" = "createdAt" WHERE "confirmedAt" IS NULL;
