-- The samples are derived from the latest access-log import, which the next import writes again
-- in the new shape (one row per route); the rows of the old shape are dropped.
DELETE FROM "ItemRequestSample";

-- AlterTable
ALTER TABLE "ItemRequestSample" DROP CONSTRAINT "ItemRequestSample_pkey",
DROP COLUMN "count",
DROP COLUMN "path",
ADD COLUMN     "samples" JSONB NOT NULL,
ADD CONSTRAINT "ItemRequestSample_pkey" PRIMARY KEY ("itemId");
