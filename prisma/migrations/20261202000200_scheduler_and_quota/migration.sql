-- CreateTable
CREATE TABLE "ScheduledJobRun" (
    "job" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "summary" TEXT,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,

    PRIMARY KEY ("job", "periodKey")
);

-- CreateIndex
CREATE INDEX "ScheduledJobRun_startedAt_idx" ON "ScheduledJobRun"("startedAt");

