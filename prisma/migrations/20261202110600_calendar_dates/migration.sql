-- Calendar dates (a day with no time: birth dates, the day a union was founded, the day of a site
-- visit) are stored at 12:00 UTC of that day from now on (see app/utils/time.ts). Until now they
-- were written at 00:00 Beijing time (16:00 UTC the day before) or at 00:00 UTC, and read back in
-- UTC by some pages, so a birth date moved back a day on every re-application. Each stored value
-- is moved to 12:00 UTC of its Beijing day, which is the day that was entered; values already at
-- 12:00 UTC keep their day (12:00 UTC is 20:00 in Beijing).
UPDATE "User" SET "birthDate" = strftime('%Y-%m-%dT12:00:00.000+00:00', "birthDate", '+8 hours')
WHERE typeof("birthDate") = 'text';
UPDATE "User" SET "birthDate" = strftime('%Y-%m-%dT12:00:00.000+00:00', "birthDate" / 1000, 'unixepoch', '+8 hours')
WHERE typeof("birthDate") = 'integer';

UPDATE "MembershipApplication" SET "birthDate" = strftime('%Y-%m-%dT12:00:00.000+00:00', "birthDate", '+8 hours')
WHERE typeof("birthDate") = 'text';
UPDATE "MembershipApplication" SET "birthDate" = strftime('%Y-%m-%dT12:00:00.000+00:00', "birthDate" / 1000, 'unixepoch', '+8 hours')
WHERE typeof("birthDate") = 'integer';

UPDATE "Organisation" SET "foundedAt" = strftime('%Y-%m-%dT12:00:00.000+00:00', "foundedAt", '+8 hours')
WHERE typeof("foundedAt") = 'text';
UPDATE "Organisation" SET "foundedAt" = strftime('%Y-%m-%dT12:00:00.000+00:00', "foundedAt" / 1000, 'unixepoch', '+8 hours')
WHERE typeof("foundedAt") = 'integer';

UPDATE "InspectionVisit" SET "visitedOn" = strftime('%Y-%m-%dT12:00:00.000+00:00', "visitedOn", '+8 hours')
WHERE typeof("visitedOn") = 'text';
UPDATE "InspectionVisit" SET "visitedOn" = strftime('%Y-%m-%dT12:00:00.000+00:00', "visitedOn" / 1000, 'unixepoch', '+8 hours')
WHERE typeof("visitedOn") = 'integer';

-- An employer typed in by an applicant is not offered to other applicants until staff approve
-- that application (issue #12 item 9). Employers already stored stay offered to everyone.
ALTER TABLE "Enterprise" ADD COLUMN "proposedById" TEXT;
