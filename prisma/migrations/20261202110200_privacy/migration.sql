-- Issue #11 (personal data). ID numbers: the old plain column is renamed, not copied, so existing
-- values survive the migration; SQL cannot encrypt, so `encryptPlainIdNumbers()` (run by
-- app/scripts/setup-db.ts at every start, and by `npm run keys:reencrypt`) encrypts any value that
-- is not yet a "v1:" ciphertext and fills in the hash and last 4 characters.
ALTER TABLE "MembershipApplication" RENAME COLUMN "idNumber" TO "idNumberCipher";
ALTER TABLE "MembershipApplication" ADD COLUMN "idNumberHash" TEXT;
ALTER TABLE "MembershipApplication" ADD COLUMN "idNumberLast4" TEXT;
CREATE INDEX "MembershipApplication_idNumberHash_idx" ON "MembershipApplication"("idNumberHash");

-- AlterTable
ALTER TABLE "User" ADD COLUMN "deletedAt" DATETIME;

-- CreateTable
CREATE TABLE "RetiredMembershipNumber" (
    "number" TEXT NOT NULL PRIMARY KEY,
    "retiredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PrivacyConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "noticeVersion" INTEGER NOT NULL,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PrivacyConsent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PrivacyConsent_userId_purpose_noticeVersion_idx" ON "PrivacyConsent"("userId", "purpose", "noticeVersion");
