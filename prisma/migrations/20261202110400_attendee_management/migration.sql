-- Approval-required registration (issue #12): sign-ups wait as "pending" until staff approve.
-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "approvalRequired" BOOLEAN NOT NULL DEFAULT false;
