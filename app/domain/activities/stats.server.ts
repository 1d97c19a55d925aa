// The center dashboard's figures, per activity and in total, from grouped counts (one query per
// table, not per activity) so it stays cheap as the number of activities grows. Views, sign-ups,
// attended and join clicks are read from the same funnel rollup as the union's conversion
// dashboard (dim = 'activity'), so both dashboards say the same about the same activity; the
// waiting list and cancellations are the registrations' current state.
import { prisma } from "~/utils/db.server";

export type ActivityStats = {
  views: number;
  signups: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  joinClicks: number;
  /** For the attendance rate: seats held (walk-ins included) and how many of them were checked in. */
  seated: number;
  seatedAttended: number;
};

const empty = (): ActivityStats => ({
  views: 0,
  signups: 0,
  waitlisted: 0,
  cancelled: 0,
  attended: 0,
  joinClicks: 0,
  seated: 0,
  seatedAttended: 0,
});

const FROM_STEP = { view: "views", signup: "signups", attend: "attended", join_click: "joinClicks" } as const;

export async function statsFor(activityIds: string[]) {
  const byId = new Map(activityIds.map((id) => [id, empty()]));
  if (activityIds.length === 0) return { byId, total: empty() };
  const [steps, statuses, seats] = await Promise.all([
    prisma.funnelRollup.groupBy({
      by: ["key", "step"],
      where: { dim: "activity", key: { in: activityIds }, step: { in: Object.keys(FROM_STEP) } },
      _sum: { count: true },
    }),
    prisma.registration.groupBy({
      by: ["activityId", "status"],
      where: { activityId: { in: activityIds } },
      _count: { _all: true },
    }),
    // One cohort for the rate: registrations that held a seat, and those of them checked in.
    prisma.registration.groupBy({
      by: ["activityId", "status"],
      where: { activityId: { in: activityIds }, attendedAt: { not: null } },
      _count: { _all: true },
    }),
  ]);
  for (const s of steps) {
    const row = byId.get(s.key);
    if (row) row[FROM_STEP[s.step as keyof typeof FROM_STEP]] += s._sum.count ?? 0;
  }
  for (const s of statuses) {
    const row = byId.get(s.activityId)!;
    if (s.status === "confirmed") row.seated += s._count._all;
    else if (s.status === "waitlisted") row.waitlisted += s._count._all;
    else if (s.status === "cancelled") row.cancelled += s._count._all;
  }
  for (const s of seats) {
    const row = byId.get(s.activityId)!;
    row.seatedAttended += s._count._all;
    // Checked in, then cancelled (or undone into another state): still held a seat at the door.
    if (s.status !== "confirmed") row.seated += s._count._all;
  }
  const total = empty();
  for (const row of byId.values()) for (const k of Object.keys(total) as (keyof ActivityStats)[]) total[k] += row[k];
  return { byId, total };
}

/** Of the seats held (walk-ins included), the share checked in; null when nobody held one. */
export function attendanceRate(s: ActivityStats) {
  return s.seated > 0 ? Math.min(s.seatedAttended, s.seated) / s.seated : null;
}
