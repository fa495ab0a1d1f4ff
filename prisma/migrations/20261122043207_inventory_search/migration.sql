-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Item_key_trgm_idx" ON "Item" USING GIN ("key" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Item_handler_trgm_idx" ON "Item" USING GIN ("handler" gin_trgm_ops);
