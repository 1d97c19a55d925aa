// The server's scheduled jobs (see scheduler.server.ts): housekeeping that would otherwise grow
// without bound. Started by app/server/index.js; `npm run cleanup` runs them once.
import { prisma } from "./db.server";
import { createScheduler, type Job } from "./scheduler.server";
import { removeUnattachedUploads } from "./stored-files.server";
import {
  digestOverdueApplications,
  remindActivitiesTomorrow,
  remindJudges,
} from "~/domain/notifications/reminders.server";
import { RETENTION_DAYS } from "~/domain/privacy/notice";
import { applyRetention } from "~/domain/privacy/retention.server";

/** Log-in/registration throttle rows are kept this long: longer than any throttle window (the
 * privacy notice lists the period, from the same constant). */
export const LOGIN_ATTEMPT_RETENTION_MS = RETENTION_DAYS.loginAttempts * 24 * 60 * 60 * 1000;

export async function pruneLoginAttempts(now = new Date()) {
  const { count } = await prisma.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } },
  });
  return `removed ${count} login attempts`;
}

export async function pruneExpiredSessions(now = new Date()) {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return `removed ${count} expired sessions`;
}

export const JOBS: Job[] = [
  { name: "uploads.cleanup", period: "hourly", run: removeUnattachedUploads },
  { name: "loginAttempts.prune", period: "hourly", run: pruneLoginAttempts },
  { name: "sessions.prune", period: "daily", run: pruneExpiredSessions },
  // Reminders (issue #10): each person once per thing, recorded in ReminderSent.
  { name: "reminders.activityTomorrow", period: "hourly", run: remindActivitiesTomorrow },
  { name: "reminders.judgingCloses", period: "hourly", run: remindJudges },
  { name: "reminders.overdueApplications", period: "daily", run: digestOverdueApplications },
  // Rejected applications, personal ids on funnel events, sent messages (periods: the privacy notice).
  { name: "privacy.retention", period: "daily", run: applyRetention },
];

/**
 * For app/server/index.js: ticks every minute until stopped. XG_JOBS=off turns the jobs off in a
 * process (e.g. when another process runs them); under NODE_ENV=test they are off unless XG_JOBS=on,
 * so servers started by tests never run them behind the tests' back.
 */
export function startScheduledJobs() {
  const setting = process.env.XG_JOBS;
  if (setting === "off" || (process.env.NODE_ENV === "test" && setting !== "on")) return null;
  const scheduler = createScheduler(JOBS);
  scheduler.start();
  return scheduler;
}
