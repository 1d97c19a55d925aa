// Retention (PIPL art. 19: keep personal information no longer than the purpose needs). Run daily by
// the scheduler (app/utils/jobs.server.ts; log-in attempts have their own hourly job there, with
// the period from the same list); the periods are listed in the privacy notice. Counts the
// dashboards rely on live in FunnelRollup and the activities' counters, so none of this changes them.
import { prisma } from "~/utils/db.server";
import { refreshFunnelPeople } from "~/utils/funnel.server";
import { RETENTION_DAYS } from "./notice";

const DAY_MS = 24 * 60 * 60 * 1000;
const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

export async function applyRetention(now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const rejected = await tx.membershipApplication.deleteMany({
      where: { status: "rejected", decidedAt: { lt: before(now, RETENTION_DAYS.rejectedApplications) } },
    });
    // Anonymised, not deleted: the event still counts, it no longer says whose it was (and the
    // people's funnel summaries, which only count events that name them, are recomputed).
    const old = { userId: { not: null }, createdAt: { lt: before(now, RETENTION_DAYS.funnelPersonalIds) } };
    const people = await tx.funnelEvent.findMany({ where: old, select: { userId: true }, distinct: ["userId"] });
    const funnel = await tx.funnelEvent.updateMany({ where: old, data: { userId: null } });
    await refreshFunnelPeople(
      tx,
      people.map((p) => p.userId!),
    );
    const outbox = await tx.outboxMessage.deleteMany({
      where: {
        status: { in: ["sent", "failed"] },
        createdAt: { lt: before(now, RETENTION_DAYS.outboxMessages) },
      },
    });
    return (
      `removed ${rejected.count} rejected applications, ` +
      `${outbox.count} outbox messages; anonymised ${funnel.count} funnel events`
    );
  });
}
