-- One state per item. A dependency's readiness said both how it moves and whether it had arrived
-- (COMPATIBLE, DONE), while its status said where it was: the two could disagree. Now the status
-- says where every item is, and readiness only how a dependency moves (DONE is gone).
BEGIN;

-- A dependency found compatible, or marked done, that is not finished by its status is ported:
-- a history row per change, so progress (summed from the history) counts it from today.
CREATE TEMP TABLE "settled" ON COMMIT DROP AS
  SELECT i."id", i."organizationId", i."projectId", i."status"::text AS "fromStatus"
  FROM "Item" i
  WHERE i."kind" = 'DEPENDENCY' AND i."deletedAt" IS NULL
    AND i."readiness"::text IN ('COMPATIBLE', 'DONE')
    AND i."status"::text NOT IN ('PORTED', 'VERIFIED', 'RETIRED', 'WONT_PORT');

INSERT INTO "ItemChange" ("id", "organizationId", "projectId", "itemId", "actorId", "field", "fromValue", "toValue", "at")
SELECT 'os' || md5(s."id" || ':status'), s."organizationId", s."projectId", s."id", NULL, 'status', s."fromStatus", 'PORTED', (now() AT TIME ZONE 'UTC')
FROM "settled" s;

UPDATE "Item" i SET "status" = 'PORTED', "statusReason" = NULL FROM "settled" s WHERE i."id" = s."id";

-- "Done" as a readiness becomes "compatible": the dependency works on the new stack.
INSERT INTO "ItemChange" ("id", "organizationId", "projectId", "itemId", "actorId", "field", "fromValue", "toValue", "at")
SELECT 'os' || md5(i."id" || ':readiness'), i."organizationId", i."projectId", i."id", NULL, 'readiness', 'DONE', 'COMPATIBLE', (now() AT TIME ZONE 'UTC')
FROM "Item" i
WHERE i."readiness"::text = 'DONE' AND i."deletedAt" IS NULL;

UPDATE "Item" SET "readiness" = 'COMPATIBLE' WHERE "readiness"::text = 'DONE';

CREATE TYPE "Readiness_new" AS ENUM ('UNKNOWN', 'COMPATIBLE', 'UPGRADE_NEEDED', 'REPLACE', 'REMOVE');
ALTER TABLE "Item" ALTER COLUMN "readiness" TYPE "Readiness_new" USING ("readiness"::text::"Readiness_new");
ALTER TYPE "Readiness" RENAME TO "Readiness_old";
ALTER TYPE "Readiness_new" RENAME TO "Readiness";
DROP TYPE "public"."Readiness_old";

-- Blocker counts under the one rule: a related item blocks until it is finished (ported, verified,
-- retired or won't port), whatever its kind.
UPDATE "Item" AS i SET "blockerCount" = b.n
FROM (
  SELECT f."id", (count(t."id") FILTER (WHERE t."deletedAt" IS NULL AND t."status"::text NOT IN ('PORTED', 'VERIFIED', 'RETIRED', 'WONT_PORT')))::int AS n
  FROM "Item" f
  LEFT JOIN "ItemRelation" r ON r."fromId" = f."id"
  LEFT JOIN "Item" t ON t."id" = r."toId"
  GROUP BY f."id"
) AS b
WHERE i."id" = b."id" AND i."blockerCount" <> b.n;

-- Claims on items that are now finished end as completed (what settleClaims does on a change).
INSERT INTO "ItemChange" ("id", "organizationId", "projectId", "itemId", "actorId", "field", "fromValue", "toValue", "at")
SELECT 'os' || md5(c."id" || ':claim'), c."organizationId", c."projectId", c."itemId", NULL, 'claim completed', 'user:' || c."holderId", NULL, (now() AT TIME ZONE 'UTC')
FROM "Claim" c JOIN "Item" i ON i."id" = c."activeItemId"
WHERE i."status"::text IN ('PORTED', 'VERIFIED', 'RETIRED', 'WONT_PORT');

UPDATE "Claim" c SET "activeItemId" = NULL, "endedAt" = (now() AT TIME ZONE 'UTC'), "endReason" = 'COMPLETED'
FROM "Item" i
WHERE i."id" = c."activeItemId" AND i."status"::text IN ('PORTED', 'VERIFIED', 'RETIRED', 'WONT_PORT');

COMMIT;
