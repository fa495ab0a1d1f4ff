-- AlterTable
ALTER TABLE "PatternCount" ADD COLUMN     "modules" JSONB NOT NULL DEFAULT '{}';
