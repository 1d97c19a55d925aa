// Figures the portal already knows about a union, for the items filled in automatically. Each is
// counted from the portal's own records for the round's year (Beijing time), so a union cannot
// claim more than it did through the portal — and the page shows where each figure comes from.
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { OVERDUE_WORKING_DAYS, workingDaysBetween } from "~/domain/membership/working-days";
import { prisma } from "~/utils/db.server";
import { ADOPTED, MIN_ANSWERS, SATISFIED_AT, type AutoSource } from "./constants";
import { round1 } from "./grading";

export function yearRange(year: number) {
  return { gte: new Date(`${year}-01-01T00:00:00+08:00`), lt: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

/** Satisfaction of a set of answers: share (in %) whose average rating is SATISFIED_AT or more. */
export async function satisfaction(where: { roundId: string; unionId?: string; countyId?: string | { in: string[] } }) {
  const [answers, satisfied] = await Promise.all([
    prisma.memberEvaluation.count({ where }),
    prisma.memberEvaluation.count({ where: { ...where, average: { gte: SATISFIED_AT } } }),
  ]);
  // Below MIN_ANSWERS nobody sees a rate: a handful of answers could be traced to their authors.
  return { answers, rate: answers >= MIN_ANSWERS ? round1((satisfied / answers) * 100) : null };
}

export async function computeFigures(
  unionId: string,
  roundId: string,
  year: number,
): Promise<Record<AutoSource, number | null>> {
  const union = await prisma.organisation.findUniqueOrThrow({ where: { id: unionId }, select: { path: true } });
  const range = yearRange(year);
  const now = new Date();
  // Activities held: published, started within the year and not in the future, posted by the
  // union itself or a center under it.
  const held = {
    status: "published",
    center: { path: { startsWith: union.path } },
    startsAt: { gte: range.gte, lt: range.lt < now ? range.lt : now },
  };
  const [members, newMembers, activities, attendance, entries, adopted, decided, sat] = await Promise.all([
    prisma.membership.count({ where: { unionId } }),
    prisma.membership.count({ where: { unionId, since: range } }),
    prisma.activity.count({ where: held }),
    prisma.registration.count({ where: { attendedAt: { not: null }, activity: held } }),
    prisma.entry.count({ where: { orgId: unionId, status: ACTIVE_ENTRY, submittedAt: range } }),
    prisma.entry.count({ where: { orgId: unionId, status: { in: ADOPTED }, submittedAt: range } }),
    prisma.membershipApplication.findMany({
      where: { unionId, status: { in: ["approved", "rejected"] }, decidedAt: range },
      select: { createdAt: true, decidedAt: true },
    }),
    satisfaction({ roundId, unionId }),
  ]);
  const onTime = decided.filter((a) => workingDaysBetween(a.createdAt, a.decidedAt!) <= OVERDUE_WORKING_DAYS).length;
  return {
    members,
    new_members: newMembers,
    activities,
    attendance,
    entries,
    adopted_ideas: adopted,
    applications_on_time: decided.length ? round1((onTime / decided.length) * 100) : null,
    satisfaction: sat.rate,
  };
}
