-- CreateTable
CREATE TABLE "AssessmentScheme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "year" INTEGER NOT NULL,
    "unionKinds" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "gradeThresholds" TEXT NOT NULL,
    "levelThresholds" TEXT NOT NULL,
    "lockedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AssessmentItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "schemeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "scoring" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "maxPoints" REAL NOT NULL,
    "requiresEvidence" BOOLEAN NOT NULL DEFAULT false,
    "autoSource" TEXT,
    "autoPer" REAL,
    CONSTRAINT "AssessmentItem_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AssessmentRoundScheme" (
    "roundId" TEXT NOT NULL,
    "schemeId" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "schemeId"),
    CONSTRAINT "AssessmentRoundScheme_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentRoundScheme_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "unionId" TEXT NOT NULL,
    "countyId" TEXT,
    "schemeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "rigidTotal" REAL,
    "flexibleTotal" REAL,
    "grade" TEXT,
    "level" TEXT,
    "reviewNote" TEXT,
    "submittedAt" DATETIME,
    "reviewedAt" DATETIME,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AssessmentSubmission_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentSubmission_unionId_fkey" FOREIGN KEY ("unionId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AssessmentSubmission_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "AssessmentScheme" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "figure" REAL,
    "selfScore" REAL,
    "note" TEXT NOT NULL DEFAULT '',
    "reviewScore" REAL,
    "reviewReason" TEXT,
    "confirmedScore" REAL,
    "confirmReason" TEXT,
    CONSTRAINT "AssessmentScore_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "AssessmentSubmission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessmentFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT NOT NULL,
    "submissionId" TEXT,
    "itemId" TEXT,
    "visitId" TEXT,
    CONSTRAINT "AssessmentFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentFile_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "AssessmentSubmission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentFile_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AssessmentItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssessmentFile_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "InspectionVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InspectionGroup_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionGroup_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "InspectionMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "InspectionGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    CONSTRAINT "InspectionTarget_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "InspectionGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionTarget_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "visitedOn" DATETIME NOT NULL,
    "findings" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InspectionVisit_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "InspectionGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionVisit_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "AssessmentSubmission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InspectionVisit_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExcellentUnion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "unionId" TEXT NOT NULL,
    "countyId" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'nominated',
    "nominatedById" TEXT,
    "confirmedById" TEXT,
    "nominatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "ExcellentUnion_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExcellentUnion_unionId_fkey" FOREIGN KEY ("unionId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemberEvaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "unionId" TEXT NOT NULL,
    "countyId" TEXT,
    "ratings" TEXT NOT NULL,
    "average" REAL NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "MemberEvaluation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MemberEvaluation_unionId_fkey" FOREIGN KEY ("unionId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvaluationReceipt" (
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "userId"),
    CONSTRAINT "EvaluationReceipt_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AssessmentRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvaluationReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScheme_key_year_version_key" ON "AssessmentScheme"("key", "year", "version");

-- CreateIndex
CREATE INDEX "AssessmentItem_schemeId_position_idx" ON "AssessmentItem"("schemeId", "position");

-- CreateIndex
CREATE INDEX "AssessmentRound_year_status_idx" ON "AssessmentRound"("year", "status");

-- CreateIndex
CREATE INDEX "AssessmentSubmission_roundId_countyId_status_idx" ON "AssessmentSubmission"("roundId", "countyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentSubmission_roundId_unionId_key" ON "AssessmentSubmission"("roundId", "unionId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentScore_submissionId_itemId_key" ON "AssessmentScore"("submissionId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentFile_fileId_key" ON "AssessmentFile"("fileId");

-- CreateIndex
CREATE INDEX "AssessmentFile_submissionId_idx" ON "AssessmentFile"("submissionId");

-- CreateIndex
CREATE INDEX "AssessmentFile_visitId_idx" ON "AssessmentFile"("visitId");

-- CreateIndex
CREATE INDEX "InspectionGroup_roundId_idx" ON "InspectionGroup"("roundId");

-- CreateIndex
CREATE INDEX "InspectionMember_userId_idx" ON "InspectionMember"("userId");

-- CreateIndex
CREATE INDEX "InspectionTarget_groupId_idx" ON "InspectionTarget"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionTarget_roundId_orgId_key" ON "InspectionTarget"("roundId", "orgId");

-- CreateIndex
CREATE INDEX "InspectionVisit_groupId_idx" ON "InspectionVisit"("groupId");

-- CreateIndex
CREATE INDEX "InspectionVisit_submissionId_idx" ON "InspectionVisit"("submissionId");

-- CreateIndex
CREATE INDEX "ExcellentUnion_roundId_status_countyId_idx" ON "ExcellentUnion"("roundId", "status", "countyId");

-- CreateIndex
CREATE UNIQUE INDEX "ExcellentUnion_roundId_unionId_key" ON "ExcellentUnion"("roundId", "unionId");

-- CreateIndex
CREATE INDEX "MemberEvaluation_roundId_unionId_idx" ON "MemberEvaluation"("roundId", "unionId");

-- CreateIndex
CREATE INDEX "MemberEvaluation_roundId_countyId_idx" ON "MemberEvaluation"("roundId", "countyId");

