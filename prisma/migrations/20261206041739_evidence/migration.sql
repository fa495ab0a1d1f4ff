-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "attention" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "gateConfig" JSONB;

-- AlterTable
ALTER TABLE "TrafficSwitch" ADD COLUMN     "gateOverride" TEXT;

-- CreateTable
CREATE TABLE "EvidenceRecord" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "conclusion" TEXT,
    "profile" TEXT,
    "measured" JSONB,
    "metrics" JSONB,
    "summary" TEXT NOT NULL DEFAULT '',
    "detailsUrl" TEXT,
    "commitSha" TEXT,
    "externalId" TEXT,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "tokenId" TEXT,

    CONSTRAINT "EvidenceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceItem" (
    "evidenceId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,

    CONSTRAINT "EvidenceItem_pkey" PRIMARY KEY ("evidenceId","itemId")
);

-- CreateIndex
CREATE INDEX "EvidenceRecord_organizationId_projectId_observedAt_idx" ON "EvidenceRecord"("organizationId", "projectId", "observedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceRecord_projectId_externalId_key" ON "EvidenceRecord"("projectId", "externalId");

-- CreateIndex
CREATE INDEX "EvidenceItem_itemId_idx" ON "EvidenceItem"("itemId");

-- AddForeignKey
ALTER TABLE "EvidenceRecord" ADD CONSTRAINT "EvidenceRecord_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "EvidenceRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
