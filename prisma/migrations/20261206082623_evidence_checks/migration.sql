-- CreateTable
CREATE TABLE "EvidenceCheck" (
    "itemId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "profile" TEXT NOT NULL DEFAULT '',
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "evidenceId" TEXT NOT NULL,

    CONSTRAINT "EvidenceCheck_pkey" PRIMARY KEY ("itemId","kind","name","profile")
);

-- CreateIndex
CREATE INDEX "EvidenceCheck_organizationId_projectId_kind_idx" ON "EvidenceCheck"("organizationId", "projectId", "kind");

-- AddForeignKey
ALTER TABLE "EvidenceCheck" ADD CONSTRAINT "EvidenceCheck_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the latest completed record per (item, kind, name, profile), ordered as the gates order
-- them (observed later, then received later, then the worse conclusion).
INSERT INTO "EvidenceCheck" ("itemId", "kind", "name", "profile", "organizationId", "projectId", "conclusion", "observedAt", "expiresAt", "evidenceId")
SELECT DISTINCT ON (l."itemId", r.kind, r.name, COALESCE(r.profile, ''))
  l."itemId", r.kind, r.name, COALESCE(r.profile, ''), r."organizationId", r."projectId", COALESCE(r.conclusion, 'inconclusive'), r."observedAt", r."expiresAt", r.id
FROM "EvidenceItem" l
JOIN "EvidenceRecord" r ON r.id = l."evidenceId"
WHERE r.status = 'completed'
ORDER BY l."itemId", r.kind, r.name, COALESCE(r.profile, ''), r."observedAt" DESC, r."receivedAt" DESC,
  CASE r.conclusion WHEN 'failure' THEN 3 WHEN 'inconclusive' THEN 2 WHEN 'neutral' THEN 1 ELSE 0 END DESC;
