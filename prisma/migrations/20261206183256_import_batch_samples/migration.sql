-- CreateTable
CREATE TABLE "ImportBatchSample" (
    "batchId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "samples" JSONB NOT NULL,

    CONSTRAINT "ImportBatchSample_pkey" PRIMARY KEY ("batchId","key")
);

-- AddForeignKey
ALTER TABLE "ImportBatchSample" ADD CONSTRAINT "ImportBatchSample_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
