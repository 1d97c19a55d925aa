-- CreateTable
CREATE TABLE "FunnelPerson" (
    "countyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "view" TEXT,
    "signup" TEXT,
    "attend" TEXT,
    "joinClick" TEXT,
    "apply" TEXT,
    "approve" TEXT,
    "lastDay" TEXT NOT NULL,

    PRIMARY KEY ("countyId", "userId"),
    CONSTRAINT "FunnelPerson_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FunnelPerson_countyId_lastDay_view_signup_attend_joinClick_apply_approve_idx" ON "FunnelPerson"("countyId", "lastDay", "view", "signup", "attend", "joinClick", "apply", "approve");

-- CreateIndex
CREATE INDEX "FunnelPerson_userId_idx" ON "FunnelPerson"("userId");


-- Backfill from the events already recorded (the same statements as rebuildFunnelPeople in
-- app/utils/funnel.server.ts): one row per person and county, and one per person for all counties.
INSERT INTO "FunnelPerson" ("countyId", "userId", "view", "signup", "attend", "joinClick", "apply", "approve", "lastDay")
SELECT COALESCE("countyId", ''), "userId",
       MAX(CASE WHEN "step" = 'view' THEN "day" END),
       MAX(CASE WHEN "step" IN ('signup', 'contest_entry') THEN "day" END),
       MAX(CASE WHEN "step" = 'attend' THEN "day" END),
       MAX(CASE WHEN "step" = 'join_click' THEN "day" END),
       MAX(CASE WHEN "step" = 'apply' THEN "day" END),
       MAX(CASE WHEN "step" = 'approve' THEN "day" END),
       MAX("day")
FROM "FunnelEvent"
WHERE "userId" IS NOT NULL AND "step" IN ('view', 'signup', 'contest_entry', 'attend', 'join_click', 'apply', 'approve')
GROUP BY COALESCE("countyId", ''), "userId";

INSERT INTO "FunnelPerson" ("countyId", "userId", "view", "signup", "attend", "joinClick", "apply", "approve", "lastDay")
SELECT '*', "userId",
       MAX(CASE WHEN "step" = 'view' THEN "day" END),
       MAX(CASE WHEN "step" IN ('signup', 'contest_entry') THEN "day" END),
       MAX(CASE WHEN "step" = 'attend' THEN "day" END),
       MAX(CASE WHEN "step" = 'join_click' THEN "day" END),
       MAX(CASE WHEN "step" = 'apply' THEN "day" END),
       MAX(CASE WHEN "step" = 'approve' THEN "day" END),
       MAX("day")
FROM "FunnelEvent"
WHERE "userId" IS NOT NULL AND "step" IN ('view', 'signup', 'contest_entry', 'attend', 'join_click', 'apply', 'approve')
GROUP BY "userId";

