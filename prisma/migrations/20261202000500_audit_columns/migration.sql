-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "orgId" TEXT;
ALTER TABLE "AuditLog" ADD COLUMN "subjectUserId" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_subjectUserId_createdAt_idx" ON "AuditLog"("subjectUserId", "createdAt");

-- Role grants and revocations logged before these columns: copy who and where from their JSON,
-- so a user's role history stays complete.
UPDATE "AuditLog"
SET "subjectUserId" = json_extract(COALESCE("after", "before"), '$.userId'),
    "orgId" = json_extract(COALESCE("after", "before"), '$.orgId')
WHERE "entity" = 'RoleGrant' AND json_valid(COALESCE("after", "before"));
