-- CreateEnum
CREATE TYPE "RepositoryRole" AS ENUM ('LEGACY', 'NEW');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "codeSettings" JSONB;

-- CreateTable
CREATE TABLE "Repository" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "role" "RepositoryRole" NOT NULL,
    "url" TEXT NOT NULL,
    "branch" TEXT NOT NULL DEFAULT 'main',
    "folders" JSONB NOT NULL DEFAULT '[]',
    "credentialKind" TEXT NOT NULL DEFAULT 'none',
    "credentialSealed" TEXT,
    "webhookSecretSealed" TEXT,
    "scanState" JSONB,
    "lastCommit" TEXT,
    "lastScannedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'new',
    "statusMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "Repository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RepositoryScan" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "full" BOOLEAN NOT NULL DEFAULT false,
    "commit" TEXT,
    "log" JSONB,
    "error" TEXT,
    "requestedById" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RepositoryScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeRoute" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "handler" TEXT,
    "framework" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "firstCommit" TEXT NOT NULL,

    CONSTRAINT "CodeRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemCode" (
    "itemId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "legacyFile" TEXT,
    "legacyLine" INTEGER,
    "legacyCommit" TEXT,
    "newMethod" TEXT,
    "newPath" TEXT,
    "newFile" TEXT,
    "newLine" INTEGER,
    "newCommit" TEXT,
    "newSince" TIMESTAMP(3),
    "matchVia" TEXT,
    "suggestedOwnerTeamId" TEXT,
    "codeOwners" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "codeComplexity" INTEGER,
    "codeTestCoverage" INTEGER,
    "drift" TEXT,
    "driftSince" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ItemCode_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "CodeProposal" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemId" TEXT,
    "method" TEXT,
    "path" TEXT,
    "handler" TEXT,
    "file" TEXT,
    "line" INTEGER,
    "value" TEXT,
    "commit" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openKey" TEXT,

    CONSTRAINT "CodeProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodePattern" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "target" INTEGER NOT NULL DEFAULT 0,
    "reachedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "CodePattern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatternCount" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "patternId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "commit" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PatternCount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Repository_organizationId_projectId_idx" ON "Repository"("organizationId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Repository_projectId_role_key" ON "Repository"("projectId", "role");

-- CreateIndex
CREATE INDEX "RepositoryScan_organizationId_projectId_queuedAt_idx" ON "RepositoryScan"("organizationId", "projectId", "queuedAt");

-- CreateIndex
CREATE INDEX "RepositoryScan_repositoryId_queuedAt_idx" ON "RepositoryScan"("repositoryId", "queuedAt");

-- CreateIndex
CREATE INDEX "CodeRoute_organizationId_projectId_idx" ON "CodeRoute"("organizationId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "CodeRoute_repositoryId_method_path_key" ON "CodeRoute"("repositoryId", "method", "path");

-- CreateIndex
CREATE INDEX "ItemCode_organizationId_projectId_drift_idx" ON "ItemCode"("organizationId", "projectId", "drift");

-- CreateIndex
CREATE INDEX "CodeProposal_organizationId_projectId_state_kind_idx" ON "CodeProposal"("organizationId", "projectId", "state", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CodeProposal_projectId_openKey_key" ON "CodeProposal"("projectId", "openKey");

-- CreateIndex
CREATE INDEX "CodePattern_organizationId_projectId_idx" ON "CodePattern"("organizationId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "CodePattern_projectId_slug_key" ON "CodePattern"("projectId", "slug");

-- CreateIndex
CREATE INDEX "PatternCount_patternId_at_idx" ON "PatternCount"("patternId", "at");

-- CreateIndex
CREATE INDEX "PatternCount_organizationId_projectId_at_idx" ON "PatternCount"("organizationId", "projectId", "at");

-- AddForeignKey
ALTER TABLE "Repository" ADD CONSTRAINT "Repository_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RepositoryScan" ADD CONSTRAINT "RepositoryScan_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeRoute" ADD CONSTRAINT "CodeRoute_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodePattern" ADD CONSTRAINT "CodePattern_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatternCount" ADD CONSTRAINT "PatternCount_patternId_fkey" FOREIGN KEY ("patternId") REFERENCES "CodePattern"("id") ON DELETE CASCADE ON UPDATE CASCADE;

