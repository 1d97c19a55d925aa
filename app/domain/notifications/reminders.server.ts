// Reminders, run by the scheduler (app/utils/jobs.server.ts): the scheduler runs each job once per
// period across processes, and each reminder is recorded in ReminderSent in the same transaction
// as its notification, so a person is reminded of one thing once — even when a period's run is
// repeated by hand (`npm run cleanup`) or a reminder's window spans several periods.
import { isOverdue, OVERDUE_WORKING_DAYS } from "~/domain/membership/working-days";
import { prisma, type Tx } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";
import { parseLocalDate, toLocalDateKey, toLocalDateTimeInput } from "~/utils/time";
import { wakeDelivery } from "./delivery.server";
import { notify } from "./notify.server";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Judges are reminded when the judging window closes within this long. */
export const JUDGING_REMINDER_WITHIN_MS = 48 * HOUR;

/** "2026-12-03 09:00", Beijing time: the same in both languages. */
const localTime = (date: Date) => toLocalDateTimeInput(date).replace("T", " ");

/** Records the reminder `key`; false when it was already sent (by this or another process). */
async function firstTime(tx: Tx, key: string) {
  const inserted =
    await tx.$executeRaw`INSERT INTO "ReminderSent" ("key", "createdAt") VALUES (${key}, ${sqlDate(new Date())}) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Confirmed registrants of activities starting tomorrow (Beijing day), once per registration. */
export async function remindActivitiesTomorrow(now = new Date()) {
  const tomorrow = new Date(parseLocalDate(toLocalDateKey(now))!.getTime() + DAY);
  const activities = await prisma.activity.findMany({
    where: { status: "published", startsAt: { gte: tomorrow, lt: new Date(tomorrow.getTime() + DAY) } },
    select: {
      id: true,
      title: true,
      address: true,
      startsAt: true,
      registrations: { where: { status: "confirmed" }, select: { id: true, userId: true } },
    },
  });
  let sent = 0;
  for (const activity of activities) {
    await prisma.$transaction(async (tx) => {
      for (const reg of activity.registrations) {
        if (!(await firstTime(tx, `activity:${reg.id}`))) continue;
        await notify(tx, reg.userId, {
          kind: "messages.notify.activityReminder",
          params: { title: activity.title, time: localTime(activity.startsAt), address: activity.address },
          link: `/activities/${activity.id}/registration`,
        });
        sent++;
      }
    });
  }
  if (sent) wakeDelivery();
  return `reminded ${sent} registrants`;
}

/** Judges with score sheets still open when judging closes within 48 hours, once per contest. */
export async function remindJudges(now = new Date()) {
  const open = await prisma.assignment.groupBy({
    by: ["contestId", "judgeId"],
    where: {
      status: "assigned",
      contest: {
        status: "published",
        judgingOpensAt: { lte: now },
        judgingClosesAt: { gt: now, lte: new Date(now.getTime() + JUDGING_REMINDER_WITHIN_MS) },
      },
    },
    _count: { _all: true },
  });
  if (!open.length) return "no judges to remind";
  const contests = new Map(
    (
      await prisma.contest.findMany({
        where: { id: { in: [...new Set(open.map((o) => o.contestId))] } },
        select: { id: true, title: true, judgingClosesAt: true },
      })
    ).map((c) => [c.id, c]),
  );
  let sent = 0;
  await prisma.$transaction(async (tx) => {
    for (const o of open) {
      const contest = contests.get(o.contestId)!;
      if (!(await firstTime(tx, `judging:${o.contestId}:${o.judgeId}`))) continue;
      await notify(tx, o.judgeId, {
        kind: "messages.notify.judgingReminder",
        params: { contest: contest.title, time: localTime(contest.judgingClosesAt), n: o._count._all },
        link: "/judging",
      });
      sent++;
    }
  });
  if (sent) wakeDelivery();
  return `reminded ${sent} judges`;
}

/** Union staff: a daily count of pending applications in their scope past the 15-working-day deadline. */
export async function digestOverdueApplications(now = new Date()) {
  // No application younger than 15 calendar days can be 15 working days old.
  const candidates = await prisma.membershipApplication.findMany({
    where: { status: "pending", createdAt: { lt: new Date(now.getTime() - OVERDUE_WORKING_DAYS * DAY) } },
    select: { createdAt: true, union: { select: { path: true } } },
  });
  const overdue = candidates.filter((a) => isOverdue(a.createdAt, now)).map((a) => a.union.path);
  if (!overdue.length) return "no overdue applications";
  const grants = await prisma.roleGrant.findMany({
    where: { role: "union_staff" },
    select: { userId: true, org: { select: { path: true } } },
  });
  const pathsByStaff = new Map<string, string[]>();
  for (const g of grants) pathsByStaff.set(g.userId, [...(pathsByStaff.get(g.userId) ?? []), g.org.path]);
  const day = toLocalDateKey(now);
  let sent = 0;
  await prisma.$transaction(async (tx) => {
    for (const [userId, paths] of pathsByStaff) {
      const n = overdue.filter((p) => paths.some((scope) => p.startsWith(scope))).length;
      if (n === 0 || !(await firstTime(tx, `overdueDigest:${day}:${userId}`))) continue;
      await notify(tx, userId, { kind: "messages.notify.overdueDigest", params: { n }, link: "/union/applications" });
      sent++;
    }
  });
  if (sent) wakeDelivery();
  return `sent ${sent} digests`;
}
