// The center dashboard's figures, per activity and in total, from grouped counts (one query per
// table, not per activity) so it stays cheap as the number of activities grows.
import { prisma } from "~/utils/db.server";

export type ActivityStats = {
  views: number;
  signups: number;
  waitlisted: number;
  cancelled: number;
  attended: number;
  joinClicks: number;
};

const empty = (): ActivityStats => ({ views: 0, signups: 0, waitlisted: 0, cancelled: 0, attended: 0, joinClicks: 0 });

export async function statsFor(activityIds: string[]) {
  const byId = new Map(activityIds.map((id) => [id, empty()]));
  if (activityIds.length === 0) return { byId, total: empty() };
  const [steps, statuses, attended] = await Promise.all([
    prisma.funnelEvent.groupBy({
      by: ["activityId", "step"],
      where: { activityId: { in: activityIds }, step: { in: ["view", "join_click"] } },
      _count: { _all: true },
    }),
    prisma.registration.groupBy({
      by: ["activityId", "status"],
      where: { activityId: { in: activityIds } },
      _count: { _all: true },
    }),
    prisma.registration.groupBy({
      by: ["activityId"],
      where: { activityId: { in: activityIds }, attendedAt: { not: null } },
      _count: { _all: true },
    }),
  ]);
  for (const s of steps) {
    const row = byId.get(s.activityId!);
    if (row) row[s.step === "view" ? "views" : "joinClicks"] += s._count._all;
  }
  for (const s of statuses) {
    const row = byId.get(s.activityId)!;
    if (s.status === "confirmed") row.signups += s._count._all;
    else if (s.status === "waitlisted") row.waitlisted += s._count._all;
    else row.cancelled += s._count._all;
  }
  for (const s of attended) byId.get(s.activityId)!.attended += s._count._all;
  const total = empty();
  for (const row of byId.values()) for (const k of Object.keys(total) as (keyof ActivityStats)[]) total[k] += row[k];
  return { byId, total };
}

/** Attended ÷ confirmed sign-ups; null when nobody signed up. */
export function attendanceRate(s: ActivityStats) {
  return s.signups > 0 ? s.attended / s.signups : null;
}
