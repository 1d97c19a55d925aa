// 优秀工会: the county nominates unions whose assessment was confirmed as meeting the standard;
// the city confirms (or declines); confirmed ones appear on the public list.
import { audit } from "~/utils/audit.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";

export async function nominate(roundId: string, unionId: string, reason: string, actorId: string) {
  const sub = await prisma.assessmentSubmission.findUnique({
    where: { roundId_unionId: { roundId, unionId } },
    select: { status: true, grade: true, countyId: true },
  });
  if (!sub || sub.status !== "confirmed" || sub.grade !== "pass")
    throw new RuleError("assessment.error.notEligible", null, 409);
  try {
    const row = await prisma.excellentUnion.create({
      data: { roundId, unionId, countyId: sub.countyId, reason, nominatedById: actorId },
    });
    await audit(prisma, {
      actorId,
      action: "assessment.excellent.nominate",
      entity: "ExcellentUnion",
      entityId: row.id,
      after: { reason },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("assessment.error.alreadyNominated", null, 409);
    throw error;
  }
}

export async function decideNomination(id: string, confirm: boolean, actorId: string) {
  const status = confirm ? "confirmed" : "rejected";
  const { count } = await prisma.excellentUnion.updateMany({
    where: { id, status: "nominated" },
    data: { status, confirmedById: actorId, decidedAt: new Date() },
  });
  if (count === 0) throw new RuleError("assessment.error.wrongStatus", null, 409);
  await audit(prisma, { actorId, action: `assessment.excellent.${status}`, entity: "ExcellentUnion", entityId: id });
}

/** The public list: confirmed excellent unions of a year, grouped by county. */
export async function publicExcellent(year: number, countyId: string | null) {
  const rows = await prisma.excellentUnion.findMany({
    where: { status: "confirmed", round: { year }, ...(countyId ? { countyId } : {}) },
    select: {
      id: true,
      reason: true,
      countyId: true,
      union: { select: { name: true, county: { select: { name: true, nameEn: true, code: true } } } },
    },
    orderBy: [{ countyId: "asc" }, { nominatedAt: "asc" }],
  });
  return rows;
}
