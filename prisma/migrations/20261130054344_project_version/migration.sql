-- CreateTable
CREATE TABLE "ProjectVersion" (
    "projectId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ProjectVersion_pkey" PRIMARY KEY ("projectId")
);

-- AddForeignKey
ALTER TABLE "ProjectVersion" ADD CONSTRAINT "ProjectVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every history write bumps its project's version, in the same transaction (see the model).
-- A project being deleted is skipped: its version row goes with it.
CREATE FUNCTION waypoint_bump_project_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "ProjectVersion" ("projectId", "version")
    SELECT DISTINCT o."projectId", 1 FROM old_rows o WHERE EXISTS (SELECT 1 FROM "Project" p WHERE p.id = o."projectId") ORDER BY 1
    ON CONFLICT ("projectId") DO UPDATE SET "version" = "ProjectVersion"."version" + 1;
  ELSE
    INSERT INTO "ProjectVersion" ("projectId", "version")
    SELECT DISTINCT n."projectId", 1 FROM new_rows n WHERE EXISTS (SELECT 1 FROM "Project" p WHERE p.id = n."projectId") ORDER BY 1
    ON CONFLICT ("projectId") DO UPDATE SET "version" = "ProjectVersion"."version" + 1;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "ItemChange_version_insert" AFTER INSERT ON "ItemChange" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_bump_project_version();
CREATE TRIGGER "ItemChange_version_update" AFTER UPDATE ON "ItemChange" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_bump_project_version();
CREATE TRIGGER "ItemChange_version_delete" AFTER DELETE ON "ItemChange" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_bump_project_version();
