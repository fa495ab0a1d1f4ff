-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "lastMovedAt" TIMESTAMP(3);

-- When an item last moved: its latest history row adding it, changing its status or restoring it
-- (the Teams table's "last movement", read with the items instead of from 500,000 history rows).
-- Kept by the database in the transaction of every history write, as the progress rollup is, so
-- no writer can forget it. A new row can only move it later; an updated or deleted row (a
-- correction, a hard delete) makes it be read again from the item's history (the (itemId, at) index).
CREATE FUNCTION waypoint_last_moved_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE "Item" i SET "lastMovedAt" = m.at
  FROM (
    SELECT n."itemId", MAX(n.at) AS at FROM new_rows n
    WHERE n.field IN ('created', 'status', 'restored')
    GROUP BY 1 ORDER BY 1
  ) m
  WHERE i.id = m."itemId" AND (i."lastMovedAt" IS NULL OR i."lastMovedAt" < m.at);
  RETURN NULL;
END
$fn$;

CREATE FUNCTION waypoint_last_moved_recompute() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE "Item" i SET "lastMovedAt" = m.at
    FROM (
      SELECT t."itemId", (SELECT MAX(c.at) FROM "ItemChange" c WHERE c."itemId" = t."itemId" AND c.field IN ('created', 'status', 'restored')) AS at
      FROM (SELECT "itemId" FROM old_rows UNION SELECT "itemId" FROM new_rows) t ORDER BY 1
    ) m
    WHERE i.id = m."itemId" AND i."lastMovedAt" IS DISTINCT FROM m.at;
  ELSE
    UPDATE "Item" i SET "lastMovedAt" = m.at
    FROM (
      SELECT t."itemId", (SELECT MAX(c.at) FROM "ItemChange" c WHERE c."itemId" = t."itemId" AND c.field IN ('created', 'status', 'restored')) AS at
      FROM (SELECT DISTINCT "itemId" FROM old_rows) t ORDER BY 1
    ) m
    WHERE i.id = m."itemId" AND i."lastMovedAt" IS DISTINCT FROM m.at;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "ItemChange_last_moved_insert" AFTER INSERT ON "ItemChange" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_last_moved_insert();
CREATE TRIGGER "ItemChange_last_moved_update" AFTER UPDATE ON "ItemChange" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_last_moved_recompute();
CREATE TRIGGER "ItemChange_last_moved_delete" AFTER DELETE ON "ItemChange" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_last_moved_recompute();

-- The items there are: from their history.
UPDATE "Item" i SET "lastMovedAt" = m.at
FROM (SELECT c."itemId", MAX(c.at) AS at FROM "ItemChange" c WHERE c.field IN ('created', 'status', 'restored') GROUP BY 1) m
WHERE i.id = m."itemId";
