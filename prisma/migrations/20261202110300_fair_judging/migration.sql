-- AlterTable
ALTER TABLE "Entry" ADD COLUMN "awardCorrectedAt" DATETIME;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN "notifiedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EntryAuthor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entryId" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'accepted',
    CONSTRAINT "EntryAuthor_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "Entry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EntryAuthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_EntryAuthor" ("entryId", "id", "name", "position", "userId") SELECT "entryId", "id", "name", "position", "userId" FROM "EntryAuthor";
DROP TABLE "EntryAuthor";
ALTER TABLE "new_EntryAuthor" RENAME TO "EntryAuthor";
CREATE INDEX "EntryAuthor_entryId_idx" ON "EntryAuthor"("entryId");
CREATE INDEX "EntryAuthor_userId_idx" ON "EntryAuthor"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Assignments made before this migration were announced when they were made.
UPDATE "Assignment" SET "notifiedAt" = "createdAt";
-- Co-authors listed before invitations existed keep counting (the column default, "accepted").
