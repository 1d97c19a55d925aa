// `npm run cleanup`: runs every scheduled housekeeping job once, now (the server also runs them on
// its schedule). Each run is recorded in ScheduledJobRun like a scheduled one. Exit code 1 when a
// job failed.
import { JOBS } from "../utils/jobs.server";
import { createScheduler } from "../utils/scheduler.server";
import { prisma } from "../utils/db.server";

const outcomes = await createScheduler(JOBS).runAllNow();
await prisma.$disconnect();
if (outcomes.some((o) => o.status === "failed")) process.exitCode = 1;
