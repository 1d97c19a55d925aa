import { prisma } from "~/utils/db.server";
import { seedActivities } from "./activities.server";
import { seedAssessment } from "./assessment.server";
import { seedContests } from "./contests.server";
import { seedFoundation } from "./foundation.server";
import { seedMembership } from "./membership.server";
import { seedMessages } from "./messages.server";

/** Seeds the Linfen demo into an empty database; returns false when there was data already. */
export async function seedDemoIfEmpty() {
  if ((await prisma.organisation.count()) > 0) return false;
  const base = await seedFoundation();
  await seedActivities(base);
  await seedContests(base);
  await seedMembership(base);
  await seedAssessment(base);
  await seedMessages(base);
  return true;
}
