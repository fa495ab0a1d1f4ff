-- CreateTable
CREATE TABLE "ProgressDay" (
    "projectId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" "ItemKind" NOT NULL,
    "status" "PortStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ProgressDay_pkey" PRIMARY KEY ("projectId","day","kind","status")
);

-- CreateTable
CREATE TABLE "ProgressRouteDay" (
    "projectId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "itemId" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "scope" INTEGER NOT NULL,

    CONSTRAINT "ProgressRouteDay_pkey" PRIMARY KEY ("projectId","day","itemId")
);

-- AddForeignKey
ALTER TABLE "ProgressDay" ADD CONSTRAINT "ProgressDay_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressRouteDay" ADD CONSTRAINT "ProgressRouteDay_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rollup is kept by the database itself, in the transaction of every history write, so no
-- writer (the app, an import, a seed, a script) can forget it. Rows are weighed +1 when written
-- and -1 when removed, and an update counts as both. Only the four status-moving fields count
-- (lib/progress/types.ts): −1 at fromValue, +1 at toValue, on the day of the row in the time zone of the project.
-- Rows are upserted in key order so concurrent writers lock rollup rows in the same order.
-- The statement that applies `source` (a relation: a transition table of a trigger, or a query) with `weight`.
CREATE FUNCTION waypoint_progress_sql(source text, weight int) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH moves AS (
      SELECT r."projectId", r."organizationId", r."itemId", r."at", v.status, v.sign * %2$s AS sign
      FROM %1$s r
      CROSS JOIN LATERAL (VALUES (r."toValue", 1), (r."fromValue", -1)) AS v(status, sign)
      WHERE r.field IN ('created', 'status', 'deleted', 'restored')
        AND v.status IN ('NOT_STARTED', 'IN_PROGRESS', 'PORTED', 'VERIFIED', 'RETIRED', 'WONT_PORT')
    ),
    dated AS (
      SELECT m."projectId", m."organizationId", m."itemId", i.kind, m.status, m.sign,
             ((m."at" AT TIME ZONE 'UTC') AT TIME ZONE p."timeZone")::date AS day
      FROM moves m
      JOIN "Project" p ON p.id = m."projectId"
      JOIN "Item" i ON i.id = m."itemId"
    ),
    counts AS (
      INSERT INTO "ProgressDay" ("projectId", "organizationId", "day", "kind", "status", "count")
      SELECT "projectId", "organizationId", day, kind, status::"PortStatus", SUM(sign)
      FROM dated GROUP BY 1, 2, 3, 4, 5 HAVING SUM(sign) <> 0 ORDER BY 1, 3, 4, 5
      ON CONFLICT ("projectId", "day", "kind", "status") DO UPDATE SET "count" = "ProgressDay"."count" + EXCLUDED."count"
    )
    INSERT INTO "ProgressRouteDay" ("projectId", "organizationId", "day", "itemId", "done", "scope")
    SELECT "projectId", "organizationId", day, "itemId",
           SUM(CASE WHEN status IN ('PORTED', 'VERIFIED', 'RETIRED') THEN sign ELSE 0 END),
           SUM(CASE WHEN status <> 'WONT_PORT' THEN sign ELSE 0 END)
    FROM dated WHERE kind = 'ROUTE'
    GROUP BY 1, 2, 3, 4
    HAVING SUM(CASE WHEN status IN ('PORTED', 'VERIFIED', 'RETIRED') THEN sign ELSE 0 END) <> 0
        OR SUM(CASE WHEN status <> 'WONT_PORT' THEN sign ELSE 0 END) <> 0
    ORDER BY 1, 3, 4
    ON CONFLICT ("projectId", "day", "itemId") DO UPDATE SET "done" = "ProgressRouteDay"."done" + EXCLUDED."done", "scope" = "ProgressRouteDay"."scope" + EXCLUDED."scope"
  $q$, source, weight)
$fn$;

-- Transition tables are visible to EXECUTE in the trigger function itself.
CREATE FUNCTION waypoint_progress_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN EXECUTE waypoint_progress_sql('old_rows', -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN EXECUTE waypoint_progress_sql('new_rows', 1); END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "ItemChange_progress_insert" AFTER INSERT ON "ItemChange" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_progress_trigger();
CREATE TRIGGER "ItemChange_progress_update" AFTER UPDATE ON "ItemChange" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_progress_trigger();
CREATE TRIGGER "ItemChange_progress_delete" AFTER DELETE ON "ItemChange" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_progress_trigger();

-- Recomputes the rollup of a project from its whole history (when its time zone changes).
CREATE FUNCTION waypoint_progress_rebuild(project text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM "ProgressDay" WHERE "projectId" = project;
  DELETE FROM "ProgressRouteDay" WHERE "projectId" = project;
  EXECUTE waypoint_progress_sql(format('(SELECT * FROM "ItemChange" WHERE "projectId" = %L)', project), 1);
END
$fn$;

SELECT waypoint_progress_rebuild(id) FROM "Project";
