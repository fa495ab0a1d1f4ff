-- CreateEnum
CREATE TYPE "AgentReview" AS ENUM ('AWAITING', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "SubmissionOutcome" AS ENUM ('CONFIRMED', 'SENT_BACK');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ClaimEnd" ADD VALUE 'EXPIRED';
ALTER TYPE "ClaimEnd" ADD VALUE 'SUBMITTED';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "agentName" TEXT,
ADD COLUMN     "agentTokenId" TEXT,
ADD COLUMN     "agentVersion" TEXT,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "progressAt" TIMESTAMP(3),
ADD COLUMN     "progressNote" TEXT;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "agentReview" "AgentReview";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "agentLimitPerToken" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "agentLimitTotal" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "briefQueryValues" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PortingGuideVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortingGuideVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentSubmission" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "claimId" TEXT,
    "tokenId" TEXT,
    "holderId" TEXT NOT NULL,
    "agentName" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "prUrl" TEXT NOT NULL,
    "commitSha" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "outcome" "SubmissionOutcome",
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "reviewNote" TEXT,

    CONSTRAINT "AgentSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentCall" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "agentName" TEXT NOT NULL,
    "agentVersion" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemRequestSample" (
    "itemId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ItemRequestSample_pkey" PRIMARY KEY ("itemId","path")
);

-- CreateIndex
CREATE UNIQUE INDEX "PortingGuideVersion_projectId_version_key" ON "PortingGuideVersion"("projectId", "version");

-- CreateIndex
CREATE INDEX "AgentSubmission_organizationId_projectId_outcome_submittedA_idx" ON "AgentSubmission"("organizationId", "projectId", "outcome", "submittedAt");

-- CreateIndex
CREATE INDEX "AgentSubmission_itemId_submittedAt_idx" ON "AgentSubmission"("itemId", "submittedAt");

-- CreateIndex
CREATE INDEX "AgentCall_tokenId_at_idx" ON "AgentCall"("tokenId", "at");

-- CreateIndex
CREATE INDEX "AgentCall_projectId_at_idx" ON "AgentCall"("projectId", "at");

-- CreateIndex
CREATE INDEX "ItemRequestSample_projectId_idx" ON "ItemRequestSample"("projectId");

-- CreateIndex
CREATE INDEX "Claim_endedAt_leaseExpiresAt_idx" ON "Claim"("endedAt", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Claim_projectId_agentTokenId_endedAt_idx" ON "Claim"("projectId", "agentTokenId", "endedAt");

-- AddForeignKey
ALTER TABLE "PortingGuideVersion" ADD CONSTRAINT "PortingGuideVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentSubmission" ADD CONSTRAINT "AgentSubmission_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentSubmission" ADD CONSTRAINT "AgentSubmission_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemRequestSample" ADD CONSTRAINT "ItemRequestSample_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
