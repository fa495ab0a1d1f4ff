-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "forecastWeeks" INTEGER NOT NULL DEFAULT 6,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE INDEX "ItemChange_projectId_field_at_idx" ON "ItemChange"("projectId", "field", "at");

-- Progress charts count an item in a status from its history rows alone (lib/progress/types.ts):
-- every item needs a "created" row, and a "restored" row names the status it came back with.
-- Items created before "created" rows were written: one at the item's creation, with the status
-- its first status change started from (or its current status when it never changed).
INSERT INTO "ItemChange" ("id", "organizationId", "projectId", "itemId", "actorId", "field", "fromValue", "toValue", "at")
SELECT 'bf' || md5(i."id" || ':created'), i."organizationId", i."projectId", i."id", NULL, 'created', NULL,
       COALESCE((SELECT c."fromValue" FROM "ItemChange" c WHERE c."itemId" = i."id" AND c."field" = 'status' ORDER BY c."at", c."id" LIMIT 1), i."status"::text),
       LEAST(i."createdAt", COALESCE((SELECT MIN(c."at") FROM "ItemChange" c WHERE c."itemId" = i."id"), i."createdAt"))
FROM "Item" i
WHERE NOT EXISTS (SELECT 1 FROM "ItemChange" c WHERE c."itemId" = i."id" AND c."field" = 'created');

-- "restored" rows written without a status: the status the item had when it was deleted.
UPDATE "ItemChange" r
SET "toValue" = (SELECT d."fromValue" FROM "ItemChange" d WHERE d."itemId" = r."itemId" AND d."field" = 'deleted' AND d."at" <= r."at" ORDER BY d."at" DESC, d."id" DESC LIMIT 1)
WHERE r."field" = 'restored';
